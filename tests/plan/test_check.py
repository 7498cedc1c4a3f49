"""What a clean check makes of a plan: the model every renderer reads."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import PLANS, ROOT, edit
from generator.plan.assemble import effective_status
from generator.plan.check import check_plan
from generator.plan.model import Event, Kind, Status
from generator.words import problem_line

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _plan(root: Path = PLANS / "check-minimal"):
    result = check_plan(root)
    assert result.ok, [problem_line(p, "en") for p in result.problems]
    return result.plan


def test_site_values_are_normalised() -> None:
    plan = _plan()
    assert plan.site.base_url == "https://example.com/community/"
    assert plan.site.language == "zh"
    assert [t.id for t in plan.site.tiers] == ["new", "loyal"]
    kpi = plan.site.goals[0].kpis[0]
    assert (kpi.baseline, kpi.target, kpi.actual, kpi.due) == (20, 30, 24.5, date(2027, 12, 31))


def test_times_are_aware_in_their_zone() -> None:
    plan = _plan()
    qa = plan.entry(Kind.EVENT, "weekly-qa")
    assert isinstance(qa.details, Event)
    assert qa.details.span.start == datetime(2027, 3, 2, 20, 0, tzinfo=SHANGHAI)
    assert qa.details.exceptions == (date(2027, 3, 16),)
    meetup = plan.entry(Kind.EVENT, "meetup")
    # no end: one hour after a timed start
    assert meetup.details.span.end - meetup.details.span.start == timedelta(hours=1)
    band = plan.entry(Kind.PRODUCT, "band-9")
    assert band.details.launch == datetime(2027, 3, 1, 19, 30, tzinfo=SHANGHAI)


def test_offsets_are_moved_into_the_events_zone(tmp_path: Path, plan_copy) -> None:
    root = plan_copy("check-minimal")
    (root / "content/events/abroad.yaml").write_text(
        "title: 湾区米粉见面会\nkind: meetup\nformat: offline\nstart: 2027-06-05T10:00-07:00\n"
        "timezone: America/Los_Angeles\nlocation: {city: San Francisco}\n",
        encoding="utf-8",
    )
    event = _plan(root).entry(Kind.EVENT, "abroad").details
    assert event.span.zone == "America/Los_Angeles"
    assert event.span.start.utcoffset() == timedelta(hours=-7)
    assert event.span.start.astimezone(ZoneInfo("UTC")) == datetime(2027, 6, 5, 17, 0, tzinfo=ZoneInfo("UTC"))


def test_slots_have_time_free_identities_and_resolved_text() -> None:
    plan = _plan()
    slot = plan.entry(Kind.PRODUCT, "band-9").slots[0]
    assert slot.key == "products/band-9/wechat/launch-post"
    assert slot.title == "手环 9"
    story_slot = plan.entry(Kind.USER_STORY, "hiking").slots[0]
    assert story_slot.key == "user-stories/hiking/forum/#1"
    assert story_slot.at == date(2027, 3, 10)
    assert [s.key for s in plan.slots_by_channel["wechat"]] == ["products/band-9/wechat/launch-post"]


def test_referrers_index() -> None:
    plan = _plan()
    band = plan.entry(Kind.PRODUCT, "band-9")
    assert [e.key for e in plan.referring(band)] == ["user-stories/hiking"]
    spring = plan.entry(Kind.CAMPAIGN, "spring")
    assert [e.key for e in plan.referring(spring)] == ["events/weekly-qa"]


def test_key_dates_identity() -> None:
    plan = _plan()
    assert [(k.key, k.end) for k in plan.key_dates] == [
        ("mi-fan-day", date(2027, 4, 6)),
        ("2027-05-01/劳动节", date(2027, 5, 5)),
    ]


def test_yaml_implicit_types_never_reach_the_plan(plan_copy) -> None:
    root = plan_copy("check-minimal")
    (root / "content/brand-stories/origin.yaml").write_text(
        "title: no\nsummary: 1.10\ntheme: history\ntags: [yes, 'on', 010, 10:00]\n", encoding="utf-8"
    )
    story = _plan(root).entry(Kind.BRAND_STORY, "origin")
    assert (story.title, story.summary, story.tags) == ("no", "1.10", ("yes", "on", "010", "10:00"))


def test_a_slot_is_only_as_public_as_its_entry() -> None:
    assert effective_status(Status.APPROVED, None) is Status.APPROVED
    assert effective_status(Status.CANCELLED, Status.PUBLISHED) is Status.CANCELLED
    assert effective_status(Status.DRAFT, Status.APPROVED) is Status.DRAFT
    assert effective_status(Status.PUBLISHED, Status.REVIEW) is Status.REVIEW
    assert effective_status(Status.APPROVED, Status.CANCELLED) is Status.CANCELLED


def test_the_example_plan_checks_with_no_error_and_no_warning() -> None:
    result = check_plan(ROOT)
    assert [problem_line(p, "en") for p in result.problems] == []
    plan = result.plan
    assert len(plan.channels) >= 5
    assert len(plan.site.tiers) == 4 and len(plan.site.goals) >= 4
    counts = {kind: len(plan.of_kind(kind)) for kind in Kind}
    assert counts[Kind.PRODUCT] >= 8 and counts[Kind.USER_STORY] >= 8
    assert counts[Kind.BRAND_STORY] >= 5 and counts[Kind.EVENT] >= 12 and counts[Kind.CAMPAIGN] >= 3


def _lines(result) -> list[str]:
    return [problem_line(p, "zh") for p in result.problems]


def test_an_end_before_a_zoned_start_is_said_once_and_only_about_a_sound_plan(plan_copy) -> None:
    """One time with an offset, one without: compared in the event's zone, shown with offsets;
    with another error in the plan the zone itself may be wrong, so it waits."""
    root = plan_copy("check-minimal")
    event = root / "content/events/meetup.yaml"
    event.write_text(
        "title: 见面会\nkind: meetup\nformat: online\nstart: 2027-03-20T14:00Z\nend: 2027-03-20 14:30\n"
        "timezone: Europe/Berlin\n",
        encoding="utf-8",
    )
    result = check_plan(root)
    assert result.plan is None
    assert _lines(result) == [
        "content/events/meetup.yaml:5:6: error: 结束 2027-03-20 14:30:00+01:00 早于开始 2027-03-20 15:00:00+01:00"
    ]
    edit(root / "content/events/weekly-qa.yaml", "campaign: spring", "campaign: sprin")
    assert [line.split(": error: ")[0] for line in _lines(check_plan(root))] == ["content/events/weekly-qa.yaml:12:11"]


def test_converted_values_say_where_they_were_written(tmp_path: Path) -> None:
    from generator.plan import schema
    from generator.plan.model import Source
    from generator.plan.specs import Context, Fields, Items
    from generator.plan.yamlfile import read

    text = "- date: 2027-04-06\n  title: 米粉节\n  kind: brand\n  end:\n"
    ctx = Context(root=tmp_path)
    converted = schema.KEY_DATES.convert(read(text.encode(), "calendar/key-dates.yaml").root, ctx)
    assert ctx.problems == []
    assert isinstance(converted, Items) and converted.sources == (Source("calendar/key-dates.yaml", 1, 3),)
    (key_date,) = converted
    assert isinstance(key_date, Fields) and "end" not in key_date
    assert key_date.at("title") == Source("calendar/key-dates.yaml", 2, 10)
    assert key_date.at("end").line == 4  # written, though empty: a lint may point at it
    assert key_date.at("id") == key_date.source  # not written: the record itself
