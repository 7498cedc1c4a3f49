"""The build's `View`: made once from the plan, its now and its audience; the renderers only ask it."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, load_plan
from generator.plan.model import Kind, Status, starts_at
from generator.plan.visibility import PUBLIC, view

EXAMPLE = ROOT  # the example plan: content/ at the repository's root
NOW = datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return load_plan(EXAMPLE)


def test_the_feed_is_every_due_public_slot_newest_first_and_each_channel_its_share(plan) -> None:  # type: ignore
    shown = view(plan, NOW, drafts=False)
    every = [s for e in plan.entries for s in e.slots]
    due = [s for s in every if s.status in PUBLIC and starts_at(s.at, s.zone) <= NOW]
    expected = sorted(sorted(due, key=lambda s: s.key), key=lambda s: starts_at(s.at, s.zone), reverse=True)
    assert shown.feed() == tuple(expected) and expected
    for channel in plan.channels:
        assert shown.feed(channel.id) == tuple(s for s in expected if s.channel == channel.id)
    assert shown.feed("no-such-channel") == ()
    # feeds never carry drafts: a --drafts build's feeds are the same
    assert view(plan, NOW, drafts=True).feed() == shown.feed()


def test_pages_and_statuses_follow_the_audience(plan) -> None:  # type: ignore[no-untyped-def]
    public, team = view(plan, NOW, drafts=False), view(plan, NOW, drafts=True)
    assert team.pages == team.plan.entries  # the plan as of now (`progress.as_of`)
    assert all(team.has_page(e) for e in plan.entries)
    for entry in plan.entries:
        expected = not entry.status.is_draft and (not entry.status.is_cancelled or entry.kind is Kind.EVENT)
        assert public.has_page(entry) is expected
        assert public.has_public_page(entry) is expected
        assert team.has_public_page(entry) is expected  # what feeds link to, whatever the build
    assert public.pages == tuple(e for e in public.plan.entries if public.has_page(e))
    assert {s for s in Status if public.shows(s)} == {s for s in Status if not s.is_draft}
    assert all(team.shows(s) for s in Status)


def test_the_view_is_a_frozen_value(plan) -> None:  # type: ignore[no-untyped-def]
    shown = view(plan, NOW, drafts=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.drafts = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        shown.feed_by_channel["x"] = ()  # type: ignore[index]
