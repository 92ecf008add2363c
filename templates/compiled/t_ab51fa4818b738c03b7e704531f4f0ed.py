from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'check_summary.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_more = l_0_explain_open = l_0_trend_open = l_0_environment_full = missing
    pass
    l_0_more = 'in the job summary'
    context.vars['more'] = l_0_more
    context.exported_vars.add('more')
    l_0_explain_open = False
    context.vars['explain_open'] = l_0_explain_open
    context.exported_vars.add('explain_open')
    l_0_trend_open = False
    context.vars['trend_open'] = l_0_trend_open
    context.exported_vars.add('trend_open')
    l_0_environment_full = False
    context.vars['environment_full'] = l_0_environment_full
    context.exported_vars.add('environment_full')
    template = environment.get_template('_headline.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_changes.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_lists.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_slos = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'slos_brief')
    pass
    template = environment.get_template('_slo.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'slos': l_1_slos, 'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_slos = missing
    template = environment.get_template('_inconclusive.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_unchanged.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_baseline.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_environment.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_footer.md.j2', 'check_summary.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {}
debug_info = '1=13&2=16&3=19&4=22&5=25&6=31&7=37&8=45&9=52&10=58&11=64&12=70&13=76'