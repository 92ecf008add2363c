"""perf-action's records behave as the dataclasses they replace: the same repr, equality and hashing."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from dataclasses import field

import pytest

import perfaction
from perfaction.records import datarecord


def _twins(**options: bool) -> tuple[type, type]:
    """One class body made into a dataclass and into a record, with every kind of field."""

    def body() -> type:
        class Point:
            """A point with a hidden field, a field left out of comparisons and a nested list."""

            x: float
            y: float = 0.0
            label: str = field(default="", repr=False)
            seen: int = field(default=0, compare=False)
            tags: list[str] = field(default_factory=list)

        return Point

    return dataclasses.dataclass(**options)(body()), datarecord(**options)(body())


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"slots": True}], ids=["plain", "frozen", "slots"])
def test_a_record_has_the_repr_equality_and_hash_of_a_dataclass(options):
    made_by_dataclass, record = _twins(**options)
    pairs = [((1.5, 2.0), (1.5, 2.0)), ((1.5, 2.0), (1.5, 3.0))]
    for (x1, y1), (x2, y2) in pairs:
        a, b = record(x1, y1, "a", 1, ["t"]), record(x2, y2, "b", 2, ["t"])
        twin_a, twin_b = made_by_dataclass(x1, y1, "a", 1, ["t"]), made_by_dataclass(x2, y2, "b", 2, ["t"])
        assert repr(a) == repr(twin_a)
        assert (a == b) == (twin_a == twin_b) and (a != b) == (twin_a != twin_b)
    assert record(1.0) != made_by_dataclass(1.0)  # another class: not equal, as dataclasses answer
    assert record(1.0).__eq__(made_by_dataclass(1.0)) is NotImplemented
    hashable = made_by_dataclass.__hash__ is not None
    assert (record.__hash__ is not None) == hashable
    if options.get("frozen"):
        assert hash(record(1.0, tags=())) == hash(record(1.0, tags=()))
        with pytest.raises(dataclasses.FrozenInstanceError):
            record(1.0).x = 2.0  # type: ignore[misc]
    else:
        with pytest.raises(TypeError, match="unhashable"):
            hash(record(1.0))


def test_a_record_that_holds_itself_is_written_as_dataclasses_write_it():
    @datarecord
    class Node:
        children: list[object]

    @dataclasses.dataclass
    class Twin:
        children: list[object]

    node, twin = Node([]), Twin([])
    node.children.append(node)
    twin.children.append(twin)
    assert (
        repr(node)
        == repr(twin).replace("Twin", "Node")
        == (
            "test_a_record_that_holds_itself_is_written_as_dataclasses_write_it.<locals>.Node(children=[...])"
        )
    )


def test_a_record_keeps_the_methods_its_class_writes_itself():
    @datarecord
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Named) and other.name.lower() == self.name.lower()

        __hash__ = None  # type: ignore[assignment]

    assert repr(Named("a")) == "<a>"
    assert Named("a") == Named("A")


def test_every_perfaction_dataclass_is_a_record():
    """The start-up saving holds only if no module goes back to `@dataclass`."""
    modules = [
        info.name
        for info in pkgutil.walk_packages(perfaction.__path__, "perfaction.")
        if not info.name.endswith("__main__") and ".compiled." not in info.name
    ]
    records, made_by_dataclass = [], []
    for name in modules:
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value):
                is_record = value.__repr__.__module__ == "perfaction.records"
                (records if is_record else made_by_dataclass).append(f"{name}.{value.__qualname__}")
    assert made_by_dataclass == []
    assert len(records) > 100  # the walk found the project's classes
