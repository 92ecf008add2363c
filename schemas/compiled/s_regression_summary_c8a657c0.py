"""The compiled check of schemas/regression-summary.schema.json (`make schemas`): do not edit."""

_c0 = frozenset(['counts', 'current', 'environment', 'flags', 'geomean', 'rows', 'schema_version', 'slos', 'status', 'suite', 'thresholds'])
_c1 = 1
_c2 = _re.compile('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![\\s\\S])')
_c3 = frozenset(['FAILURE', 'NEUTRAL', 'PASS', 'WARNING'])
_c4 = ('FAILURE', 'WARNING', 'PASS', 'NEUTRAL')
_c5 = frozenset(['failure', 'improved', 'missing', 'neutral', 'new', 'pass', 'warning'])
_c6 = frozenset(['acknowledged', 'few_samples', 'ignored', 'inconclusive'])
_c7 = frozenset(['acknowledged', 'few_samples', 'ignored', 'inconclusive', 'too_noisy'])
_c8 = frozenset(['acknowledged', 'acknowledged_reason', 'baseline', 'baseline_samples', 'basis', 'benchmark', 'change_pct', 'current', 'current_samples', 'direction', 'fail_pct', 'few_samples', 'gating', 'metric', 'noise_pct', 'p_adjusted', 'p_value', 'ratio', 'ratio_interval', 'reason', 'regression_pct', 'samples_needed', 'status', 'unit', 'verdict', 'warn_pct'])
_c9 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]+(?![\\s\\S])')
_c10 = _re.compile('^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}(?![\\s\\S])')
_c11 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff](?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]{0,30}[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff \\u00a0\\u2000-\\u200b\\u3000\\ufeff])?(?![\\s\\S])')
_c12 = frozenset(['higher', 'lower'])
_c13 = ('higher', 'lower')
_c14 = frozenset(['failure', 'improved', 'missing', 'neutral', 'new', 'pass', 'warning'])
_c15 = ('failure', 'warning', 'pass', 'improved', 'new', 'missing', 'neutral')
_c16 = _re.compile('^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c17 = frozenset(['history', 'samples', 'suite', 'threshold', 'values', 'zero'])
_c18 = ('samples', 'history', 'suite', 'threshold', 'zero', 'values', None)
_c19 = frozenset(['level', 'lower', 'upper'])
_c20 = frozenset(['improved', 'inconclusive', 'regressed', 'unchanged'])
_c21 = ('regressed', 'improved', 'unchanged', 'inconclusive', None)
_c22 = frozenset(['commit', 'timestamp', 'value'])
_c23 = _re.compile('^[A-Za-z0-9._-]{1,64}(?![\\s\\S])')
_c24 = _formats['date-time']
_c25 = frozenset(['failure', 'warning'])
_c26 = ('warning', 'failure', None)
_c27 = frozenset(['run_to_run_pct', 'sampling_pct', 'suite_pct'])
_c28 = frozenset(['acknowledged', 'acknowledged_reason', 'baseline', 'baseline_samples', 'basis', 'benchmark', 'change_pct', 'current', 'current_samples', 'derived', 'direction', 'fail_pct', 'family', 'few_samples', 'gating', 'history', 'metric', 'noise', 'noise_pct', 'p_adjusted', 'p_value', 'ratio', 'ratio_interval', 'reason', 'regression_pct', 'samples_needed', 'status', 'tier', 'too_noisy', 'unit', 'verdict', 'warn_pct', 'worse_pct'])
_c29 = frozenset(['benchmark', 'enforced', 'kind', 'limit', 'margin_pct', 'metric', 'status', 'unit', 'value'])
_c30 = frozenset(['ceiling', 'floor'])
_c31 = ('floor', 'ceiling')
_c32 = frozenset(['failure', 'pass'])
_c33 = ('pass', 'failure')
_c34 = frozenset(['change_pct', 'count', 'level', 'lower', 'ratio', 'upper'])
_c35 = frozenset(['baseline', 'baseline_fingerprint', 'current', 'current_fingerprint', 'declared_comparable', 'differing_keys', 'differs'])
_c36 = _re.compile('^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*(?![\\s\\S])')
_c37 = frozenset([])
_c38 = _re.compile('^[A-Za-z0-9_.-]{1,64}(?![\\s\\S])')
_c39 = frozenset(['cores', 'cpu_model', 'extra', 'kernel', 'os', 'runner', 'toolchain'])
_c40 = _re.compile('^[0-9a-f]{16}(?![\\s\\S])')
_c41 = frozenset(['cores', 'cpu_model', 'os', 'runner', 'toolchain'])
_c42 = ('os', 'cpu_model', 'cores', 'runner', 'toolchain')
_c43 = frozenset(['alpha', 'confidence', 'fail_pct', 'min_samples', 'warn_pct'])
_c44 = frozenset(['failure', 'never', 'warning'])
_c45 = ('failure', 'warning', 'never')
_c46 = frozenset(['alpha', 'confidence', 'fail_pct', 'min_samples', 'noise_k', 'suite_shift', 'warn_pct'])
_c47 = frozenset(['commit', 'ref', 'timestamp'])
_c48 = frozenset(['commits_behind', 'promoted_at', 'promoted_by', 'reason', 'selection', 'source_commit'])
_c49 = frozenset(['file', 'latest', 'merge-base', 'recorded-run'])
_c50 = ('merge-base', 'latest', 'file', 'recorded-run')
_c51 = frozenset(['promotions', 'recorded-runs'])
_c52 = ('recorded-runs', 'promotions', None)
_c53 = frozenset(['commits_behind', 'history', 'promoted_at', 'promoted_by', 'reason', 'selection', 'source_commit'])
_c54 = frozenset(['improved', 'inconclusive', 'regressed', 'unchanged'])
_c55 = frozenset(['direction', 'level', 'lower', 'members', 'metric', 'notable', 'p_value', 'ratio', 'tier', 'upper', 'verdict'])
_c56 = frozenset(['higher', 'lower'])
_c57 = ('lower', 'higher')
_c58 = frozenset(['improved', 'inconclusive', 'regressed', 'unchanged'])
_c59 = ('regressed', 'improved', 'unchanged', 'inconclusive')
_c60 = frozenset(['inconclusive', 'per_side', 'settles'])
_c61 = frozenset(['advice', 'baseline', 'counts', 'current', 'environment', 'flags', 'geomean', 'rows', 'schema_version', 'shifts', 'slos', 'status', 'suite', 'thresholds', 'verdicts'])


def _s0(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c5: return False
    x = v['failure']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['warning']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['pass']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['improved']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['new']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['missing']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['neutral']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    if not v.keys() <= _c5: return False
    return True

def _s1(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c6: return False
    x = v['acknowledged']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['inconclusive']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    if (x := v.get('too_noisy', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0)): return False
    x = v['few_samples']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['ignored']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    if not v.keys() <= _c7: return False
    return True

def _s2(v):
    if not (v is None or isinstance(v, dict)): return False
    if isinstance(v, dict):
        if not v.keys() >= _c19: return False
        x = v['lower']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
        x = v['upper']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
        x = v['level']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1): return False
        if not v.keys() <= _c19: return False
    return True

def _s3(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c22: return False
    x = v['value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['commit']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (_c23.search(x) is None)): return False
    x = v['timestamp']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (len(x) > 64)) or _format_fails(_c24, x): return False
    if not v.keys() <= _c22: return False
    return True

def _s4(v):
    if not (isinstance(v, list)): return False
    if len(v) > 100: return False
    for x in v:
        if not _s3(x): return False
    return True

def _s5(v):
    if not (v is None or isinstance(v, dict)): return False
    if isinstance(v, dict):
        if not v.keys() >= _c27: return False
        x = v['sampling_pct']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
        x = v['run_to_run_pct']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
        x = v['suite_pct']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
        if not v.keys() <= _c27: return False
    return True

def _s6(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c8: return False
    x = v['benchmark']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c9.search(x) is None): return False
    x = v['metric']
    if not (isinstance(x, str)) or (_c10.search(x) is None): return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c11.search(x) is None): return False
    x = v['direction']
    if not (x in _c12 if isinstance(x, str) else _in_enum(x, _c13)): return False
    x = v['status']
    if not (x in _c14 if isinstance(x, str) else _in_enum(x, _c15)): return False
    x = v['reason']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 2000 or _c16.search(x) is None): return False
    x = v['gating']
    if not ((x is True or x is False)): return False
    x = v['basis']
    if not (x in _c17 if isinstance(x, str) else _in_enum(x, _c18)): return False
    x = v['baseline']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0)): return False
    x = v['current']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0)): return False
    x = v['change_pct']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))): return False
    x = v['regression_pct']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))): return False
    x = v['ratio']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0)): return False
    x = v['ratio_interval']
    if not _s2(x): return False
    x = v['verdict']
    if not (x in _c20 if isinstance(x, str) else _in_enum(x, _c21)): return False
    x = v['p_value']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0 or x > 1)): return False
    x = v['p_adjusted']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0 or x > 1)): return False
    x = v['baseline_samples']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['current_samples']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['few_samples']
    if not ((x is True or x is False)): return False
    x = v['samples_needed']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x)) or x is None) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 1)): return False
    x = v['noise_pct']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0)): return False
    if (x := v.get('too_noisy', _MISSING)) is not _MISSING and (not ((x is True or x is False))): return False
    x = v['acknowledged']
    if not ((x is True or x is False)): return False
    x = v['acknowledged_reason']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (len(x) < 1 or len(x) > 2000 or _c16.search(x) is None)): return False
    x = v['warn_pct']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1000): return False
    x = v['fail_pct']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1000): return False
    if (x := v.get('history', _MISSING)) is not _MISSING and (not _s4(x)): return False
    if (x := v.get('tier', _MISSING)) is not _MISSING and (not (x in _c25 if isinstance(x, str) else _in_enum(x, _c26))): return False
    if (x := v.get('worse_pct', _MISSING)) is not _MISSING and (not (x is None or (type(x) is float or type(x) is int or _is_number(x)))): return False
    if (x := v.get('noise', _MISSING)) is not _MISSING and (not _s5(x)): return False
    if (x := v.get('family', _MISSING)) is not _MISSING and (not (x is None or isinstance(x, str))): return False
    if (x := v.get('derived', _MISSING)) is not _MISSING and (not ((x is True or x is False))): return False
    if not v.keys() <= _c28: return False
    return True

def _s7(v):
    if not (isinstance(v, list)): return False
    if len(v) > 6400000: return False
    for x in v:
        if not _s6(x): return False
    return True

def _s8(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c29: return False
    x = v['benchmark']
    if not (isinstance(x, str)) or (len(x) < 1 or len(x) > 512 or _c9.search(x) is None): return False
    x = v['metric']
    if not (isinstance(x, str)) or (_c10.search(x) is None): return False
    x = v['unit']
    if not (isinstance(x, str)) or (_c11.search(x) is None): return False
    x = v['kind']
    if not (x in _c30 if isinstance(x, str) else _in_enum(x, _c31)): return False
    x = v['limit']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['status']
    if not (x in _c32 if isinstance(x, str) else _in_enum(x, _c33)): return False
    x = v['enforced']
    if not ((x is True or x is False)): return False
    x = v['margin_pct']
    if not (x is None or (type(x) is float or type(x) is int or _is_number(x))): return False
    if not v.keys() <= _c29: return False
    return True

def _s9(v):
    if not (isinstance(v, list)): return False
    for x in v:
        if not _s8(x): return False
    return True

def _s10(v):
    if not (v is None or isinstance(v, dict)): return False
    if isinstance(v, dict):
        if not v.keys() >= _c34: return False
        x = v['ratio']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0): return False
        x = v['change_pct']
        if not ((type(x) is float or type(x) is int or _is_number(x))): return False
        x = v['count']
        if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1): return False
        x = v['lower']
        if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x <= 0)): return False
        x = v['upper']
        if not (x is None or (type(x) is float or type(x) is int or _is_number(x))) or ((type(x) is float or type(x) is int or _is_number(x)) and (x <= 0)): return False
        x = v['level']
        if not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1): return False
        if not v.keys() <= _c34: return False
    return True

def _s11(v):
    if not (isinstance(v, str)) or (len(v) < 1 or len(v) > 256 or _c36.search(v) is None): return False
    return True

def _s12(v):
    if not ((type(v) is float or type(v) is int or _is_number(v))): return False
    return True

def _s13(v):
    if not ((v is True or v is False)): return False
    return True

def _s14(v):
    if not (_s11(v) or _s12(v) or _s13(v)): return False
    return True

def _s15(v):
    if not (isinstance(v, dict)): return False
    if len(v) > 64: return False
    for k, x in v.items():
        if k not in _c37 and (not _s14(x)): return False
    for x in v:
        if (isinstance(x, str) and (_c38.search(x) is None)): return False
    return True

def _s16(v):
    if not (isinstance(v, dict)): return False
    if (x := v.get('os', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c36.search(x) is None)): return False
    if (x := v.get('kernel', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c36.search(x) is None)): return False
    if (x := v.get('cpu_model', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c36.search(x) is None)): return False
    if (x := v.get('cores', _MISSING)) is not _MISSING and (not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1 or x > 100000)): return False
    if (x := v.get('runner', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c36.search(x) is None)): return False
    if (x := v.get('toolchain', _MISSING)) is not _MISSING and (not (isinstance(x, str)) or (len(x) < 1 or len(x) > 256 or _c36.search(x) is None)): return False
    if (x := v.get('extra', _MISSING)) is not _MISSING and (not _s15(x)): return False
    if not v.keys() <= _c39: return False
    return True

def _s17(v):
    if not (v is None): return False
    return True

def _s18(v):
    if not (_s16(v) or _s17(v)): return False
    return True

def _s19(v):
    if not (isinstance(v, list)): return False
    if not _unique(v): return False
    for x in v:
        if not (x in _c41 if isinstance(x, str) else _in_enum(x, _c42)): return False
    return True

def _s20(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c35: return False
    x = v['current']
    if not _s16(x): return False
    x = v['current_fingerprint']
    if not (isinstance(x, str)) or (_c40.search(x) is None): return False
    x = v['baseline']
    if not _s18(x): return False
    x = v['baseline_fingerprint']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (_c40.search(x) is None)): return False
    x = v['differs']
    if not ((x is True or x is False)): return False
    x = v['differing_keys']
    if not _s19(x): return False
    x = v['declared_comparable']
    if not ((x is True or x is False)): return False
    if not v.keys() <= _c35: return False
    return True

def _s21(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c43: return False
    x = v['warn_pct']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1000): return False
    x = v['fail_pct']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1000): return False
    x = v['alpha']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1): return False
    x = v['confidence']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1): return False
    if (x := v.get('noise_k', _MISSING)) is not _MISSING and (not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 100)): return False
    x = v['min_samples']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 2 or x > 1000): return False
    if (x := v.get('suite_shift', _MISSING)) is not _MISSING and (not (x in _c44 if isinstance(x, str) else _in_enum(x, _c45))): return False
    if not v.keys() <= _c46: return False
    return True

def _s22(v):
    if not (_s11(v) or _s17(v)): return False
    return True

def _s23(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c47: return False
    x = v['commit']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (_c23.search(x) is None)): return False
    x = v['ref']
    if not _s22(x): return False
    x = v['timestamp']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (len(x) > 64)) or _format_fails(_c24, x): return False
    if not v.keys() <= _c47: return False
    return True

def _s24(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c48: return False
    x = v['selection']
    if not (x in _c49 if isinstance(x, str) else _in_enum(x, _c50)): return False
    x = v['source_commit']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (_c23.search(x) is None)): return False
    x = v['promoted_at']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (len(x) > 64)) or _format_fails(_c24, x): return False
    x = v['promoted_by']
    if not _s22(x): return False
    x = v['reason']
    if not (x is None or isinstance(x, str)) or (isinstance(x, str) and (len(x) < 1 or len(x) > 2000 or _c16.search(x) is None)): return False
    x = v['commits_behind']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x)) or x is None) or ((type(x) is float or type(x) is int or _is_number(x)) and (x < 0)): return False
    if (x := v.get('history', _MISSING)) is not _MISSING and (not (x in _c51 if isinstance(x, str) else _in_enum(x, _c52))): return False
    if not v.keys() <= _c53: return False
    return True

def _s25(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c54: return False
    x = v['regressed']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['improved']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['unchanged']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    x = v['inconclusive']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
    if not v.keys() <= _c54: return False
    return True

def _s26(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c55: return False
    x = v['metric']
    if not (isinstance(x, str)): return False
    x = v['ratio']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['lower']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['upper']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0): return False
    x = v['level']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x <= 0 or x >= 1): return False
    x = v['direction']
    if not (x in _c56 if isinstance(x, str) else _in_enum(x, _c57)): return False
    x = v['members']
    if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1): return False
    x = v['p_value']
    if not ((type(x) is float or type(x) is int or _is_number(x))) or (x < 0 or x > 1): return False
    x = v['notable']
    if not ((x is True or x is False)): return False
    x = v['verdict']
    if not (x in _c58 if isinstance(x, str) else _in_enum(x, _c59)): return False
    x = v['tier']
    if not (x in _c25 if isinstance(x, str) else _in_enum(x, _c26)): return False
    if not v.keys() <= _c55: return False
    return True

def _s27(v):
    if not (isinstance(v, list)): return False
    for x in v:
        if not _s26(x): return False
    return True

def _s28(v):
    if not (v is None or isinstance(v, dict)): return False
    if isinstance(v, dict):
        if not v.keys() >= _c60: return False
        x = v['per_side']
        if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 1): return False
        x = v['settles']
        if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
        x = v['inconclusive']
        if not ((type(x) is int or type(x) is float and x.is_integer() or _is_integer(x))) or (x < 0): return False
        if not v.keys() <= _c60: return False
    return True

def _s29(v):
    if not (isinstance(v, dict)): return False
    if not v.keys() >= _c0: return False
    x = v['schema_version']
    if not (_equal(x, _c1)): return False
    x = v['suite']
    if not (isinstance(x, str)) or (_c2.search(x) is None): return False
    x = v['status']
    if not (x in _c3 if isinstance(x, str) else _in_enum(x, _c4)): return False
    x = v['counts']
    if not _s0(x): return False
    x = v['flags']
    if not _s1(x): return False
    x = v['rows']
    if not _s7(x): return False
    x = v['slos']
    if not _s9(x): return False
    x = v['geomean']
    if not _s10(x): return False
    x = v['environment']
    if not _s20(x): return False
    x = v['thresholds']
    if not _s21(x): return False
    x = v['current']
    if not _s23(x): return False
    if (x := v.get('baseline', _MISSING)) is not _MISSING and (not _s24(x)): return False
    if (x := v.get('verdicts', _MISSING)) is not _MISSING and (not _s25(x)): return False
    if (x := v.get('shifts', _MISSING)) is not _MISSING and (not _s27(x)): return False
    if (x := v.get('advice', _MISSING)) is not _MISSING and (not _s28(x)): return False
    if not v.keys() <= _c61: return False
    return True


_CHECK = _s29
_EXACT = True
