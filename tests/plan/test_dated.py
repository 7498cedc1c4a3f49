"""`plan.dated`: the one list of dated things the site and the calendars both read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import PLANS, load_plan
from generator.calendars.items import contents
from generator.plan.dated import CAMPAIGN, EVENT, KEY_DATE, LAUNCH, SLOT, dated
from generator.plan.visibility import view
from generator.site.items import plan_items

NOW = datetime(2027, 3, 15, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_drafts_are_dated_only_for_a_drafts_build_and_cancelled_things_always() -> None:
    plan = load_plan(PLANS / "calendars-basic")
    public = {(d.kind, d.entry.id if d.entry else d.title) for d in dated(plan, view(plan, NOW, drafts=False))}
    team = {(d.kind, d.entry.id if d.entry else d.title) for d in dated(plan, view(plan, NOW, drafts=True))}
    assert (EVENT, "draft-contest") in team and (EVENT, "draft-contest") not in public
    assert (EVENT, "cancelled-salon") in public  # a subscriber's calendar must see it cancelled
    assert public < team
    assert {kind for kind, _ in public} == {EVENT, SLOT, CAMPAIGN, LAUNCH, KEY_DATE}


def test_the_site_and_the_calendars_show_the_same_things() -> None:
    plan = load_plan(PLANS / "calendars-basic")
    shown = view(plan, NOW, drafts=False)
    things = dated(plan, shown)
    calendar = contents(plan, shown)
    count = lambda kind: sum(1 for d in things if d.kind == kind)  # noqa: E731
    assert len(calendar.events) == count(EVENT) and len(calendar.slots) == count(SLOT)
    assert len(calendar.campaigns) == count(CAMPAIGN) and len(calendar.launches) == count(LAUNCH)
    assert len(calendar.key_dates) == count(KEY_DATE)
    on_site = {item.kind for item in plan_items(plan, shown)}
    assert on_site == {d.kind for d in things}
    site_slots = sorted((i.channel, i.begins().isoformat()) for i in plan_items(plan, shown) if i.kind == SLOT)
    calendar_slots = sorted((channel, item.begins.isoformat()) for channel, item in calendar.slots)
    assert site_slots == calendar_slots
