"""The compiled check of schemas/input-hyperfine.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['results'])
_c1 = frozenset(['command', 'mean'])
_c2 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')


def _s0(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    if not (_plain_numbers(v) and min(v) >= 0 and max(v) <= 1e+300):
        for x in v:
            if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300): return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c1: return False
    x = v['command']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c2.search(x) is None): return False
    x = v['mean']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300): return False
    if (x := v.get('times', _MISSING)) is not _MISSING and (not _s0(x)): return False
    return True

def _s2(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    for x in v:
        if not _s1(x): return False
    return True

def _s3(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['results']
    if not _s2(x): return False
    return True


_CHECK = _s3
_EXACT = True
