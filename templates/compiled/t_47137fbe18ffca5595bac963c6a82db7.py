from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_next_steps.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'next_steps'):
        pass
        yield '<b>What next</b>\n\n'
        for l_1_step in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'next_steps'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(l_1_step))
            yield '\n'
        l_1_step = missing
        yield '\n'

blocks = {}
debug_info = '3=12&6=15&7=19'