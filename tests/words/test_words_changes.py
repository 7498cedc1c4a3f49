"""A change said in both of the plan's languages (words/changes.py)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.history import ChangeKind, Commit, History, Missing
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


# --- what the week's window is, from the build's now ---------------------------------------

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2027, 5, 20, 10, 0, tzinfo=SHANGHAI)  # the build's now
DECEMBER = Commit("d61cb9b" + "0" * 33, datetime(2026, 12, 1, 21, 25, tzinfo=SHANGHAI))
MAY = Commit("5a5a5a5" + "0" * 33, datetime(2027, 5, 18, 9, 0, tzinfo=SHANGHAI))


def test_a_week_without_commits_says_so_and_what_it_is_compared_with() -> None:
    # the newest commit is months before the build's now: nothing was committed in the window
    quiet = History(DECEMBER, DECEMBER, (), days=7, until=NOW)
    assert said.since_text("zh", quiet, "Asia/Shanghai") == (
        "最近 7 天（2027年5月13日 周四 10:00 – 5月20日 周四 10:00）没有提交；"
        "对比的是此前最后一次提交 d61cb9b（2026年12月1日 周二 21:25）")
    assert said.since_text("en", quiet, "Asia/Shanghai") == (
        "No commits in the last 7 days (Thu 13 May 2027 10:00 – Thu 20 May 10:00); "
        "compared with the last commit before them, d61cb9b of Tue 1 Dec 2026 21:25")


def test_a_week_with_commits_says_its_dates_and_the_commit_before_them() -> None:
    busy = History(DECEMBER, MAY, (), days=7, until=NOW)
    assert said.since_text("zh", busy, "Asia/Shanghai") == (
        "最近 7 天（2027年5月13日 周四 10:00 – 5月20日 周四 10:00）的提交，"
        "对比此前最后一次提交 d61cb9b（2026年12月1日 周二 21:25）")
    # a repository begun inside the window is compared with its first commit
    young = History(MAY, MAY, (), days=7, until=NOW)
    assert said.since_text("zh", young, "Asia/Shanghai") == (
        "最近 7 天（2027年5月13日 周四 10:00 – 5月20日 周四 10:00）的提交，自第一次提交 5a5a5a5（2027年5月18日 周二 09:00）起")
    assert said.since_text("en", young, "Asia/Shanghai") == (
        "Commits of the last 7 days (Thu 13 May 2027 10:00 – Thu 20 May 10:00), "
        "since the first commit, 5a5a5a5 of Tue 18 May 2027 09:00")
