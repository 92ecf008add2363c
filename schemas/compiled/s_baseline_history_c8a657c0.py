"""The compiled check of schemas/baseline-history.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['limit', 'promotions', 'schema_version', 'series', 'suite'])
_c1 = 1
_c2 = _re.compile('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![\\s\\S])')
_c3 = frozenset(['forced', 'number', 'promoted_at', 'promoted_by'])
_c4 = _formats['date-time']
_c5 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c6 = _re.compile('^[A-Za-z0-9._-]{1,64}(?![\\s\\S])')
_c7 = frozenset(['forced', 'number', 'promoted_at', 'promoted_by', 'source_commit'])
_c8 = frozenset([])
_c9 = frozenset(['direction', 'points', 'unit'])
_c10 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff](?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]{0,30}[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff])?(?![\\s\\S])')
_c11 = frozenset(['higher', 'lower'])
_c12 = ('higher', 'lower')
_c13 = frozenset(['promotion', 'value'])
_c14 = frozenset(['location', 'promotion', 'value'])
_c15 = _re.compile('^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}(?![\\s\\S])')
_c16 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c3: return False
    x = v['number']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1): return False
    x = v['promoted_at']
    if not (isinstance(x, str)) or (len(x) > 64) or _format_fails(_c4, x): return False
    x = v['promoted_by']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c5.search(x) is None): return False
    if (x := v.get('source_commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (_c6.search(x) is None)): return False
    x = v['forced']
    if not ((x is True or x is False)): return False
    if not v.keys() <= _c7: return False
    return True

def _s1(v):
    if not (isinstance(v, list)): return False
    if len(v) > 1000: return False
    for x in v:
        if not _s0(x): return False
    return True

def _s2(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c13: return False
    x = v['promotion']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1): return False
    x = v['value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    if (x := v.get('location', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if not v.keys() <= _c14: return False
    return True

def _s3(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 1000: return False
    for x in v:
        if not _s2(x): return False
    return True

def _s4(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c9: return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c10.search(x) is None): return False
    x = v['direction']
    if not (x in _c11 if isinstance(x, str) else _in_enum(x, _c12)): return False
    x = v['points']
    if not _s3(x): return False
    if not v.keys() <= _c9: return False
    return True

def _s5(v):
    if not (isinstance(v, dict)): return False
    if len(v) < 1: return False
    if len(v) > 64: return False
    for k, x in v.items():
        if k not in _c8 and (not _s4(x)): return False
    for x in v:
        if not (isinstance(x, str)) or (_c15.search(x) is None): return False
    return True

def _s6(v):
    if not (isinstance(v, dict)): return False
    if len(v) > 100000: return False
    for k, x in v.items():
        if k not in _c8 and (not _s5(x)): return False
    for x in v:
        if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c16.search(x) is None): return False
    return True

def _s7(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['schema_version']
    if not (_equal(x, _c1)): return False
    x = v['suite']
    if not (isinstance(x, str)) or (_c2.search(x) is None): return False
    x = v['limit']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 1000): return False
    x = v['promotions']
    if not _s1(x): return False
    x = v['series']
    if not _s6(x): return False
    if not v.keys() <= _c0: return False
    return True


_CHECK = _s7
_EXACT = True
