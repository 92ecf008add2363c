"""The compiled check of schemas/input-criterion-sample.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['iters', 'times'])


def _s0(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    if not (_plain_numbers(v) and min(v) >= 0 and max(v) <= 1e+300 and min(v) > 0):
        for x in v:
            if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300 or x <= 0): return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['iters']
    if not _s0(x): return False
    x = v['times']
    if not _s0(x): return False
    return True


_CHECK = _s1
_EXACT = True
