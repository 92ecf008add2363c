"""The compiled check of schemas/baseline.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['provenance', 'report', 'schema_version'])
_c1 = 1
_c2 = frozenset(['benchmarks', 'environment', 'schema_version', 'source', 'suite'])
_c3 = _re.compile('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![\\s\\S])')
_c4 = frozenset(['format'])
_c5 = _re.compile('^[a-z0-9][a-z0-9.-]{0,39}(?![\\s\\S])')
_c6 = _re.compile('^[A-Za-z0-9._-]{1,64}(?![\\s\\S])')
_c7 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c8 = frozenset(['commit', 'format', 'ref'])
_c9 = _formats['date-time']
_c10 = frozenset([])
_c11 = _re.compile('^[A-Za-z0-9_.-]{1,64}(?![\\s\\S])')
_c12 = frozenset(['cores', 'cpu_model', 'extra', 'kernel', 'os', 'runner', 'toolchain'])
_c13 = frozenset(['metrics', 'name'])
_c14 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')
_c15 = frozenset(['direction', 'name', 'unit', 'value'])
_c16 = _re.compile('^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}(?![\\s\\S])')
_c17 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff](?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]{0,30}[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff])?(?![\\s\\S])')
_c18 = frozenset(['higher', 'lower'])
_c19 = ('higher', 'lower')
_c20 = frozenset(['p50', 'p90', 'p99'])
_c21 = frozenset(['lower', 'upper'])
_c22 = frozenset(['level', 'lower', 'upper'])
_c23 = frozenset(['ceiling', 'direction', 'floor', 'interval', 'name', 'percentiles', 'samples', 'unit', 'value'])
_c24 = frozenset(['benchmarks', 'environment', 'schema_version', 'source', 'suite', 'timestamp'])
_c25 = frozenset(['environment_fingerprint', 'forced', 'promoted_at', 'promoted_by'])
_c26 = _re.compile('^https?://[!#-;=?-\\[\\]-_a-~]+(?![\\s\\S])')
_c27 = _re.compile('^[0-9a-f]{16}(?![\\s\\S])')
_c28 = frozenset(['environment_fingerprint', 'forced', 'promoted_at', 'promoted_by', 'reason', 'run_url', 'source_commit', 'source_ref'])
_c29 = True
_c30 = frozenset(['reason'])


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c4: return False
    x = v['format']
    if not (isinstance(x, str)) or (_c5.search(x) is None): return False
    if (x := v.get('commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c6.search(x) is None)): return False
    if (x := v.get('ref', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None)): return False
    if not v.keys() <= _c8: return False
    return True

def _s1(v):
    if not (isinstance(v, str)) or (len(v) < 1 or len(v) > 256 or _c7.search(v) is None): return False
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
        if k not in _c10 and (not _s4(x)): return False
    for x in v:
        if (isinstance(x, str) and (_c11.search(x) is None)): return False
    return True

def _s6(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('os', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None)): return False
    if (x := v.get('kernel', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None)): return False
    if (x := v.get('cpu_model', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None)): return False
    if (x := v.get('cores', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 100000)): return False
    if (x := v.get('runner', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None)): return False
    if (x := v.get('toolchain', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None)): return False
    if (x := v.get('extra', _MISSING)) is not _MISSING and (not _s5(x)): return False
    if not v.keys() <= _c12: return False
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
    if not v.keys() >= _c20: return False
    x = v['p50']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['p90']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['p99']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    if not v.keys() <= _c20: return False
    return True

def _s9(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c21: return False
    x = v['lower']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['upper']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    if (x := v.get('level', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1)): return False
    if not v.keys() <= _c22: return False
    return True

def _s10(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c15: return False
    x = v['name']
    if not (isinstance(x, str)) or (_c16.search(x) is None): return False
    x = v['value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c17.search(x) is None): return False
    x = v['direction']
    if not (x in _c18 if isinstance(x, str) else _in_enum(x, _c19)): return False
    if (x := v.get('samples', _MISSING)) is not _MISSING and (not _s7(x)): return False
    if (x := v.get('percentiles', _MISSING)) is not _MISSING and (not _s8(x)): return False
    if (x := v.get('interval', _MISSING)) is not _MISSING and (not _s9(x)): return False
    if (x := v.get('floor', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('ceiling', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if not v.keys() <= _c23: return False
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
    if not v.keys() >= _c13: return False
    x = v['name']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c14.search(x) is None): return False
    x = v['metrics']
    if not _s11(x): return False
    if not v.keys() <= _c13: return False
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
    if not v.keys() >= _c2: return False
    x = v['schema_version']
    if not (_equal(x, _c1)): return False
    x = v['suite']
    if not (isinstance(x, str)) or (_c3.search(x) is None): return False
    x = v['source']
    if not _s0(x): return False
    if (x := v.get('timestamp', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c9, x)): return False
    x = v['environment']
    if not _s6(x): return False
    x = v['benchmarks']
    if not _s13(x): return False
    if not v.keys() <= _c24: return False
    return True

def _s15(v):
    if isinstance(v, dict):
        if (x := v.get('forced', _MISSING)) is not _MISSING and (not (_equal(x, _c29))): return False
    return True

def _s16(v):
    if isinstance(v, dict):
        if not v.keys() >= _c30: return False
    return True

def _s17(v):
    return True

def _s18(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c25: return False
    x = v['promoted_by']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None): return False
    x = v['promoted_at']
    if not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c9, x): return False
    if (x := v.get('reason', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 1000 or _c7.search(x) is None)): return False
    if (x := v.get('source_commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c6.search(x) is None)): return False
    if (x := v.get('source_ref', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c7.search(x) is None)): return False
    if (x := v.get('run_url', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 2048 or _c26.search(x) is None)): return False
    x = v['environment_fingerprint']
    if not (isinstance(x, str)) or (_c27.search(x) is None): return False
    x = v['forced']
    if not ((x is True or x is False)): return False
    if not v.keys() <= _c28: return False
    if not (_s16(v) if _s15(v) else _s17(v)): return False
    return True

def _s19(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['schema_version']
    if not (_equal(x, _c1)): return False
    x = v['report']
    if not _s14(x): return False
    x = v['provenance']
    if not _s18(x): return False
    if not v.keys() <= _c0: return False
    return True


_CHECK = _s19
_EXACT = True
