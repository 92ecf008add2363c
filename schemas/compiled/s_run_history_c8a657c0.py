"""The compiled check of schemas/run-history.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['kind', 'schema_version', 'suite'])
_c1 = 1
_c2 = frozenset(['chunk', 'index', 'keys'])
_c3 = ('index', 'chunk', 'keys')
_c4 = _re.compile('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![\\s\\S])')
_c5 = 'index'
_c6 = frozenset(['chunks', 'kind', 'retention', 'schema_version', 'suite'])
_c7 = frozenset(['max_age_days', 'max_runs'])
_c8 = frozenset(['keys', 'name', 'runs'])
_c9 = _re.compile('^chunk-[0-9]{8,10}(?![\\s\\S])')
_c10 = _re.compile('^keys-[0-9a-f]{16}(?![\\s\\S])')
_c11 = frozenset(['seq', 'time'])
_c12 = _formats['date-time']
_c13 = _re.compile('^[A-Za-z0-9._-]{1,64}(?![\\s\\S])')
_c14 = frozenset(['commit', 'run_id', 'seq', 'time'])
_c15 = 'chunk'
_c16 = frozenset(['keys', 'kind', 'runs', 'schema_version', 'suite'])
_c17 = frozenset(['recorded_at', 'recorded_by', 'seq', 'time', 'values'])
_c18 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c19 = _re.compile('^https?://[!#-;=?-\\[\\]-_a-~]+(?![\\s\\S])')
_c20 = frozenset(['absent', 'commit', 'counts', 'environment', 'recorded_at', 'recorded_by', 'ref', 'run_attempt', 'run_id', 'run_url', 'seq', 'spreads', 'time', 'timestamp', 'values'])
_c21 = frozenset([])
_c22 = _re.compile('^[A-Za-z0-9_.-]{1,64}(?![\\s\\S])')
_c23 = frozenset(['cores', 'cpu_model', 'extra', 'kernel', 'os', 'runner', 'toolchain'])
_c24 = frozenset(['environments', 'keys', 'kind', 'runs', 'schema_version', 'suite'])
_c25 = 'keys'
_c26 = frozenset(['benchmarks', 'kind', 'metrics', 'schema_version', 'slots', 'suite'])
_c27 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')
_c28 = frozenset(['direction', 'name', 'unit'])
_c29 = _re.compile('^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}(?![\\s\\S])')
_c30 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff](?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]{0,30}[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff])?(?![\\s\\S])')
_c31 = frozenset(['higher', 'lower'])
_c32 = ('higher', 'lower')


def _s0(v):
    if isinstance(v, dict):
        if (x := v.get('kind', _MISSING)) is not _MISSING and (not (x == _c5 if isinstance(x, str) else _equal(x, _c5))): return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c7: return False
    x = v['max_runs']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 10000): return False
    x = v['max_age_days']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 36600): return False
    if not v.keys() <= _c7: return False
    return True

def _s2(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c11: return False
    x = v['seq']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 1000000000): return False
    x = v['time']
    if not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c12, x): return False
    if (x := v.get('run_id', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 1000000000000000)): return False
    if (x := v.get('commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c13.search(x) is None)): return False
    if not v.keys() <= _c14: return False
    return True

def _s3(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 10000: return False
    for x in v:
        if not _s2(x): return False
    return True

def _s4(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c8: return False
    x = v['name']
    if not (isinstance(x, str)) or (_c9.search(x) is None): return False
    x = v['keys']
    if not (isinstance(x, str)) or (_c10.search(x) is None): return False
    x = v['runs']
    if not _s3(x): return False
    if not v.keys() <= _c8: return False
    return True

def _s5(v):
    if not (isinstance(v, list)): return False
    if len(v) > 20000: return False
    for x in v:
        if not _s4(x): return False
    return True

def _s6(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c6: return False
    x = v['retention']
    if not _s1(x): return False
    x = v['chunks']
    if not _s5(x): return False
    if not v.keys() <= _c6: return False
    return True

def _s7(v):
    return True

def _s8(v):
    if not (_s6(v) if _s0(v) else _s7(v)): return False
    return True

def _s9(v):
    if isinstance(v, dict):
        if (x := v.get('kind', _MISSING)) is not _MISSING and (not (x == _c15 if isinstance(x, str) else _equal(x, _c15))): return False
    return True

def _s10(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    for x in v:
        if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    return True

def _s11(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c17: return False
    x = v['seq']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 1000000000): return False
    x = v['time']
    if not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c12, x): return False
    x = v['recorded_at']
    if not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c12, x): return False
    x = v['recorded_by']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c18.search(x) is None): return False
    if (x := v.get('commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c13.search(x) is None)): return False
    if (x := v.get('ref', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c18.search(x) is None)): return False
    if (x := v.get('timestamp', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c12, x)): return False
    if (x := v.get('run_id', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 1000000000000000)): return False
    if (x := v.get('run_attempt', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 100000)): return False
    if (x := v.get('run_url', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 512 or _c19.search(x) is None)): return False
    if (x := v.get('environment', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0 or x > 9999)): return False
    x = v['values']
    if not (isinstance(x, str)) or (len(x) < 4 or len(x) > 8000000): return False
    if (x := v.get('counts', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x)) or isinstance(x, str)) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0 or x > 65535)) or (isinstance(x, str) and (len(x) < 4 or len(x) > 8000000))): return False
    if (x := v.get('spreads', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 4 or len(x) > 8000000)): return False
    if (x := v.get('absent', _MISSING)) is not _MISSING and (not _s10(x)): return False
    if not v.keys() <= _c20: return False
    return True

def _s12(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 10000: return False
    for x in v:
        if not _s11(x): return False
    return True

def _s13(v):
    if not (isinstance(v, str)) or (len(v) < 1 or len(v) > 256 or _c18.search(v) is None): return False
    return True

def _s14(v):
    if not ((type(v) is float or type(v) is int or _is_number(v))): return False
    return True

def _s15(v):
    if not ((v is True or v is False)): return False
    return True

def _s16(v):
    if not (_s13(v) or _s14(v) or _s15(v)): return False
    return True

def _s17(v):
    if not (isinstance(v, dict)): return False
    if len(v) > 64: return False
    for k, x in v.items():
        if k not in _c21 and (not _s16(x)): return False
    for x in v:
        if (isinstance(x, str) and (_c22.search(x) is None)): return False
    return True

def _s18(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('os', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c18.search(x) is None)): return False
    if (x := v.get('kernel', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c18.search(x) is None)): return False
    if (x := v.get('cpu_model', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c18.search(x) is None)): return False
    if (x := v.get('cores', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 100000)): return False
    if (x := v.get('runner', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c18.search(x) is None)): return False
    if (x := v.get('toolchain', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c18.search(x) is None)): return False
    if (x := v.get('extra', _MISSING)) is not _MISSING and (not _s17(x)): return False
    if not v.keys() <= _c23: return False
    return True

def _s19(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 10000: return False
    for x in v:
        if not _s18(x): return False
    return True

def _s20(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c16: return False
    x = v['keys']
    if not (isinstance(x, str)) or (_c10.search(x) is None): return False
    x = v['runs']
    if not _s12(x): return False
    if (x := v.get('environments', _MISSING)) is not _MISSING and (not _s19(x)): return False
    if not v.keys() <= _c24: return False
    return True

def _s21(v):
    if not (_s20(v) if _s9(v) else _s7(v)): return False
    return True

def _s22(v):
    if isinstance(v, dict):
        if (x := v.get('kind', _MISSING)) is not _MISSING and (not (x == _c25 if isinstance(x, str) else _equal(x, _c25))): return False
    return True

def _s23(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    for x in v:
        if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c27.search(x) is None): return False
    return True

def _s24(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c28: return False
    x = v['name']
    if not (isinstance(x, str)) or (_c29.search(x) is None): return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c30.search(x) is None): return False
    x = v['direction']
    if not (x in _c31 if isinstance(x, str) else _in_enum(x, _c32)): return False
    if not v.keys() <= _c28: return False
    return True

def _s25(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 1000: return False
    for x in v:
        if not _s24(x): return False
    return True

def _s26(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c26: return False
    x = v['benchmarks']
    if not _s23(x): return False
    x = v['metrics']
    if not _s25(x): return False
    x = v['slots']
    if not (isinstance(x, str)) or (len(x) < 4 or len(x) > 8000000): return False
    if not v.keys() <= _c26: return False
    return True

def _s27(v):
    if not (_s26(v) if _s22(v) else _s7(v)): return False
    return True

def _s28(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['schema_version']
    if not (_equal(x, _c1)): return False
    x = v['kind']
    if not (x in _c2 if isinstance(x, str) else _in_enum(x, _c3)): return False
    x = v['suite']
    if not (isinstance(x, str)) or (_c4.search(x) is None): return False
    if not _s8(v): return False
    if not _s21(v): return False
    if not _s27(v): return False
    return True


_CHECK = _s28
_EXACT = True
