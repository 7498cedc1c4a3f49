"""What every page family shares: the template environment, links, badges,
front matter and the Markdown file a page becomes.

Pages are Markdown files for MkDocs made of front matter, headings with our
own labels, and raw HTML blocks. Plan text only ever reaches a page through
Jinja's autoescape (plain text) or `markup.to_html` (Markdown), so a title such
as `*x*` or `<b>` stays literal: Markdown leaves raw HTML blocks alone, and the
HTML escaping keeps tags from being tags.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import jinja2
import yaml
from markupsafe import Markup

from generator.history import History
from generator.plan import markup

from generator.plan import urls
from generator.plan.colours import Swatch, swatches
from generator.plan.model import Entry, Kind, Plan, Product, Slot, Status
from generator.plan.progress import has_launched
from generator.plan.outputs import Finding, Output
from generator.site.filters import Facets, slot_facets, status_word
from generator.site.items import CAMPAIGN, Item, plan_items
from generator.words import aside, catalog, label, listing
from generator.site.time import date_text, day_of, in_zone, moment_text
from generator.plan.visibility import View

TEMPLATES = Path(__file__).parent / "templates"
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")


class PageCache(Protocol):
    """Page bodies kept from one render to the next, by everything they are
    made from (the preview's `build.memo.Memo` is one)."""

    def get(self, key: Hashable, compute: Callable[[], str]) -> str: ...


@dataclass(frozen=True, slots=True)
class Context:
    """One render: the plan, the build's view of it, the labels and the templates."""

    plan: Plan
    view: View  # what this build shows: pages, statuses, now
    findings: tuple[Finding, ...]  # the plan's warnings, for the lint page
    env: jinja2.Environment
    labels: Mapping[str, str]
    items: tuple[Item, ...]  # every dated thing, computed once for all pages
    campaign_items: Mapping[str, tuple[Item, ...]]  # the items of each campaign, but itself
    memo: PageCache | None = None  # the preview's page bodies from its last render
    history: History | None = None  # what changed this week (`history.week`); None: not read, no page
    colours: Mapping[str, Swatch] = field(default_factory=dict)  # each channel's, by id (`plan.colours`)

    @property
    def language(self) -> str:
        return self.plan.site.language

    @property
    def zone(self) -> str:
        return self.plan.site.timezone

    def t(self, key: str, **values: object) -> str:
        return label(self.language, key, **values)

    def aside(self, text: str) -> str:
        """A parenthetical, with the brackets and spacing of the language."""
        return aside(self.language, text)

    def listing(self, values: Iterable[str]) -> str:
        return listing(self.language, values)


def context(
    plan: Plan,
    view: View,
    findings: tuple[Finding, ...] = (),
    memo: PageCache | None = None,
    history: History | None = None,
) -> Context:
    env = _environment()
    items = plan_items(plan, view)
    return Context(
        plan, view, findings, env, catalog(plan.site.language), items, _by_campaign(items), memo, history,
        swatches(plan.channels),
    )


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The templates, compiled once per process (the preview renders every page on each edit)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # `{#id}` sets a heading's anchor in Markdown; Jinja comments use `{## ##}`
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["href"] = _href
    return env


def _by_campaign(items: tuple[Item, ...]) -> Mapping[str, tuple[Item, ...]]:
    grouped: dict[str, list[Item]] = {}
    for item in items:
        if item.campaign and item.kind != CAMPAIGN:
            grouped.setdefault(item.campaign, []).append(item)
    return {campaign: tuple(found) for campaign, found in grouped.items()}


@jinja2.pass_context
def _href(ctx: jinja2.runtime.Context, target: str) -> str:
    """A site-relative path (`events/x/`, `feeds/all.rss.xml`) made relative to
    the page being rendered, so the site works under any base path."""
    return relative(ctx["page_dir"], target)


@lru_cache(maxsize=100_000)  # the same few targets (channels, tiers, indexes) from every page
def relative(page_dir: str, target: str) -> str:
    if "://" in target or target.startswith(("mailto:", "tel:", "#")):
        return target
    path, _, fragment = target.partition("#")
    path = path.lstrip("/")  # "/#goals": an anchor on the home page
    rel = posixpath.relpath("/" + path, "/" + page_dir)
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel + ("#" + fragment if fragment else "")


def safe_url(url: str | None) -> str | None:
    """An outside link only when its scheme can do no harm (no `javascript:`)."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in _SAFE_SCHEMES else None


def channel_style(ctx: Context, channel_id: str | None) -> str:
    """A channel's colours as the CSS custom properties plan-colours.css
    draws with: the colour, and its text in the light and the dark scheme.
    Only `#rrggbb` values reach a style attribute (`plan.colours.valid`):
    anything else could carry `url(...)`, a request to another host."""
    swatch = ctx.colours.get(channel_id or "")
    if swatch is None:
        return ""
    return f"--plan-channel:{swatch.color};--plan-ink:{swatch.ink};--plan-ink-dark:{swatch.ink_dark}"


def html(text: str) -> Markup:
    """Editors' Markdown as sanitized HTML, ready to embed.

    An image from another host would be a request to a third party (blocked
    in mainland China, and a tracker anywhere): its `src` is dropped, its
    `alt` text stays.
    """
    return Markup(markup.to_html(text, remote_images=False))




def docs_path(page_dir: str) -> str:
    """The Markdown file that MkDocs publishes at a directory URL."""
    return page_dir + "index.md"


# What a page of a named thing (a person, a channel, a product, a tier) says
# to search: weigh me above the pages that only mention my name, so that
# searching the name opens it first (Material multiplies the page's score).
NAMED_PAGE_SEARCH = {"search": {"boost": 2}}


def page(ctx: Context, page_dir: str, template: str, meta: dict[str, object], **values: object) -> Output:
    """Renders a page template into a Markdown file with front matter.

    `meta["title"]` is plain text; it is escaped here because Material prints
    page titles unescaped (header, nav, `<title>`). The home page has none:
    its `<title>` is the site's name, its `<h1>` is in the page.
    """
    front = dict(meta)
    if meta.get("title"):
        front["title"] = markup.text(str(meta["title"]))
    if meta.get("description"):
        front["description"] = markup.text(str(meta["description"]))
    def render() -> str:
        return ctx.env.get_template(template).render(
            t=ctx.labels, page_dir=page_dir, drafts=ctx.view.drafts, team=ctx.view.team, language=ctx.language,
            **values
        )

    # A template's output depends on exactly these: the views are frozen values
    key = (template, page_dir, ctx.view.drafts, ctx.view.team, ctx.language, tuple(values.items()))
    body = ctx.memo.get(key, render) if ctx.memo is not None and _hashable(key) else render()
    head = yaml.dump(front, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return Output(docs_path(page_dir), f"---\n{head}---\n\n{body}".encode())


def _hashable(key: object) -> bool:
    try:
        hash(key)
    except TypeError:  # a view holding a list: rendered every time
        return False
    return True


# --- small shared views --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str | None = None  # site-relative, or an outside URL; none: plain text
    note: str = ""


@dataclass(frozen=True, slots=True)
class Badge:
    text: str
    tone: str  # css modifier: kind, draft, cancelled, status, tag


def status_badges(ctx: Context, status: Status, always: bool = False) -> tuple[Badge, ...]:
    """Drafts and cancellations are marked; the normal states (approved, and
    published: an entry's page is out, an event is on) need no badge except
    in a schedule's status column (`always`), where a post says where it stands.
    On an entry, 已发布 read as "already launched" or "already held"."""
    if status.is_draft:
        return (Badge(ctx.t(f"status.{status.value}"), "draft"),)
    if status.is_cancelled:
        return (Badge(ctx.t("status.cancelled"), "cancelled"),)
    if not always:
        return ()
    if status is Status.PUBLISHED:
        return (Badge(ctx.t("status.published"), "published"),)
    return (Badge(status_word(ctx, status.value), "approved"),)


def entry_badges(ctx: Context, entry: Entry) -> tuple[Badge, ...]:
    """An entry's badges on its card and its page. A product's say whether it
    has launched (即将上市 · 6月6日 / 已上市 · 3月1日): its page being
    `published` would read "already launched" before the launch. Its status
    is said only when out of the ordinary (a draft, cancelled); a cancelled
    product has no launch to announce."""
    status = entry.status
    details = entry.details
    if not isinstance(details, Product):
        return status_badges(ctx, status)
    unusual = status_badges(ctx, status) if status.is_draft or status.is_cancelled else ()
    if details.launch is None or status.is_cancelled:
        return unusual
    day = day_of(details.launch, ctx.zone)
    if day.year == in_zone(ctx.view.now, ctx.zone).year:
        when = ctx.t("launch.date", month=ctx.t(f"date.month.short.{day.month}"), day=day.day)
    else:
        when = date_text(day, ctx.language)
    if has_launched(details, ctx.zone, ctx.view.now):
        return unusual + (Badge(ctx.t("launch.launched", date=when), "launched"),)
    return unusual + (Badge(ctx.t("launch.coming", date=when), "launch-soon"),)


def slot_badges(ctx: Context, slot: Slot) -> tuple[Badge, ...]:
    """A slot's status as every schedule shows it: overdue (应发未发) when it is
    due and still only approved, else its status (`progress` decided it)."""
    if ctx.view.overdue(slot):
        return (Badge(ctx.t("status.overdue"), "overdue"),)
    return status_badges(ctx, slot.status, always=True)


def member_name(ctx: Context, member_id: str | None) -> str:
    """A team member's name as the team knows them, or "" for nobody."""
    return ctx.plan.member_name(member_id)


def short_name(name: str) -> str:
    """A name that fits a month grid's chip: a Chinese name's last two
    characters (林菲, 晓彤 of 王晓彤: what a team calls each other), else
    initials (Anna Berg: AB), else its first three letters."""
    words = name.split()
    if len(words) > 1:
        return "".join(w[0] for w in words[:2]).upper()
    if any(ord(c) >= 0x2E80 for c in name):  # CJK and beyond: a character is a syllable
        return name[-2:]
    return name[:3]


def entry_link(ctx: Context, entry: Entry, note: str = "") -> Link:
    href = urls.entry_dir(entry.kind, entry.id) if ctx.view.has_page(entry) else None
    return Link(entry.title, href, note)


def linked_entry(ctx: Context, kind: Kind, entry_id: str) -> Link | None:
    """A link to an entry named by id, or None when it is not shown in this build."""
    entry = ctx.plan.entry(kind, entry_id)
    if entry is None or not ctx.view.has_page(entry):
        return None
    return Link(entry.title, urls.entry_dir(kind, entry_id))


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    when: str
    channel: Link
    title: str
    entry: Link
    badges: tuple[Badge, ...] = ()
    cancelled: bool = False
    url: str | None = None  # the post as published: the title links to it
    owner: str = ""  # the owner's name
    facets: Facets | None = None  # what the browser's filter compares


def schedule_rows(ctx: Context, slots: tuple[Slot, ...]) -> tuple[ScheduleRow, ...]:
    rows = []
    for slot in slots:
        if not ctx.view.shows(slot.status):
            continue
        channel = ctx.plan.channel_by_id.get(slot.channel)
        entry = ctx.plan.entry(slot.entry_kind, slot.entry_id)
        rows.append(
            ScheduleRow(
                when=moment_text(slot.at, ctx.language, ctx.zone),
                channel=Link(channel.name if channel else slot.channel, urls.channel_dir(slot.channel)),
                title=slot.title,
                entry=entry_link(ctx, entry) if entry else Link(slot.title),
                badges=slot_badges(ctx, slot),
                cancelled=slot.status.is_cancelled,
                url=safe_url(slot.url) if slot.status is Status.PUBLISHED else None,
                owner=member_name(ctx, slot.owner) if ctx.view.team else "",
                facets=slot_facets(ctx, slot, entry.tiers if entry else ()),
            )
        )
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed or calendar offered for a scope (`all` or a channel)."""

    rss: str
    atom: str
    json: str
    ics: str
    ics_url: str
    webcal: str

    @property
    def ics_name(self) -> str:
        return self.ics.rsplit("/", 1)[-1]


def feeds_for(plan: Plan, name: str) -> Feed:
    ics = urls.calendar_file(name)
    absolute = urls.absolute(plan.site, ics)
    return Feed(
        rss=urls.rss_file(name),
        atom=urls.atom_file(name),
        json=urls.json_feed_file(name),
        ics=ics,
        ics_url=absolute,
        webcal=urls.webcal(absolute),
    )


def alternates(name: str, title: str) -> list[dict[str, str]]:
    """Feed autodiscovery for a page's head (read by `theme/main.html`)."""
    return [
        {"type": "application/rss+xml", "title": title, "href": urls.rss_file(name)},
        {"type": "application/atom+xml", "title": title, "href": urls.atom_file(name)},
        {"type": "application/feed+json", "title": title, "href": urls.json_feed_file(name)},
    ]
