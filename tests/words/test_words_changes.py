"""A change said in both of the plan's languages (words/changes.py)."""

from __future__ import annotations

import pytest

from generator.history import ChangeKind, History, Missing
from generator.words import changes as said


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_kind_of_change_has_its_word(language: str) -> None:
    words = [said.kind_text(language, kind) for kind in ChangeKind]
    assert len(set(words)) == len(ChangeKind) and all(words)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("missing", list(Missing))
def test_no_history_says_why_and_what_to_do(language: str, missing: Missing) -> None:
    text = said.missing_text(language, History(None, None, (), missing, "abc1234", days=7))
    assert text and "{" not in text
    if missing is Missing.SHALLOW:
        assert "fetch-depth: 0" in text
    asked = said.missing_text(language, History(None, None, (), missing, "", asked="v1.0"))
    if missing in (Missing.SHALLOW, Missing.UNKNOWN_REVISION, Missing.INVALID):
        assert "v1.0" in asked
