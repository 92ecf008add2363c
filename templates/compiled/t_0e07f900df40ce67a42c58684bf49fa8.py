from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_trend.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_trend_open = resolve('trend_open')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'charts'):
        pass
        yield '<details'
        if (undefined(name='trend_open') if l_0_trend_open is missing else l_0_trend_open):
            pass
            yield ' open'
        yield '><summary>Trend over the '
        if (environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline') and environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'recorded_history')):
            pass
            yield 'recorded runs of main'
        else:
            pass
            yield 'baseline history'
        yield '</summary>\n\n'
        l_1_loop = missing
        for l_1_chart, l_1_loop in LoopContext(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'charts'), undefined):
            _loop_vars = {}
            pass
            yield '```mermaid\n%%{init: {"xyChart": {"width": 640, "height": 260}, "themeVariables": {"xyChart": {"plotColorPalette": "#0969da"}}}}%%\nxychart-beta\n    title "'
            yield str(environment.finalize(environment.getattr(l_1_chart, 'title')))
            yield '"\n    x-axis ['
            l_2_loop = missing
            for l_2_label, l_2_loop in LoopContext(environment.getattr(l_1_chart, 'labels'), undefined):
                _loop_vars = {}
                pass
                yield '"'
                yield str(environment.finalize(l_2_label))
                yield '"'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ', '
            l_2_loop = l_2_label = missing
            yield ']\n    y-axis "'
            yield str(environment.finalize(environment.getattr(l_1_chart, 'unit')))
            yield '"\n    line ['
            yield str(environment.finalize(environment.getattr(l_1_chart, 'values')))
            yield ']\n```\n\n'
        l_1_loop = l_1_chart = missing
        yield '</details>\n\n'

blocks = {}
debug_info = '2=13&3=16&5=28&9=32&10=35&11=46&12=48'