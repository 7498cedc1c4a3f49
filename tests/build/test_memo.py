"""The preview's memo: one build's worth, handed to the next."""

from __future__ import annotations

from generator.build.memo import Memo


def test_a_value_is_computed_once_per_key_and_kept_for_the_next_build() -> None:
    memo: Memo[str] = Memo()
    calls: list[str] = []

    def compute(key: str) -> str:
        calls.append(key)
        return key.upper()

    memo.next_build()
    assert [memo.get(k, lambda k=k: compute(k)) for k in ("a", "b", "a")] == ["A", "B", "A"]
    memo.next_build()
    assert memo.get("a", lambda: compute("a")) == "A"
    assert calls == ["a", "b"]


def test_what_a_build_did_not_ask_for_is_dropped() -> None:
    memo: Memo[int] = Memo()
    memo.next_build()
    memo.get("old", lambda: 1)
    memo.next_build()
    memo.get("new", lambda: 2)
    memo.next_build()
    assert len(memo) == 0
    assert memo.get("old", lambda: 3) == 3  # gone: computed again
    assert memo.get("new", lambda: 4) == 2  # used by the last build: kept
