"""What one preview build can hand to the next.

The preview renders the whole plan on every edit (any page may show the
edited entry's title), but most pages come out as they were. A `Memo` keeps
each page's result by everything it was made from, for one build to the
next: what a build did not ask for is dropped, so it holds one build's worth.
A one-off build has no memo and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    def __init__(self) -> None:
        self._kept: dict[Hashable, V] = {}  # the previous build's
        self._used: dict[Hashable, V] = {}  # this build's

    def next_build(self) -> None:
        self._kept, self._used = self._used, {}

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        if key in self._used:
            return self._used[key]
        value = self._kept.pop(key) if key in self._kept else compute()
        self._used[key] = value
        return value

    def __len__(self) -> int:
        return len(self._used)
