"""Data classes <-> JSON-ready data and the JSON Schema, all from the class definitions.

pydantic's TypeAdapter reads the dataclass fields and their ``Literal`` vocabularies, so the
serialiser, the validator and the published schema cannot disagree with the classes. Adapters are
built once per class and per process (building one costs milliseconds; using one, microseconds).
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")


@cache
def adapter(cls: type) -> TypeAdapter:
    return TypeAdapter(cls)


def to_data(obj: Any) -> Any:
    """``obj`` (a model data class, or a list of them) as dicts, lists and scalars."""
    cls = type(obj[0]) if isinstance(obj, list) and obj else type(obj)
    if isinstance(obj, list):
        return [adapter(cls).dump_python(x, mode="json") for x in obj]
    return adapter(cls).dump_python(obj, mode="json")


def from_data(cls: type[T], data: Any) -> T:
    """``data`` validated into ``cls``; a ``ValueError`` that names the broken field otherwise."""
    try:
        return adapter(cls).validate_python(data, strict=False)
    except ValidationError as exc:
        raise ValueError(f"not a valid {cls.__name__}: {exc}") from None
