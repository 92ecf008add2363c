"""The unit registry: every value is converted to its dimension's base unit before comparison."""

from __future__ import annotations

from collections.abc import Iterable

from perfaction.records import datarecord

# Every quantity is 0 or lies in this range of its unit (validation refuses others, exit 2): ratios,
# unit conversions and their products then stay finite floats.
SMALLEST_QUANTITY = 1e-60
LARGEST_QUANTITY = 1e60


@datarecord(frozen=True)
class Unit:
    """A unit: its dimension, its factor to the base unit, and the usual direction.

    A spelling outside the registry (github-action-benchmark's "Percent" or "Megabytes") is an opaque
    unit: a dimension of its own, so it compares only with itself, spelled the same; it has no usual
    direction (`better` is empty), which the results must give.
    """

    symbol: str
    dimension: str
    factor: float
    better: str  # "higher" or "lower": the natural direction for this dimension; "" for an opaque unit

    @property
    def opaque(self) -> bool:
        return not self.better


_KIB = 1024.0
_UNITS = [
    Unit("ns", "time", 1.0, "lower"),
    Unit("us", "time", 1e3, "lower"),
    Unit("ms", "time", 1e6, "lower"),
    Unit("s", "time", 1e9, "lower"),
    Unit("B/s", "throughput", 1.0, "higher"),
    Unit("KB/s", "throughput", 1e3, "higher"),
    Unit("MB/s", "throughput", 1e6, "higher"),
    Unit("GB/s", "throughput", 1e9, "higher"),
    Unit("KiB/s", "throughput", _KIB, "higher"),
    Unit("MiB/s", "throughput", _KIB**2, "higher"),
    Unit("GiB/s", "throughput", _KIB**3, "higher"),
    Unit("ops/s", "rate", 1.0, "higher"),
    Unit("B", "bytes", 1.0, "lower"),
    Unit("KiB", "bytes", _KIB, "lower"),
    Unit("MiB", "bytes", _KIB**2, "lower"),
    Unit("GiB", "bytes", _KIB**3, "lower"),
    Unit("count", "count", 1.0, "lower"),
    Unit("%", "percent", 1.0, "lower"),
]

UNITS: dict[str, Unit] = {u.symbol: u for u in _UNITS}

# Spellings real tools print, mapped to the registry's symbol. Readers use this; the
# canonical report only ever holds registry symbols.
ALIASES: dict[str, str] = {
    "µs": "us",
    "μs": "us",
    "sec": "s",
    "bytes": "B",
    "percent": "%",
    "op/s": "ops/s",
    "ops/sec": "ops/s",
    "ns/iter": "ns",
    "ns/op": "ns",
    "us/iter": "us",
    "ms/iter": "ms",
    "s/iter": "s",
    "items/s": "ops/s",
    "iter/s": "ops/s",
}


class UnknownUnit(ValueError):
    """Raised when two units cannot be converted into each other: perf-action never guesses."""


def known(symbol: str) -> Unit | None:
    """A registry symbol or a known tool spelling, resolved; None for any other spelling."""
    return UNITS.get(symbol) or UNITS.get(ALIASES.get(symbol, ""))


def case_variant(symbol: str) -> str | None:
    """The registry symbol a spelling equals but for case ("NS", "Ms"): a typo, or another unit (b is a
    bit, B a byte), so never taken for either."""
    if symbol in UNITS:
        return None
    return next((known for known in UNITS if known.lower() == symbol.lower()), None)


def lookup(symbol: str) -> Unit:
    """The registry's unit, or else the spelling as an opaque unit that converts only into itself."""
    return known(symbol) or Unit(symbol, f"opaque {symbol}", 1.0, "")


def to_base(value: float, symbol: str) -> float:
    """Express a value in its dimension's base unit (ns, B/s, ops/s, B, count, %)."""
    return value * lookup(symbol).factor


def convert(value: float, from_symbol: str, to_symbol: str) -> float:
    """Convert between two units of the same dimension."""
    source, target = lookup(from_symbol), lookup(to_symbol)
    if source.dimension != target.dimension:
        raise UnknownUnit(
            f"cannot convert {from_symbol} ({source.dimension}) to {to_symbol} ({target.dimension})"
        )
    if source.symbol == target.symbol:
        return value
    return value * source.factor / target.factor


# Families a value may be shown in, smallest first, so that readers see "2.74 GiB/s" or "1.70 ms"
# rather than "2806 MiB/s" or "0.0017 s". B/s belongs to the binary family first.
_DISPLAY_FAMILIES = (
    ("ns", "us", "ms", "s"),
    ("B/s", "KiB/s", "MiB/s", "GiB/s"),
    ("B/s", "KB/s", "MB/s", "GB/s"),
    ("B", "KiB", "MiB", "GiB"),
)
_DISPLAY_SYMBOLS = {"us": "µs", "count": ""}


def display_unit(symbol: str, values: Iterable[float]) -> str:
    """The unit of the symbol's family in which the largest of the values reads at least 1."""
    family = next((f for f in _DISPLAY_FAMILIES if symbol in f), (symbol,))
    if len(family) == 1:
        return symbol
    largest = max(map(abs, values), default=0.0) * lookup(symbol).factor
    chosen = family[0]
    for candidate in family[1:]:
        if largest >= UNITS[candidate].factor:
            chosen = candidate
    return chosen


def display_symbol(symbol: str) -> str:
    """How a unit is written for readers: µs rather than us, counts without a unit."""
    return _DISPLAY_SYMBOLS.get(symbol, symbol)


def format_number(value: float) -> str:
    """copybook-rs's style: two decimals below 10 ("2.74", "1.70"), whole numbers above ("23", "172")."""
    magnitude = abs(value)
    if 0 < magnitude < 0.01:
        return f"{value:.3g}"
    if round(magnitude, 2) < 10:
        return f"{value:.2f}"
    return f"{value:,.0f}"


def format_quantity(value: float, symbol: str, display: str | None = None) -> str:
    """A value with its unit, in the display unit given or in the one that suits the value."""
    shown = display or display_unit(symbol, [value])
    suffix = display_symbol(shown)
    converted = float(convert(value, symbol, shown))
    number = f"{converted:,.0f}" if shown == "count" and converted.is_integer() else format_number(converted)
    return f"{number} {suffix}" if suffix else number
