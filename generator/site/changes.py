"""`changes/` (本周变动): what changed in the plan in the last seven days, per entry.

The history is read once per build (`history.week`, from the build's now)
and said here with the words every reader of it shares (`words.changes`).
Without the history (a shallow clone, no git) the page says why and how to
get it. The readers' build (`View.team` false) keeps the page, as readers
want to know an event moved, but without what is the team's: no
reassignment (it names people), no owner named, and nothing of drafts
(`History.shown`).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.history import History
from generator.plan import urls
from generator.plan.outputs import Output
from generator.site.time import in_zone
from generator.site.view import Context, Link, page
from generator.words import changes as said

CHANGES_META = {"search": {"exclude": True}}  # titles are the entries' own: search finds those pages


@dataclass(frozen=True, slots=True)
class ChangeRow:
    kind: str  # css modifier: new, removed, cancelled, restored, moved, reassigned
    what: str  # 改期
    subject: str  # a slot's channel (and title); "" for the entry itself
    detail: str  # old → new
    committed: str  # when, and which commit


@dataclass(frozen=True, slots=True)
class GroupView:
    heading: Link  # the entry's title, to its page when this build has one
    kind: str  # 用户故事
    key: str  # user-stories/tea-farmer
    rows: tuple[ChangeRow, ...]


def render_changes(ctx: Context) -> Output:
    history = ctx.history
    assert history is not None
    history = history.shown(ctx.view.team)
    meta = {"title": ctx.t("changes"), **CHANGES_META}
    values: dict[str, object] = {
        # who does what is the team's: the readers' page does not promise reassignments
        "lead": ctx.t("changes.lead" if ctx.view.team else "changes.lead.public", days=history.days or 0),
        "feed": urls.atom_file(urls.CHANGES),
        "missing": "",
        "since": "",
        "count": "",
        "groups": (),
    }
    if not history.known:
        values["missing"] = said.missing_text(ctx.language, history)
    else:
        values["since"] = said.since_text(ctx.language, history, ctx.zone)
        values["count"] = said.count_text(ctx.language, len(history.changes))
        values["groups"] = groups(ctx, history)
    return page(ctx, urls.changes_dir(), "changes.md.j2", meta, **values)


def groups(ctx: Context, history: History) -> tuple[GroupView, ...]:
    year = in_zone(ctx.view.now, ctx.zone).year
    found = []
    for group in history.groups():
        entry = ctx.plan.entry(group.kind, group.id) if group.kind is not None and group.id else None
        href = urls.entry_dir(entry.kind, entry.id) if entry is not None and ctx.view.has_page(entry) else None
        kind = ctx.t(f"kind.{group.kind.value}") if group.kind is not None else ctx.t("change.key-date")
        rows = tuple(
            ChangeRow(
                kind=c.kind.value,
                what=said.kind_text(ctx.language, c.kind),
                subject=said.subject_text(ctx.language, c),
                detail=said.detail_text(ctx.language, c, ctx.zone, year, owners=ctx.view.team),
                committed=said.committed_text(ctx.language, c, ctx.zone),
            )
            for c in group.changes
        )
        found.append(GroupView(Link(group.title, href), kind, group.key if group.kind is not None else "", rows))
    return tuple(found)
