"""The compiled check of schemas/input-gab.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['name', 'unit', 'value'])
_c1 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')
_c2 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff](?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]{0,30}[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff])?(?![\\s\\S])')
_c3 = frozenset(['extra', 'name', 'range', 'unit', 'value'])


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['name']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c1.search(x) is None): return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c2.search(x) is None): return False
    x = v['value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300): return False
    if (x := v.get('range', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256)): return False
    if (x := v.get('extra', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 65536)): return False
    if not v.keys() <= _c3: return False
    return True

def _s1(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    for x in v:
        if not _s0(x): return False
    return True


_CHECK = _s1
_EXACT = True
