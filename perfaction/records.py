"""perf-action's dataclasses, made cheaper to define: one `__repr__` and `__eq__` shared by all of them.

`dataclasses.dataclass` writes the source of each method for each class and compiles it on import;
for the 40 to 60 classes a command imports, that was a tenth of its start-up. `datarecord` asks it for
`__init__` (and, when frozen, `__hash__` and the guards) only, and gives each class the same
`__repr__` and, when not frozen, `__eq__`, which read the fields as dataclasses' generated ones do:
the same text, the same equality, the same unhashable mutable records.
"""

from __future__ import annotations

from _thread import get_ident
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from types import NotImplementedType
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T", bound=type)
_shown: set[tuple[int, int]] = set()  # the records whose repr is being written, per thread


def _repr(self: Any) -> str:
    key = id(self), get_ident()
    if key in _shown:  # a record that holds itself: dataclasses writes "..."
        return "..."
    _shown.add(key)
    try:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    finally:
        _shown.discard(key)
    return f"{self.__class__.__qualname__}({shown})"


def _compared(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, f.name) for f in fields(record) if f.compare)


def _eq(self: Any, other: object) -> bool | NotImplementedType:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


@overload
def datarecord(cls: _T, /) -> _T: ...
@overload
def datarecord(*, frozen: bool = False, slots: bool = False) -> Callable[[_T], _T]: ...


@dataclass_transform(field_specifiers=(field,))
def datarecord(cls: _T | None = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    """`@dataclass`, `@dataclass(frozen=True)` or `@dataclass(slots=True)`, with the shared methods."""

    def make(cls: _T) -> _T:
        made: Any = dataclass(cls, frozen=frozen, slots=slots, repr=False, eq=frozen)
        if "__repr__" not in cls.__dict__:
            made.__repr__ = _repr
        if not frozen and "__eq__" not in cls.__dict__:
            made.__eq__ = _eq
            made.__hash__ = None  # as dataclasses leaves a mutable record that has __eq__
        return made

    return make if cls is None else make(cls)
