from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_lists.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_more = resolve('more')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_only'):
        pass
        yield '| Benchmark |'
        if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
            pass
            yield ' Metric |'
        yield ' Current |\n|:--|'
        if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
            pass
            yield ':--|'
        yield '--:|\n'
        for l_1_row in environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_only'), 'items'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_row, 'benchmark')))
            yield ' |'
            if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
                pass
                yield ' '
                yield str(environment.finalize(environment.getattr(l_1_row, 'metric')))
                yield ' |'
            yield ' '
            yield str(environment.finalize(environment.getattr(l_1_row, 'current')))
            yield ' |\n'
        l_1_row = missing
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_only'), 'omitted'):
            pass
            yield '\n…and '
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_only'), 'omitted')))
            yield ' more '
            yield str(environment.finalize((undefined(name='more') if l_0_more is missing else l_0_more)))
            yield '.\n'
        yield '\nThe first promoted baseline will be the reference for later runs.\n\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'new'):
        pass
        yield '🆕 <b>New</b>, with no baseline value yet:\n'
        for l_1_row in environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'new'), 'items'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_row, 'benchmark')))
            if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_row, 'metric')))
                yield ')'
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_row, 'current')))
            yield '\n'
        l_1_row = missing
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'new'), 'omitted'):
            pass
            yield '- …and '
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'new'), 'omitted')))
            yield ' more '
            yield str(environment.finalize((undefined(name='more') if l_0_more is missing else l_0_more)))
            yield '\n'
        yield '\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'missing'):
        pass
        yield '➖ <b>Missing</b>, in the baseline but not in this run:\n'
        for l_1_row in environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'missing'), 'items'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_row, 'benchmark')))
            if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'multi_metric'):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_row, 'metric')))
                yield ')'
            yield ': was '
            yield str(environment.finalize(environment.getattr(l_1_row, 'baseline')))
            yield '\n'
        l_1_row = missing
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'missing'), 'omitted'):
            pass
            yield '- …and '
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'missing'), 'omitted')))
            yield ' more '
            yield str(environment.finalize((undefined(name='more') if l_0_more is missing else l_0_more)))
            yield '\n'
        yield '\n'

blocks = {}
debug_info = '2=13&3=16&4=20&5=24&6=28&8=39&10=42&16=47&18=50&19=54&21=64&22=67&26=72&28=75&29=79&31=89&32=92'