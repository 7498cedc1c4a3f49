"""What a digest says, before any platform's markup: a list of lines.

The week's changes (the same `History` as `changes` and the `changes/` page,
said by `words.changes`) and the next days' work, person by person (the
tasks of `plan.work`: what is late, then what falls due before `now` plus
`days`, not what is done). The formats (`formats`) turn the lines into each
platform's message and split them where a message would be too long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.history import ChangeKind, History
from generator.plan import urls
from generator.plan.model import Plan
from generator.plan.work import LATE, PENDING, Task, work
from generator.words import changes as said
from generator.words import label, stage_name
from generator.words.dates import clock, in_zone, short_date_text

TITLE, NOTE, HEADING, PERSON, ITEM, LINK = "title", "note", "heading", "person", "item", "link"

# How an item's tag is coloured where a platform has colours (WeCom's `<font color>`).
WARNING, INFO, COMMENT = "warning", "info", "comment"
_TONES = {
    ChangeKind.CANCELLED: WARNING,
    ChangeKind.REMOVED: WARNING,
    ChangeKind.MOVED: WARNING,
    ChangeKind.NEW: INFO,
    ChangeKind.RESTORED: INFO,
    ChangeKind.REASSIGNED: COMMENT,
}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a digest. An item has a short `tag` said first (改期, 逾期);
    a link has its `url`. `role` says what the line is, for the markup and for
    splitting (a heading is repeated where a message continues its section)."""

    role: str
    text: str
    tag: str = ""
    tone: str = ""
    url: str = ""


def lines(plan: Plan, now: datetime, history: History, days: int = 7) -> tuple[Line, ...]:
    """The whole digest: title, the week's changes, the next `days` days' work, a link to the site."""
    site = plan.site
    language, zone = site.language, site.timezone
    local = in_zone(now, zone)
    year = local.year
    found = [
        Line(TITLE, label(language, "digest.title", site=site.title)),
        Line(NOTE, label(language, "digest.as_of", when=f"{short_date_text(local.date(), language)} {clock(local)}")),
        Line(HEADING, label(language, "digest.changes")),
    ]
    if not history.known:
        found.append(Line(NOTE, said.missing_text(language, history)))
    else:
        found.append(Line(NOTE, label(language, "change.separator").join(
            (said.since_text(language, history, zone), said.count_text(language, len(history.changes))))))
        for group in history.groups():
            heading = said.group_text(language, group)
            for change in group.changes:
                subject = said.subject_text(language, change)
                thing = f"{heading}{label(language, 'change.separator')}{subject}" if subject else heading
                detail = said.detail_text(language, change, zone, year)
                text = label(language, "change.subject_detail", subject=thing, detail=detail) if detail else thing
                found.append(Line(ITEM, text, said.kind_text(language, change.kind), _TONES[change.kind]))
        if not history.changes:
            found.append(Line(NOTE, label(language, "changes.none")))
    found.append(Line(HEADING, label(language, "digest.work", days=days)))
    found.extend(_work(plan, now, days))
    found.append(Line(LINK, label(language, "digest.link"), url=urls.absolute(site, urls.changes_dir())))
    return tuple(found)


def _work(plan: Plan, now: datetime, days: int) -> list[Line]:
    """Each member's late tasks and those due in the next `days` days, in the team's order."""
    language, zone = plan.site.language, plan.site.timezone
    until = now + timedelta(days=days)
    year = in_zone(now, zone).year
    found: list[Line] = []
    tasks = work(plan)
    for member in plan.site.team:
        chosen = [
            (task, state)
            for task in tasks[member.id]
            if (state := task.state(now)) == LATE or (state == PENDING and now <= task.begins() < until)
        ]
        if not chosen:
            continue
        found.append(Line(PERSON, member.name))
        for task, state in chosen:
            tag = label(language, "digest.late") if state == LATE else ""
            found.append(Line(ITEM, _task_text(plan, task, year), tag, WARNING if tag else ""))
    if not found:
        found.append(Line(NOTE, label(language, "digest.work.none", days=days)))
    return found


def _task_text(plan: Plan, task: Task, year: int) -> str:
    """`6月15日 周二 20:00 撰稿 截止：茶农阿坤的一天（微信公众号）`."""
    language, zone = plan.site.language, plan.site.timezone
    slot = task.slot
    when = said.moment_text(language, task.at, zone, year)
    if task.deadline is not None:
        what = label(language, "team.deadline", stage=stage_name(language, task.deadline.stage))
    else:
        what = label(language, "team.publication")
    channel = plan.channel_by_id.get(slot.channel)
    return label(language, "digest.task", when=when, what=what, title=slot.title,
                 channel=channel.name if channel else slot.channel)

