"""The compiled check of schemas/input-copybook-legacy.schema.json (`make schemas`): do not edit."""

_c0 = _re.compile('^[A-Za-z0-9._-]*(?![\\s\\S])')
_c1 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')


def _s0(v):
    if not (isinstance(v, list)): return False
    if len(v) > 1000: return False
    for x in v:
        if not (isinstance(x, str)) or (len(x) > 4096): return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('display_gibs', _MISSING)) is not _MISSING and (not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0 or x > 1e+300))): return False
    if (x := v.get('comp3_mibs', _MISSING)) is not _MISSING and (not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0 or x > 1e+300))): return False
    if (x := v.get('timestamp', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64)): return False
    if (x := v.get('commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64 or _c0.search(x) is None)): return False
    if (x := v.get('status', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c1.search(x) is None)): return False
    if (x := v.get('warnings', _MISSING)) is not _MISSING and (not _s0(x)): return False
    if (x := v.get('errors', _MISSING)) is not _MISSING and (not _s0(x)): return False
    return True


_CHECK = _s1
_EXACT = True
