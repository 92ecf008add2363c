from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_changes.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_explain_open = resolve('explain_open')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'changed'):
        pass
        l_1_section = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'changed')
        pass
        template = environment.get_template('_table.md.j2', '_changes.md.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'section': l_1_section}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        l_1_section = missing
        yield '\n'
        if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'acknowledged'):
            pass
            yield '🔕 <b>Acknowledged</b>, so they do not fail this run:\n'
            for l_1_row in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'acknowledged'):
                _loop_vars = {}
                pass
                yield '- <b>'
                yield str(environment.finalize(environment.getattr(l_1_row, 'benchmark')))
                yield '</b>'
                if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
                    pass
                    yield ' ('
                    yield str(environment.finalize(environment.getattr(l_1_row, 'metric')))
                    yield ')'
                yield ': '
                yield str(environment.finalize(environment.getattr(l_1_row, 'acknowledged_reason')))
                yield '\n'
            l_1_row = missing
            yield '\n'
        if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'explained'):
            pass
            yield '<details'
            if (undefined(name='explain_open') if l_0_explain_open is missing else l_0_explain_open):
                pass
                yield ' open'
            yield '><summary>Why these verdicts</summary>\n\n'
            for l_1_row in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'explained'):
                _loop_vars = {}
                pass
                yield '- <b>'
                yield str(environment.finalize(environment.getattr(l_1_row, 'benchmark')))
                yield '</b>'
                if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
                    pass
                    yield ' ('
                    yield str(environment.finalize(environment.getattr(l_1_row, 'metric')))
                    yield ')'
                yield ': '
                yield str(environment.finalize(environment.getattr(l_1_row, 'reason')))
                yield '\n'
            l_1_row = missing
            yield '\n</details>\n\n'

blocks = {}
debug_info = '2=13&3=17&5=25&7=28&8=32&12=44&13=47&15=51&16=55'