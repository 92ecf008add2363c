from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_table.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_section = resolve('section')
    l_0_more = resolve('more')
    pass
    yield '| Benchmark |'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
        pass
        yield ' Metric |'
    yield ' Baseline | Current | Change | Verdict |\n|:--|'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
        pass
        yield ':--|'
    yield '--:|--:|--:|:--|\n'
    for l_1_row in environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'items'):
        _loop_vars = {}
        pass
        yield '| '
        if environment.getattr(l_1_row, 'under'):
            pass
            yield '↳ '
        yield str(environment.finalize(environment.getattr(l_1_row, 'benchmark')))
        yield ' |'
        if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
            pass
            yield ' '
            yield str(environment.finalize(environment.getattr(l_1_row, 'metric')))
            yield ' |'
        yield ' '
        yield str(environment.finalize(environment.getattr(l_1_row, 'baseline')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_row, 'current')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_row, 'change')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_row, 'verdict')))
        yield ' |\n'
    l_1_row = missing
    if environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'omitted'):
        pass
        yield '\n…and '
        yield str(environment.finalize(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'omitted')))
        yield ' more '
        yield str(environment.finalize((undefined(name='more') if l_0_more is missing else l_0_more)))
        yield '.\n'

blocks = {}
debug_info = '2=15&3=19&4=23&5=27&7=47&9=50'