"""The compiled check of schemas/config.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['failure', 'never', 'warning'])
_c1 = ('failure', 'warning', 'never')
_c2 = frozenset(['unit', 'value'])
_c3 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff](?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]{0,30}[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff])?(?![\\s\\S])')
_c4 = frozenset(['cores', 'cpu_model', 'os', 'runner', 'toolchain'])
_c5 = ('os', 'cpu_model', 'cores', 'runner', 'toolchain')
_c6 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c7 = frozenset([])
_c8 = frozenset(['benchmark'])
_c9 = frozenset(['higher', 'lower'])
_c10 = ('higher', 'lower')
_c11 = frozenset(['benchmark', 'direction', 'fail_pct', 'metric', 'min_absolute', 'unit', 'warn_pct'])
_c12 = frozenset(['benchmark', 'metric'])
_c13 = frozenset(['benchmark', 'ceiling', 'floor', 'metric', 'unit'])
_c14 = frozenset(['floor'])
_c15 = frozenset(['ceiling'])
_c16 = frozenset(['benchmark', 'reason'])
_c17 = _formats['date']
_c18 = frozenset(['benchmark', 'expires', 'metric', 'reason'])
_c19 = frozenset(['acknowledged', 'aliases', 'alpha', 'enforce_slos', 'environments_comparable', 'fail_pct', 'ignore', 'min_absolute', 'override', 'slo', 'suite_shift', 'warn_pct'])
_c20 = frozenset(['max_download_mib', 'max_unzipped_mib'])
_c21 = frozenset(['max_results_mib', 'max_suites'])
_c22 = frozenset(['max_age_days', 'max_runs'])
_c23 = frozenset(['artifacts', 'compare', 'history', 'limits'])


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c2: return False
    x = v['value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 1e+60 or x <= 0): return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c3.search(x) is None): return False
    if not v.keys() <= _c2: return False
    return True

def _s1(v):
    if not ((v is True or v is False)): return False
    return True

def _s2(v):
    if not (isinstance(v, list)): return False
    if not _unique(v): return False
    for x in v:
        if not (x in _c4 if isinstance(x, str) else _in_enum(x, _c5)): return False
    return True

def _s3(v):
    if not (_s1(v) or _s2(v)): return False
    return True

def _s4(v):
    if not (isinstance(v, list)): return False
    if len(v) > 1000: return False
    for x in v:
        if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None): return False
    return True

def _s5(v):
    if not (isinstance(v, dict)): return False
    if len(v) > 10000: return False
    for k, x in v.items():
        if k not in _c7 and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None)): return False
    for x in v:
        if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None): return False
    return True

def _s6(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c8: return False
    x = v['benchmark']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None): return False
    if (x := v.get('metric', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None)): return False
    if (x := v.get('warn_pct', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 1000 or x <= 0)): return False
    if (x := v.get('fail_pct', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 1000 or x <= 0)): return False
    if (x := v.get('min_absolute', _MISSING)) is not _MISSING and (not _s0(x)): return False
    if (x := v.get('direction', _MISSING)) is not _MISSING and (not (x in _c9 if isinstance(x, str) else _in_enum(x, _c10))): return False
    if (x := v.get('unit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c3.search(x) is None)): return False
    if not v.keys() <= _c11: return False
    return True

def _s7(v):
    if not (isinstance(v, list)): return False
    if len(v) > 1000: return False
    for x in v:
        if not _s6(x): return False
    return True

def _s8(v):
    if isinstance(v, dict):
        if not v.keys() >= _c14: return False
    return True

def _s9(v):
    if isinstance(v, dict):
        if not v.keys() >= _c15: return False
    return True

def _s10(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c12: return False
    x = v['benchmark']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None): return False
    x = v['metric']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None): return False
    if (x := v.get('floor', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('ceiling', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('unit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c3.search(x) is None)): return False
    if not v.keys() <= _c13: return False
    if not (_s8(v) or _s9(v)): return False
    return True

def _s11(v):
    if not (isinstance(v, list)): return False
    if len(v) > 1000: return False
    for x in v:
        if not _s10(x): return False
    return True

def _s12(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c16: return False
    x = v['benchmark']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None): return False
    if (x := v.get('metric', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c6.search(x) is None)): return False
    x = v['reason']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 500 or _c6.search(x) is None): return False
    if (x := v.get('expires', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or _format_fails(_c17, x)): return False
    if not v.keys() <= _c18: return False
    return True

def _s13(v):
    if not (isinstance(v, list)): return False
    if len(v) > 1000: return False
    for x in v:
        if not _s12(x): return False
    return True

def _s14(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('warn_pct', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 1000 or x <= 0)): return False
    if (x := v.get('fail_pct', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 1000 or x <= 0)): return False
    if (x := v.get('alpha', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 0.5 or x <= 0)): return False
    if (x := v.get('suite_shift', _MISSING)) is not _MISSING and (not (x in _c0 if isinstance(x, str) else _in_enum(x, _c1))): return False
    if (x := v.get('min_absolute', _MISSING)) is not _MISSING and (not _s0(x)): return False
    if (x := v.get('environments_comparable', _MISSING)) is not _MISSING and (not _s3(x)): return False
    if (x := v.get('enforce_slos', _MISSING)) is not _MISSING and (not ((x is True or x is False))): return False
    if (x := v.get('ignore', _MISSING)) is not _MISSING and (not _s4(x)): return False
    if (x := v.get('aliases', _MISSING)) is not _MISSING and (not _s5(x)): return False
    if (x := v.get('override', _MISSING)) is not _MISSING and (not _s7(x)): return False
    if (x := v.get('slo', _MISSING)) is not _MISSING and (not _s11(x)): return False
    if (x := v.get('acknowledged', _MISSING)) is not _MISSING and (not _s13(x)): return False
    if not v.keys() <= _c19: return False
    return True

def _s15(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('max_download_mib', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 2048 or x <= 0)): return False
    if (x := v.get('max_unzipped_mib', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 8192 or x <= 0)): return False
    if not v.keys() <= _c20: return False
    return True

def _s16(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('max_suites', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 1000)): return False
    if (x := v.get('max_results_mib', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x > 8192 or x <= 0)): return False
    if not v.keys() <= _c21: return False
    return True

def _s17(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('max_runs', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 10000)): return False
    if (x := v.get('max_age_days', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 36600)): return False
    if not v.keys() <= _c22: return False
    return True

def _s18(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('compare', _MISSING)) is not _MISSING and (not _s14(x)): return False
    if (x := v.get('artifacts', _MISSING)) is not _MISSING and (not _s15(x)): return False
    if (x := v.get('limits', _MISSING)) is not _MISSING and (not _s16(x)): return False
    if (x := v.get('history', _MISSING)) is not _MISSING and (not _s17(x)): return False
    if not v.keys() <= _c23: return False
    return True


_CHECK = _s18
_EXACT = True
