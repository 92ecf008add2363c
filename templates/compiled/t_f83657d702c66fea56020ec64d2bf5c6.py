from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_slo.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_slos = resolve('slos')
    l_0_more = resolve('more')
    pass
    if (undefined(name='slos') if l_0_slos is missing else l_0_slos):
        pass
        yield '| SLO | Limit | Current | Margin | Status |\n|:--|--:|--:|--:|:--|\n'
        for l_1_slo in environment.getattr((undefined(name='slos') if l_0_slos is missing else l_0_slos), 'items'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_slo, 'benchmark')))
            yield ' '
            yield str(environment.finalize(environment.getattr(l_1_slo, 'metric')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_slo, 'limit')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_slo, 'current')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_slo, 'margin')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_slo, 'verdict')))
            yield ' |\n'
        l_1_slo = missing
        if environment.getattr((undefined(name='slos') if l_0_slos is missing else l_0_slos), 'omitted'):
            pass
            yield '\n…and '
            yield str(environment.finalize(environment.getattr((undefined(name='slos') if l_0_slos is missing else l_0_slos), 'omitted')))
            yield ' more '
            yield str(environment.finalize((undefined(name='more') if l_0_more is missing else l_0_more)))
            yield '.\n'
        yield '\n'

blocks = {}
debug_info = '2=13&5=16&6=20&8=33&10=36'