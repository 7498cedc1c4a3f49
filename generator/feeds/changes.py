"""`feeds/changes.atom.xml`: the plan's changes of the last seven days, one item per change.

The same comparison as the `changes/` page (`history.week`, from the build's
now), newest first. An item's id is the change's identity (the thing's key
and what happened to it) and the commit that made it, so a reader sees a
change once, and again only when a later commit changes the same thing's
file; a change not yet committed has the id of the working tree until it is.
Its time is its commit's (the build's now for one not yet committed).

The team's build carries the team's changes (drafts, reassignments with the
names of the people); the readers' build (`View.team` false) none of them
(`History.shown`) and no owner named, as on the page. Without the history, the feed has no item
and its subtitle says why.
"""

from __future__ import annotations

from datetime import datetime

from feedgen.feed import FeedGenerator

from generator.feeds import GENERATOR, clean, tag_uri
from generator.history import Change, History
from generator.history.model import group_of
from generator.plan import urls
from generator.plan.model import Plan
from generator.plan.outputs import Output
from generator.plan.visibility import View
from generator.words import changes as said
from generator.words import label
from generator.words.dates import in_zone

UNCOMMITTED = "working-tree"  # the commit part of the id of a change not yet committed


def render(plan: Plan, view: View, history: History) -> Output:
    site = plan.site
    language, zone = site.language, site.timezone
    history = history.shown(view.team)
    page = urls.absolute(site, urls.changes_dir())
    fg = FeedGenerator()
    fg.id(tag_uri(site, "feeds", urls.CHANGES))
    fg.title(clean(label(language, "feed.title.changes", site=site.title)))
    if history.known:
        subtitle = f"{said.since_text(language, history, zone)}{label(language, 'change.separator')}" + said.count_text(
            language, len(history.changes)
        )
    else:
        subtitle = said.missing_text(language, history)
    fg.subtitle(clean(subtitle))
    fg.language(language)
    fg.generator(GENERATOR)
    fg.link(href=urls.absolute(site, urls.atom_file(urls.CHANGES)), rel="self", type="application/atom+xml")
    fg.link(href=page, rel="alternate", type="text/html")
    fg.author({"name": clean(site.community.name or site.title)})  # the validator wants an author
    times = [_time(c, view.now) for c in history.changes]
    fg.updated(max(times) if times else view.now.replace(microsecond=0))
    year = in_zone(view.now, zone).year
    for change, at in zip(history.changes, times):
        fe = fg.add_entry(order="append")
        fe.id(tag_uri(site, "changes", f"{change.identity}/{change.commit.sha if change.commit else UNCOMMITTED}"))
        fe.title(clean(_title(language, change)))
        fe.link(href=_link(plan, view, change, page), rel="alternate", type="text/html")
        fe.published(at)
        fe.updated(at)
        detail = said.detail_text(language, change, zone, year, owners=view.team)
        committed = said.committed_text(language, change, zone)
        fe.summary(clean(label(language, "change.separator").join(p for p in (detail, committed) if p)), type="text")
        fe.category({"term": change.kind.value, "label": said.kind_text(language, change.kind)})
    return Output(urls.atom_file(urls.CHANGES), fg.atom_str(pretty=True))


def _title(language: str, change: Change) -> str:
    """`改期：用户故事「茶农阿坤的一天」· 微信公众号`."""
    what = said.group_text(language, group_of([change]))
    subject = said.subject_text(language, change)
    thing = f"{what}{label(language, 'change.separator')}{subject}" if subject else what
    return label(language, "change.feed.title", kind=said.kind_text(language, change.kind), thing=thing)


def _link(plan: Plan, view: View, change: Change, page: str) -> str:
    """The entry's page when this build has it (a removed one has none), else the changes page."""
    if change.entry_kind is not None and change.entry_id is not None:
        entry = plan.entry(change.entry_kind, change.entry_id)
        if entry is not None and view.has_page(entry):
            return urls.absolute(plan.site, urls.entry_dir(entry.kind, entry.id))
    return page


def _time(change: Change, now: datetime) -> datetime:
    return (change.commit.at if change.commit is not None else now).replace(microsecond=0)
