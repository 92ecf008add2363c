from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_headline.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'headline'):
        pass
        yield '<b>'
        l_1_loop = missing
        for l_1_item, l_1_loop in LoopContext(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'headline'), undefined):
            _loop_vars = {}
            pass
            yield str(environment.finalize(environment.getattr(l_1_item, 'label')))
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_item, 'value')))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_item = missing
        yield ' '
        yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'emoji')))
        yield '</b> · '
        yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'sentence')))
        yield '\n'
    else:
        pass
        yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'sentence')))
        yield '\n'
    yield '\n'
    yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'counts')))
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'geomean'):
        pass
        yield ' · '
        yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'geomean')))
    yield '\n\n'
    for l_1_line in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'shifts'):
        _loop_vars = {}
        pass
        yield str(environment.finalize(l_1_line))
        yield '\n\n'
    l_1_line = missing
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'environment'), 'differs'):
        pass
        yield '⚠️ <b>The environments differ</b> ('
        l_1_loop = missing
        for l_1_row, l_1_loop in LoopContext(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'environment'), 'differences'), undefined):
            _loop_vars = {}
            pass
            yield str(environment.finalize(environment.getattr(l_1_row, 'key')))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_row = missing
        yield ')'
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'environment'), 'declared_comparable'):
            pass
            yield ': the configuration declares them comparable, so regressions still count.'
        else:
            pass
            yield ': regressions count as inconclusive.'
        yield '\n\n'

blocks = {}
debug_info = '2=12&3=16&5=33&8=36&10=42&11=45&14=48&15=52'