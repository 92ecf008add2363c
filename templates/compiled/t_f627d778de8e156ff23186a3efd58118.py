from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_inconclusive.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_more = resolve('more')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'inconclusive'):
        pass
        if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'advice'):
            pass
            yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'advice')))
            yield '\n\n'
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'inconclusive'), 'items'):
            pass
            yield '<details><summary>'
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'inconclusive'), 'total')))
            yield ' inconclusive</summary>\n\n'
            l_1_section = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'inconclusive')
            pass
            template = environment.get_template('_table.md.j2', '_inconclusive.md.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'section': l_1_section}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            l_1_section = missing
            yield '\n</details>\n'
        else:
            pass
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'inconclusive'), 'total')))
            yield ' inconclusive, listed '
            yield str(environment.finalize((undefined(name='more') if l_0_more is missing else l_0_more)))
            yield '.\n'
        yield '\n'

blocks = {}
debug_info = '2=13&3=15&4=17&7=19&8=22&10=26&14=36'