"""The compiled check of schemas/input-copybook-v0.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['benchmarks'])
_c1 = _re.compile('^[A-Za-z0-9._-]*(?![\\s\\S])')
_c2 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c3 = frozenset(['bytes_processed', 'mean_mibps', 'mean_ns', 'name'])
_c4 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c3: return False
    x = v['name']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c4.search(x) is None): return False
    x = v['mean_ns']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    x = v['bytes_processed']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0 or x > 1e+18): return False
    x = v['mean_mibps']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60): return False
    return True

def _s1(v):
    if not (isinstance(v, list)): return False
    if len(v) < 1: return False
    if len(v) > 10000: return False
    for x in v:
        if not _s0(x): return False
    return True

def _s2(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('display_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('comp3_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('max_rss_mib', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x)))): return False
    if (x := v.get('p50_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x)))): return False
    if (x := v.get('p90_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x)))): return False
    if (x := v.get('p99_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x)))): return False
    if (x := v.get('host_cpu', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('host_cores', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 100000)): return False
    if (x := v.get('host_kernel', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('host_os', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('wsl2_detected', _MISSING)) is not _MISSING and (not ((x is True or x is False))): return False
    if (x := v.get('ts', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64)): return False
    return True

def _s3(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('os', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('kernel', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('cpu_model', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('cpu_cores', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 100000)): return False
    if (x := v.get('wsl2_detected', _MISSING)) is not _MISSING and (not ((x is True or x is False))): return False
    return True

def _s4(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    if (x := v.get('format_version', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 32)): return False
    if (x := v.get('timestamp', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64)): return False
    if (x := v.get('commit', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 64 or _c1.search(x) is None)): return False
    if (x := v.get('toolchain', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('status', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('build_profile', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('target_cpu', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) > 256 or _c2.search(x) is None)): return False
    if (x := v.get('display_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('display_gibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    if (x := v.get('comp3_mibps', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1e+60)): return False
    x = v['benchmarks']
    if not _s1(x): return False
    if (x := v.get('summary', _MISSING)) is not _MISSING and (not _s2(x)): return False
    if (x := v.get('environment', _MISSING)) is not _MISSING and (not _s3(x)): return False
    return True


_CHECK = _s4
_EXACT = True
