from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_environment.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_environment_full = resolve('environment_full')
    l_0_view = resolve('view')
    l_0_env_rows = missing
    pass
    l_0_env_rows = (environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'environment'), 'rows') if (undefined(name='environment_full') if l_0_environment_full is missing else l_0_environment_full) else environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'environment'), 'differences'))
    context.vars['env_rows'] = l_0_env_rows
    context.exported_vars.add('env_rows')
    if (environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'show'), 'environment') and (undefined(name='env_rows') if l_0_env_rows is missing else l_0_env_rows)):
        pass
        yield '<details'
        if (undefined(name='environment_full') if l_0_environment_full is missing else l_0_environment_full):
            pass
            yield ' open'
        yield '><summary>Environment</summary>\n\n| | Baseline | This run |\n|:--|:--|:--|\n'
        for l_1_row in (undefined(name='env_rows') if l_0_env_rows is missing else l_0_env_rows):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_row, 'key')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_row, 'baseline')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_row, 'current')))
            yield ' |\n'
        l_1_row = missing
        yield '| fingerprint | '
        yield str(environment.finalize((environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'environment'), 'baseline_fingerprint') or '—')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'environment'), 'current_fingerprint')))
        yield ' |\n\n</details>\n\n'

blocks = {}
debug_info = '2=14&3=17&4=20&8=24&9=28&11=36'