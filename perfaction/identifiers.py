"""Every identifier rule in one table: the schemas' `pattern`s and the code's checks are these strings.

JSON Schema reads a `pattern` with ECMA-262 semantics, where `$` is the end of the text. Python's
`re.search`, which jsonschema calls, lets `$` also match before a final newline, so `^[a-z]+$` would
take "parse\\n" as a suite name. Each pattern here ends with `(?![\\s\\S])` instead: nothing at all may
follow, in either engine. Classes spell out what they refuse instead of using `\\s`, `\\d` or `.`,
whose meanings differ between the two engines (U+0085, U+FEFF, non-ASCII digits).
"""

from __future__ import annotations

import re
from functools import cached_property

from perfaction.records import datarecord

END = r"(?![\s\S])"
# Characters no one-line text may hold: C0 and C1 controls, DEL, line and paragraph separators, and
# lone surrogates (which no encoder can write).
_BREAKING = r"\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff"


@datarecord(frozen=True)
class Rule:
    """A named pattern, as the schemas write it; `multiline` rules allow \\n and \\t on purpose."""

    name: str
    pattern: str
    example: str
    multiline: bool = False

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Compiled when first used: a process uses a few of the table's rules, and compiling all costs ms."""
        return re.compile(self.pattern)

    def matches(self, value: object) -> bool:
        """The schema's meaning (a search), which the trailing assertion makes a whole-text match."""
        return isinstance(value, str) and self.regex.search(value) is not None


def _rule(name: str, body: str, example: str, *, multiline: bool = False) -> Rule:
    return Rule(name, f"^{body}{END}", example, multiline)


# Names that become paths, check names, markers and outputs: a safe alphabet.
SUITE = _rule("suite", r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "parse")
METRIC = _rule("metric", r"[A-Za-z0-9][A-Za-z0-9_./-]{0,63}", "time")
FORMAT = _rule("format", r"[a-z0-9][a-z0-9.-]{0,39}", "criterion")
ENVIRONMENT_KEY = _rule("environment key", r"[A-Za-z0-9_.-]{1,64}", "rustc")
# A report's commit: a sha, or a name such as a tag.
COMMIT = _rule("commit", r"[A-Za-z0-9._-]{1,64}", "v1.2.0")
# Only commits of this form reach git or a URL.
COMMIT_ID = _rule("commit id", r"[0-9a-f]{4,64}", "1234567")
FULL_SHA = _rule("full sha", r"(?:[0-9a-f]{40}|[0-9a-f]{64})", "f" * 40)
SHORT_SHA = _rule("git sha", r"[a-f0-9]{7,40}", "615e59c")
SHA256 = _rule("sha256", r"[a-f0-9]{64}", "0" * 64)
FINGERPRINT = _rule("fingerprint", r"[0-9a-f]{16}", "0123456789abcdef")
VERSION = _rule("version", r"[0-9]+\.[0-9]+\.[0-9]+", "1.0.0")
# A copybook-rs v0 receipt's commit, which may be empty.
TOOL_COMMIT = _rule("tool commit", r"[A-Za-z0-9._-]*", "615e59ce")
# Free text on one line (benchmark names, environment fields, reasons); NAME is the non-empty kind.
LINE = _rule("line", rf"[^{_BREAKING}]*", "Intel(R) Xeon(R) @ 2.10GHz")
NAME = _rule("name", rf"[^{_BREAKING}]+", "parse/Sort<std::vector<int>>")
# A unit as a tool writes it (a registry unit, or free-form: "Megabytes"): one line, no space at either end.
_UNIT_END = rf"[^{_BREAKING} \u00a0\u2000-\u200b\u3000\ufeff]"
UNIT = _rule("unit", rf"{_UNIT_END}(?:[^{_BREAKING}]{{0,30}}{_UNIT_END})?", "Megabytes")
# Text perf-action writes itself, which may run over lines.
PROSE = _rule(
    "prose", r"[^\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]*", "a\nb", multiline=True
)
# A run's web address: printable ASCII without space, quotes, angle brackets, backslash or backtick.
URL = _rule("url", r"https?://[!#-;=?-\[\]-_a-~]+", "https://github.com/o/r/actions/runs/1")
# The files of the recorded run history on the baseline branch.
CHUNK_NAME = _rule("chunk name", r"chunk-[0-9]{8,10}", "chunk-00000001")
KEYS_NAME = _rule("keys name", r"keys-[0-9a-f]{16}", "keys-0123456789abcdef")
# Branch names perf-action writes to (a strict subset of git's), and a branch as GitHub reports it.
DEFAULT_BRANCH = "perf-baselines"
BRANCH = _rule(
    "branch", r"(?!.*\.\.)(?!.*//)(?!.*@\{)(?!.*\.lock(?![\s\S]))[A-Za-z0-9][A-Za-z0-9._/-]{0,99}(?<![./])",
    "perf-baselines",
)  # fmt: skip
REF_NAME = _rule(
    "ref name", rf"(?!.*\.\.)(?!.*//)(?!.*@\{{)[^{_BREAKING} ~^:?*\[\\]{{1,255}}(?<![./])", "feature/faster"
)
REPOSITORY = _rule("repository", r"[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}", "octo-org/perf-demo")

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        SUITE, METRIC, FORMAT, ENVIRONMENT_KEY, COMMIT, COMMIT_ID, FULL_SHA, SHORT_SHA, SHA256,
        FINGERPRINT, VERSION, TOOL_COMMIT, LINE, NAME, UNIT, PROSE, URL, CHUNK_NAME, KEYS_NAME, BRANCH,
        REF_NAME,
        REPOSITORY,
    )
}  # fmt: skip
