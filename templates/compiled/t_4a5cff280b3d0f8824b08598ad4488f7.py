from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_baseline.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'):
        pass
        yield '<b>Baseline:</b> '
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'commit'):
            pass
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'commit')))
            yield ', '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'selection')))
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'commits_behind'):
            pass
            yield ', '
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'commits_behind')))
            yield ' commits behind'
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'promoted_at'):
            pass
            yield '; promoted '
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'promoted_at')))
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'promoted_by'):
            pass
            yield ' by '
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'promoted_by')))
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'reason'):
            pass
            yield ' ('
            yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'reason')))
            yield ')'
        if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'baseline'), 'recorded_history'):
            pass
            yield '; noise and trend from the recorded runs of main'
        yield '.\n\n'
    yield '<b>This run:</b> '
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_run'), 'commit'):
        pass
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_run'), 'commit')))
    else:
        pass
        yield 'unknown commit'
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_run'), 'ref'):
        pass
        yield ' on '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_run'), 'ref')))
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_run'), 'timestamp'):
        pass
        yield ', '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current_run'), 'timestamp')))
    yield '.\n\n'

blocks = {}
debug_info = '2=12&3=15&6=43'