"""The compiled check of schemas/perf-report.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['benchmarks', 'environment', 'schema_version', 'source', 'suite'])
_c1 = 1
_c2 = _re.compile('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![\\s\\S])')
_c3 = frozenset(['format'])
_c4 = _re.compile('^[a-z0-9][a-z0-9.-]{0,39}(?![\\s\\S])')
_c5 = _re.compile('^[A-Za-z0-9._-]{1,64}(?![\\s\\S])')
_c6 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c7 = frozenset(['commit', 'format', 'ref'])
_c8 = _formats['date-time']
_c9 = frozenset([])
_c10 = _re.compile('^[A-Za-z0-9_.-]{1,64}(?![\\s\\S])')
_c11 = frozenset(['cores', 'cpu_model', 'extra', 'kernel', 'os', 'runner', 'toolchain'])
_c12 = frozenset(['metrics', 'name'])
_c13 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')
_c14 = frozenset(['direction', 'name', 'unit', 'value'])
_c15 = _re.compile('^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}(?![\\s\\S])')
_c16 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff](?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]{0,30}[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff])?(?![\\s\\S])')
_c17 = frozenset(['higher', 'lower'])
_c18 = ('higher', 'lower')
_c19 = frozenset(['p50', 'p90', 'p99'])
_c20 = frozenset(['lower', 'upper'])
_c21 = frozenset(['level', 'lower', 'upper'])
_c22 = frozenset(['ceiling', 'direction', 'floor', 'interval', 'name', 'percentiles', 'samples', 'unit', 'value'])
_c23 = frozenset(['benchmarks', 'environment', 'schema_version', 'source', 'suite', 'timestamp'])


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c3: return False
    x = v['format']
    if not (isinstance(x, str)) or (_c4.search(x) is None): return False
    if (x := v.get('commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c5.search(x) is None)): return False
    if (x := v.get('ref', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c6.search(x) is None)): return False
    if not v.keys() <= _c7: return False
    return True

def _s1(v):
    if not (isinstance(v, str)) or (len(v) < 1 or len(v) > 256 or _c6.search(v) is None): return False
    return True

def _s2(v):
    if not ((type(v) is float or type(v) is int or _is_number(v))): return False
    return True

def _s3(v):
    if not ((v is True or v is False)): return False
    return True

def _s4(v):
    if not (_s1(v) or _s2(v) or _s3(v)): return False
    return True

def _s5(v):
    if not (isinstance(v, dict)): return False
    if len(v) > 64: return False
    for k, x in v.items():
        if k not in _c9 and (not _s4(x)): return False
    for x in v:
        if (isinstance(x, str) and (_c10.search(x) is None)): return False
    return True

def _s6(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('os', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c6.search(x) is None)): return False
    if (x := v.get('kernel', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c6.search(x) is None)): return False
    if (x := v.get('cpu_model', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c6.search(x) is None)): return False
    if (x := v.get('cores', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 100000)): return False
    if (x := v.get('runner', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c6.search(x) is None)): return False
    if (x := v.get('toolchain', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c6.search(x) is None)): return False
    if (x := v.get('extra', _MISSING)) is not _MISSING and (not _s5(x)): return False
    if not v.keys() <= _c11: return False
    return True

def _s7(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    if not (_plain_numbers(v) and min(v) >= 0 and max(v) <= 1e+60):
        for x in v:
            if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    return True

def _s8(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c19: return False
    x = v['p50']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['p90']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['p99']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    if not v.keys() <= _c19: return False
    return True

def _s9(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c20: return False
    x = v['lower']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['upper']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    if (x := v.get('level', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1)): return False
    if not v.keys() <= _c21: return False
    return True

def _s10(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c14: return False
    x = v['name']
    if not (isinstance(x, str)) or (_c15.search(x) is None): return False
    x = v['value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c16.search(x) is None): return False
    x = v['direction']
    if not (x in _c17 if isinstance(x, str) else _in_enum(x, _c18)): return False
    if (x := v.get('samples', _MISSING)) is not _MISSING and (not _s7(x)): return False
    if (x := v.get('percentiles', _MISSING)) is not _MISSING and (not _s8(x)): return False
    if (x := v.get('interval', _MISSING)) is not _MISSING and (not _s9(x)): return False
    if (x := v.get('floor', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('ceiling', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if not v.keys() <= _c22: return False
    return True

def _s11(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 64: return False
    for x in v:
        if not _s10(x): return False
    return True

def _s12(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c12: return False
    x = v['name']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c13.search(x) is None): return False
    x = v['metrics']
    if not _s11(x): return False
    if not v.keys() <= _c12: return False
    return True

def _s13(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    for x in v:
        if not _s12(x): return False
    return True

def _s14(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['schema_version']
    if not (_equal(x, _c1)): return False
    x = v['suite']
    if not (isinstance(x, str)) or (_c2.search(x) is None): return False
    x = v['source']
    if not _s0(x): return False
    if (x := v.get('timestamp', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c8, x)): return False
    x = v['environment']
    if not _s6(x): return False
    x = v['benchmarks']
    if not _s13(x): return False
    if not v.keys() <= _c23: return False
    return True


_CHECK = _s14
_EXACT = True
