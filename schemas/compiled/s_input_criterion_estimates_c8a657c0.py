"""The compiled check of schemas/input-criterion-estimates.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['mean'])
_c1 = frozenset(['confidence_interval', 'point_estimate'])
_c2 = frozenset(['confidence_level', 'lower_bound', 'upper_bound'])


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c2: return False
    x = v['confidence_level']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1): return False
    x = v['lower_bound']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300): return False
    x = v['upper_bound']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300): return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c1: return False
    x = v['point_estimate']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300 or x <= 0): return False
    x = v['confidence_interval']
    if not _s0(x): return False
    return True

def _s2(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['mean']
    if not _s1(x): return False
    return True


_CHECK = _s2
_EXACT = True
