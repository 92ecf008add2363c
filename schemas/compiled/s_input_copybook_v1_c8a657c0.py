"""The compiled check of schemas/input-copybook-v1.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['benchmarks', 'build_profile', 'commit', 'environment', 'format_version', 'summary', 'target_cpu', 'timestamp'])
_c1 = _re.compile('^[0-9]+\\.[0-9]+\\.[0-9]+(?![\\s\\S])')
_c2 = _formats['date-time']
_c3 = _re.compile('^[a-f0-9]{7,40}(?![\\s\\S])')
_c4 = frozenset(['debug', 'release'])
_c5 = ('debug', 'release')
_c6 = frozenset(['cpu_cores', 'cpu_model', 'kernel', 'os', 'wsl2_detected'])
_c7 = frozenset(['bytes_processed', 'mean_mibps', 'mean_ns', 'name'])
_c8 = frozenset(['comp3_mibps', 'display_mibps', 'max_rss_mib'])
_c9 = frozenset(['sha256'])
_c10 = _re.compile('^[a-f0-9]{64}(?![\\s\\S])')


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c6: return False
    x = v['os']
    if not (isinstance(x, str)): return False
    x = v['kernel']
    if not (isinstance(x, str)): return False
    x = v['cpu_model']
    if not (isinstance(x, str)): return False
    x = v['cpu_cores']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1): return False
    x = v['wsl2_detected']
    if not ((x is True or x is False)): return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c7: return False
    x = v['name']
    if not (isinstance(x, str)): return False
    x = v['mean_ns']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['bytes_processed']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['mean_mibps']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    return True

def _s2(v):
    if not (isinstance(v, list)): return False
    for x in v:
        if not _s1(x): return False
    return True

def _s3(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c8: return False
    x = v['display_mibps']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['comp3_mibps']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['max_rss_mib']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    if (x := v.get('p50_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x)))): return False
    if (x := v.get('p90_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x)))): return False
    if (x := v.get('p99_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x)))): return False
    return True

def _s4(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c9: return False
    x = v['sha256']
    if not (isinstance(x, str)) or (_c10.search(x) is None): return False
    return True

def _s5(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['format_version']
    if not (isinstance(x, str)) or (_c1.search(x) is None): return False
    x = v['timestamp']
    if not (isinstance(x, str)) or _format_fails(_c2, x): return False
    x = v['commit']
    if not (isinstance(x, str)) or (_c3.search(x) is None): return False
    x = v['build_profile']
    if not (isinstance(x, str)) or not (x in _c4 if isinstance(x, str) else _in_enum(x, _c5)): return False
    x = v['target_cpu']
    if not (isinstance(x, str)): return False
    x = v['environment']
    if not _s0(x): return False
    x = v['benchmarks']
    if not _s2(x): return False
    x = v['summary']
    if not _s3(x): return False
    if (x := v.get('integrity', _MISSING)) is not _MISSING and (not _s4(x)): return False
    return True


_CHECK = _s5
_EXACT = True
