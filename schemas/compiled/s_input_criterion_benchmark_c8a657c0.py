"""The compiled check of schemas/input-criterion-benchmark.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['full_id'])
_c1 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')
_c2 = frozenset(['Bytes', 'BytesDecimal', 'Elements'])


def _s0(v):
    if not (v is None or isinstance(v, dict)): return False
    if isinstance(v, dict):
        if len(v) < 1: return False
        if len(v) > 1: return False
        if (x := v.get('Bytes', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1)): return False
        if (x := v.get('BytesDecimal', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1)): return False
        if (x := v.get('Elements', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1)): return False
        if not v.keys() <= _c2: return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['full_id']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c1.search(x) is None): return False
    if (x := v.get('directory_name', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512)): return False
    if (x := v.get('throughput', _MISSING)) is not _MISSING and (not _s0(x)): return False
    return True


_CHECK = _s1
_EXACT = True
