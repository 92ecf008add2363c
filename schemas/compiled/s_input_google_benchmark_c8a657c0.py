"""The compiled check of schemas/input-google-benchmark.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['benchmarks', 'context'])
_c1 = frozenset(['name'])
_c2 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')
_c3 = frozenset(['aggregate', 'iteration'])
_c4 = ('iteration', 'aggregate')
_c5 = frozenset(['ms', 'ns', 's', 'us'])
_c6 = ('ns', 'us', 'ms', 's')
_c7 = 'iteration'
_c8 = False
_c9 = frozenset(['cpu_time', 'real_time', 'time_unit'])
_c10 = frozenset(['aggregate_name'])
_c11 = 'mean'


def _s0(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('date', _MISSING)) is not _MISSING and (not (isinstance(x, str))): return False
    if (x := v.get('num_cpus', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1)): return False
    return True

def _s1(v):
    if isinstance(v, dict):
        if (x := v.get('run_type', _MISSING)) is not _MISSING and (not (x == _c7 if isinstance(x, str) else _equal(x, _c7))): return False
        if (x := v.get('error_occurred', _MISSING)) is not _MISSING and (not (_equal(x, _c8))): return False
    return True

def _s2(v):
    if isinstance(v, dict):
        if not v.keys() >= _c9: return False
    return True

def _s3(v):
    return True

def _s4(v):
    if not (_s2(v) if _s1(v) else _s3(v)): return False
    return True

def _s5(v):
    if isinstance(v, dict):
        if not v.keys() >= _c10: return False
        x = v['aggregate_name']
        if not (x == _c11 if isinstance(x, str) else _equal(x, _c11)): return False
    return True

def _s6(v):
    if not (_s2(v) if _s5(v) else _s3(v)): return False
    return True

def _s7(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c1: return False
    x = v['name']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c2.search(x) is None): return False
    if (x := v.get('run_name', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c2.search(x) is None)): return False
    if (x := v.get('run_type', _MISSING)) is not _MISSING and (not (x in _c3 if isinstance(x, str) else _in_enum(x, _c4))): return False
    if (x := v.get('aggregate_name', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64)): return False
    if (x := v.get('repetition_index', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0)): return False
    if (x := v.get('time_unit', _MISSING)) is not _MISSING and (not (x in _c5 if isinstance(x, str) else _in_enum(x, _c6))): return False
    if (x := v.get('real_time', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300)): return False
    if (x := v.get('cpu_time', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300)): return False
    if (x := v.get('bytes_per_second', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300)): return False
    if (x := v.get('items_per_second', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+300)): return False
    if (x := v.get('error_occurred', _MISSING)) is not _MISSING and (not ((x is True or x is False))): return False
    if (x := v.get('error_message', _MISSING)) is not _MISSING and (not (isinstance(x, str))): return False
    if not _s4(v): return False
    if not _s6(v): return False
    return True

def _s8(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 100000: return False
    for x in v:
        if not _s7(x): return False
    return True

def _s9(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['context']
    if not _s0(x): return False
    x = v['benchmarks']
    if not _s8(x): return False
    return True


_CHECK = _s9
_EXACT = True
