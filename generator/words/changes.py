"""A change to the plan said in the plan's language, alike everywhere it is said:
`changes`, the `changes/` page, the change feed and the group-chat digest.

Each change reads as what happened (`kind_text`: 改期), to what (`subject_text`:
a slot is its channel and title; an entry or key date is its group's heading)
and how (`detail_text`: old → new time, old → new owner, the time it had).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from generator.history import Change, ChangeKind, Group, History, Missing, Person, Subject, When
from generator.plan.model import Span
from generator.words.dates import clock, date_text, in_zone, short_date_text, span_text
from generator.words.labels import label, plural


def kind_text(language: str, kind: ChangeKind) -> str:
    """`新增`, `改期`…"""
    return label(language, f"change.kind.{kind.value}")


def group_text(language: str, group: Group) -> str:
    """`用户故事「茶农阿坤的一天」` / `Key date “618”`."""
    kind = label(language, f"kind.{group.kind.value}") if group.kind is not None else label(language, "change.key-date")
    return label(language, "change.group", kind=kind, title=group.title)


def subject_text(language: str, change: Change) -> str:
    """What in the group changed: a slot's channel (and its own title when it has one); "" for the group itself."""
    if change.subject is not Subject.SLOT:
        return ""
    if change.title and change.title != change.entry_title:
        return label(language, "change.slot.titled", channel=change.channel_name, title=change.title)
    return label(language, "change.slot", channel=change.channel_name)


def detail_text(language: str, change: Change, zone: str, year: int | None = None, owners: bool = True) -> str:
    """How it changed: `6月16日 周三 20:00 → 6月18日 周五 20:00`, `林晓 → 吴言`,
    or the time it has (had, for what was removed or cancelled) and its owner.

    Dates in `year` leave their year out (the digest's and the page's own year).
    Without `owners` (the readers' build) nobody is named."""
    old, new = change.old, change.new
    if change.kind is ChangeKind.MOVED and old is not None and new is not None:
        return label(language, "change.from_to", old=when_text(language, old.when, zone, year),
                     new=when_text(language, new.when, zone, year))
    if change.kind is ChangeKind.REASSIGNED and old is not None and new is not None:
        hands = label(language, "change.from_to", old=person_text(language, old.owner),
                      new=person_text(language, new.owner))
        when = when_text(language, new.when, zone, year)  # which post: its time
        return label(language, "change.separator").join(p for p in (hands, when) if p)
    state = new if new is not None else old
    assert state is not None
    when = when_text(language, state.when, zone, year) if state.when is not None else ""
    if change.kind in (ChangeKind.REMOVED, ChangeKind.CANCELLED) and when:
        when = label(language, "change.was", when=when)
    parts = [when] if when else []
    if owners and state.owner.id is not None and change.subject is not Subject.KEY_DATE:
        parts.append(label(language, "change.owner", name=state.owner.name))
    return label(language, "change.separator").join(parts)


def line_text(language: str, change: Change, zone: str, year: int | None = None) -> str:
    """One change on one line, after its group's heading: `改期 微信公众号：6月16日 … → 6月18日 …`."""
    subject = subject_text(language, change)
    detail = detail_text(language, change, zone, year)
    body = label(language, "change.subject_detail", subject=subject, detail=detail) if subject and detail else (
        subject or detail
    )
    return f"{kind_text(language, change.kind)} {body}".rstrip()


def person_text(language: str, person: Person) -> str:
    return person.name or label(language, "change.nobody")


def when_text(language: str, when: When | None, zone: str, year: int | None = None) -> str:
    """A thing's time in the plan's zone: a moment, or a stretch like the site says one."""
    if when is None:
        return ""
    if when.end is None:
        return moment_text(language, when.start, zone, year)
    text = span_text(Span(when.start, when.end, when.zone), language, zone)
    if year is not None and _year(when.start, zone) == year:
        # the site's span text has every date in full; a list inside one year drops the year
        full = date_text(_day(when.start, zone), language)
        text = text.replace(full, short_date_text(_day(when.start, zone), language), 1)
    return text


def moment_text(language: str, value: date | datetime, zone: str, year: int | None = None) -> str:
    day = _day(value, zone)
    said = short_date_text(day, language) if year is not None and day.year == year else date_text(day, language)
    return f"{said} {clock(in_zone(value, zone))}" if isinstance(value, datetime) else said


def committed_text(language: str, change: Change, zone: str) -> str:
    """When a change was committed, and as which commit: `6月12日 09:30 · 1a2b3c4`, or `未提交`."""
    if change.commit is None:
        return label(language, "change.uncommitted")
    local = in_zone(change.commit.at, zone)
    return label(language, "change.commit", when=f"{short_date_text(local.date(), language)} {clock(local)}",
                 sha=change.commit.short)


def since_text(language: str, history: History, zone: str) -> str:
    """What the changes are counted from. For the last days before the build's
    now, the window itself, then the commit compared with: `最近 7 天（2027年6月7日
    周一 09:00 – 6月14日 周一 09:00）的提交，对比此前最后一次提交 1a991f3（…）`;
    a window nothing was committed in says so (`…没有提交；对比的是…`), as the
    commit compared with may be months older than the build's now; a repository
    begun inside the window is compared with its first commit."""
    since = history.since
    assert since is not None
    when = _moment(since.at, zone, language)
    if history.asked is not None:
        return label(language, "change.since.revision", revision=history.asked, when=when, sha=since.short)
    days = history.days or 0
    if history.until is None:
        return label(language, "change.since.window", when=when, sha=since.short, days=days)
    start, end = history.until - timedelta(days=days), history.until
    window = f"{_moment(start, zone, language)} – {_moment(end, zone, language, year=_year(start, zone))}"
    if since.at > start:
        key = "change.since.first"
    elif history.head is not None and history.head.sha == since.sha:
        key = "change.since.quiet"  # the last commit before the window is the newest there is
    else:
        key = "change.since.before"
    return label(language, key, days=days, window=window, when=when, sha=since.short)


def _moment(value: datetime, zone: str, language: str, year: int | None = None) -> str:
    """`2027年6月5日 周六 10:00`, without the year when it is `year`'s."""
    local = in_zone(value, zone)
    day = short_date_text(local.date(), language) if local.year == year else date_text(local.date(), language)
    return f"{day} {clock(local)}"


def count_text(language: str, n: int) -> str:
    return plural(language, "change.count", n)


def missing_text(language: str, history: History) -> str:
    """Why there is no history, and how to get it (`fetch-depth: 0` for a shallow CI clone)."""
    missing = history.missing
    assert missing is not None
    key = f"change.missing.{missing.value}"
    if missing is Missing.SHALLOW and history.asked is not None:
        key = "change.missing.shallow-revision"
    revision = history.asked or (history.detail[:7] if missing is Missing.INVALID else "HEAD")
    return label(language, key, revision=revision, days=history.days or 0)


def _day(value: date | datetime, zone: str) -> date:
    return in_zone(value, zone).date() if isinstance(value, datetime) else value


def _year(value: date | datetime, zone: str) -> int:
    return _day(value, zone).year
