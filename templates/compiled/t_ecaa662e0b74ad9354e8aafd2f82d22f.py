from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_footer.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    pass
    yield '<sub>perfaction '
    yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'version')))
    yield ' · '
    yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'thresholds')))
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'run_url'):
        pass
        yield ' · [workflow run]('
        yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'run_url')))
        yield ')'
    yield '</sub>\n'

blocks = {}
debug_info = '2=13'