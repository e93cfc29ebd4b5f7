"""Work kept with the photo or product photo it was read from.

One render asks the same questions of a photo from several stages (its Lab copy, the
worn top's colours, the bare arms, the face mesh), and the engine keeps each product
photo's cut-out across renders. The answer is kept on the object it describes, with
the key it was worked out for, in a dict of its own (apart from the object's fields): arrays in the key are compared by identity (a new photo
is a new array, and arrays are not hashable), other values by equality.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

T = TypeVar("T")


def kept(owner: object, name: str, key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """`make()`, worked out once while `owner` holds an answer under `name` for `key`."""
    answers = _answers(owner)
    found = answers.get(name)
    if found is not None and _same(found[0], key):
        return cast(T, found[1])
    value = make()
    answers[name] = (key, value)
    return value


def keep(owner: object, name: str, key: tuple[Any, ...], value: object) -> None:
    """Give `owner` its answer for `name` ahead of any question (what a caller knows already)."""
    _answers(owner)[name] = (key, value)


def held(owner: object, name: str, key: tuple[Any, ...]) -> Any | None:
    """The answer kept under `name` for `key`, or None: for callers that only reuse."""
    found = _answers(owner).get(name)
    return found[1] if found is not None and _same(found[0], key) else None


def _answers(owner: object) -> dict[str, tuple[tuple[Any, ...], Any]]:
    return cast(dict[str, tuple[tuple[Any, ...], Any]], vars(owner).setdefault("_memo", {}))


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return len(a) == len(b) and all(
        x is y if isinstance(x, np.ndarray) or isinstance(y, np.ndarray) else x == y for x, y in zip(a, b, strict=True)
    )
