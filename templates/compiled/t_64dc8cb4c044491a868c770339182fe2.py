from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'comment.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_more = l_0_explain_open = l_0_trend_open = l_0_environment_full = missing
    pass
    yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'marker')))
    yield '\n### '
    yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'badge')))
    yield ' · '
    yield str(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'suite')))
    yield '\n\n'
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
    template = environment.get_template('_headline.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_changes.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_lists.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_slos = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'slos_brief')
    pass
    template = environment.get_template('_slo.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'slos': l_1_slos, 'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_slos = missing
    template = environment.get_template('_inconclusive.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_unchanged.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_trend.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_next_steps.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_baseline.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_environment.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_footer.md.j2', 'comment.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'environment_full': l_0_environment_full, 'explain_open': l_0_explain_open, 'more': l_0_more, 'trend_open': l_0_trend_open}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {}
debug_info = '1=13&2=15&4=19&5=22&6=25&7=28&8=31&9=37&10=43&11=51&12=58&13=64&14=70&15=76&16=82&17=88&18=94'