"""RSS 2.0, Atom 1.0 and JSON Feed 1.1: what has been published, for readers.

One feed of each format for the whole site (`all`: one item per entry, at its
first due slot) and one per channel (one item per due slot). Only due, public
slots appear (the build's `View.feed`), newest first, at most
`feed_limit` of them.

Determinism: feedgen stamps the clock into every `updated`/`lastBuildDate`
and prepends entries by default, so times are always set here and entries
appended. A feed's `updated` is its newest item's time; an empty feed has no
such time, so it takes the view's `now`: the build's now is part of the
determinism contract (same plan, same now, same bytes), and "now" is the
truthful answer to "when was this feed last known to be empty".

Identity: GUIDs and Atom ids are `tag:` URIs (RFC 4151) built from the entry's
or slot's key, which never depends on times or texts, so editing or moving an
entry keeps its items. The tagging authority is the host and path of
`base_url`; the date is fixed (`TAG_DATE`) because a tag's date names when the
authority was held, not when the item was written.

Readers, never the team: an item carries its post's copy (title, text with
its topic words in the channel's platform form, tags, link) where the post
has one, else the entry's title, summary and body. No brief, no owner, no
email and no audience tier reaches a feed, in any build.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlsplit

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from generator.feeds import refresh
from generator.plan import markup

from generator.plan import urls

from generator.plan.model import Copy, Entry, Kind, Plan, Site, Slot, starts_at
from generator.plan.platforms import platforms
from generator.plan.outputs import Output
from generator.plan.visibility import View
from generator.words import label

GENERATOR = "community-plan"
TAG_DATE = "2026"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# XML 1.0 forbids these (and lxml refuses them); JSON Feed gets the same text.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters a tag URI's specific part may hold unescaped (RFC 4151 pchar, minus `&`).
_TAG_SAFE = "/:@!$'()*+,;=-._~"

_JSON_HTML_SAFE = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"))


@dataclass(frozen=True, slots=True)
class Category:
    term: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    guid: str
    title: str
    url: str  # the copy's link, else the entry's page, absolute
    at: datetime  # when it was published: the slot's time (a date slot: its midnight)
    summary: str  # plain text: the copy's text as posted, else the slot's summary
    content_html: str  # sanitized, absolute links; "" when there is neither copy text nor body
    categories: tuple[Category, ...]


@dataclass(frozen=True, slots=True)
class Feed:
    name: str  # "all" or a channel id: the feed's file names
    id: str
    title: str
    description: str
    home_url: str  # the HTML page the feed stands for
    language: str
    author: Person
    updated: datetime
    items: tuple[Item, ...]


FEED_LIMIT = 50  # items per feed at most, unless asked otherwise


def render(plan: Plan, view: View, feed_limit: int = FEED_LIMIT) -> list[Output]:
    site = plan.site
    site_slots = site_items(view, feed_limit)
    channel_slots = {c.id: channel_items(view, c.id, feed_limit) for c in plan.channels}
    # Each entry's parts (its body above all) are made once, however many feeds carry it.
    carried = {_entry_key(s) for slots in (site_slots, *channel_slots.values()) for s in slots}
    parts = {key: _entry_parts(plan, view, plan.by_key[key]) for key in sorted(carried)}
    item = functools.partial(_item, plan, parts)

    built = [
        _feed(
            site,
            urls.ALL,
            site.title,
            site.description or _label(site, "all"),
            urls.absolute(site, ""),
            tuple(item(s, tag_uri(site, "entries", _entry_key(s))) for s in site_slots),
            view.now,
        )
    ]
    for channel in plan.channels:
        built.append(
            _feed(
                site,
                channel.id,
                f"{site.title} · {channel.name}",
                _label(site, "channel", channel=channel.name),
                urls.absolute(site, urls.channel_dir(channel.id)),
                tuple(item(s, tag_uri(site, "slots", s.key)) for s in channel_slots[channel.id]),
                view.now,
            )
        )
    outputs: list[Output] = []
    for feed in built:
        outputs.append(Output(urls.rss_file(feed.name), rss_bytes(site, feed)))
        outputs.append(Output(urls.atom_file(feed.name), atom_bytes(site, feed)))
        outputs.append(Output(urls.json_feed_file(feed.name), json_bytes(site, feed)))
    return outputs


# --- deciding what a feed holds ---------------------------------------------------------


def site_items(view: View, feed_limit: int = FEED_LIMIT) -> tuple[Slot, ...]:
    """One slot per entry, its first due one, newest first, limited."""
    first: dict[str, Slot] = {}
    for slot in view.feed():
        key = _entry_key(slot)
        held = first.get(key)
        if held is None or (_when(slot), slot.key) < (_when(held), held.key):
            first[key] = slot
    chosen = sorted(first.values(), key=_entry_key)
    chosen.sort(key=_when, reverse=True)
    return tuple(chosen[: max(feed_limit, 0)])


def channel_items(view: View, channel: str, feed_limit: int = FEED_LIMIT) -> tuple[Slot, ...]:
    """The channel's due public slots, newest first, limited."""
    return view.feed(channel)[: max(feed_limit, 0)]


def _entry_key(slot: Slot) -> str:
    return f"{slot.entry_kind.value}/{slot.entry_id}"


def _when(slot: Slot) -> datetime:
    return starts_at(slot.at, slot.zone)


@dataclass(frozen=True, slots=True)
class _EntryParts:
    """What every item of one entry shares, whatever its slot."""

    url: str
    content_html: str
    categories: tuple[Category, ...]  # the entry's tags; its campaign when that is public
    campaign: tuple[Category, ...]


def _entry_parts(plan: Plan, view: View, entry: Entry) -> _EntryParts:
    url = urls.absolute(plan.site, urls.entry_dir(entry.kind, entry.id))
    html = markup.to_html(clean(entry.body))
    campaign = plan.entry(Kind.CAMPAIGN, entry.campaign) if entry.campaign else None
    # A campaign without a public page (draft, cancelled) keeps its name out of
    # feeds too; feeds never show drafts, even in a `--drafts` build.
    named = (Category(campaign.id, clean(campaign.title)),) if campaign and view.has_public_page(campaign) else ()
    return _EntryParts(
        url=url,
        content_html=clean(markup.absolutize(html, url)) if html else "",
        categories=tuple(Category(clean(tag)) for tag in entry.tags),
        campaign=named,
    )


def _item(plan: Plan, parts: dict[str, _EntryParts], slot: Slot, guid: str) -> Item:
    """The post as readers (and the tools that post from feeds) take it: its copy, field by field, else the entry's."""
    entry = parts[_entry_key(slot)]
    copy = slot.copy or Copy()
    channel = plan.channel_by_id.get(slot.channel)
    platform = platforms().get(channel.platform if channel else "other") or platforms()["other"]
    text = platform.posted_text(copy.text, copy.tags) if copy.text else ""
    tags = tuple(Category(clean(t)) for t in copy.tags) if copy.tags else entry.categories
    return Item(
        guid=guid,
        title=clean(copy.title or slot.title),
        url=copy.link or entry.url,
        at=_seconds(_when(slot)),
        summary=clean(text or slot.summary),
        content_html=_plain_html(clean(text)) if text else entry.content_html,
        categories=_unique((*tags, *entry.campaign)),
    )


def _plain_html(text: str) -> str:
    """Plain text as HTML that keeps its line breaks: paragraphs at blank lines, `<br>` within."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{'<br>'.join(markup.text(line) for line in p.splitlines())}</p>" for p in paragraphs)


def _unique(categories: tuple[Category, ...]) -> tuple[Category, ...]:
    unique: dict[str, Category] = {}
    for category in categories:
        unique.setdefault(category.term, category)
    return tuple(unique.values())


def _feed(
    site: Site,
    name: str,
    title: str,
    description: str,
    home_url: str,
    items: tuple[Item, ...],
    now: datetime,  # an empty feed's `updated`
) -> Feed:
    return Feed(
        name=name,
        id=tag_uri(site, "feeds", name),
        title=clean(title),
        description=clean(description),
        home_url=home_url,
        language=site.language,
        author=Person(clean(site.community.name or site.title)),
        updated=items[0].at if items else _seconds(now),
        items=items,
    )


def _label(site: Site, which: str, **values: str) -> str:
    """A feed's own title line (`feed.name.*`), in the site's language."""
    return label(site.language, f"feed.name.{which}", site=site.title, **values)


# --- identity and text ----------------------------------------------------------------


def tag_uri(site: Site, space: str, key: str) -> str:
    """A permanent id: `tag:<host>,<TAG_DATE>:<base path><space>/<key>`."""
    parts = urlsplit(site.base_url)
    specific = quote(f"{parts.path.lstrip('/')}{space}/{key}", safe=_TAG_SAFE)
    return f"tag:{(parts.hostname or '').lower()},{TAG_DATE}:{specific}"


def clean(text: str) -> str:
    """The text without characters XML cannot carry (defence in depth: the
    checker reports them, but one slipping through must not break a feed)."""
    return _XML_ILLEGAL.sub("", text)


def _seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


# --- writing the three formats --------------------------------------------------------------


def rss_bytes(site: Site, feed: Feed) -> bytes:
    fg = _generator(feed)
    # RSS takes its channel <link> from the last link() call: self first, page last.
    fg.link(href=urls.absolute(site, urls.rss_file(feed.name)), rel="self", type="application/rss+xml")
    fg.link(href=feed.home_url, rel="alternate", type="text/html")
    refresh.hint(fg, site.rebuild_every)  # <ttl>, sy:updatePeriod: as often as the site is rebuilt
    for item in feed.items:
        fe = _entry(fg, item)
        if item.summary:
            # RSS readers render <description> as HTML: escape, so plain text stays text.
            fe.description(markup.text(item.summary))
    return fg.rss_str(pretty=True)


def atom_bytes(site: Site, feed: Feed) -> bytes:
    fg = _generator(feed)
    fg.link(href=urls.absolute(site, urls.atom_file(feed.name)), rel="self", type="application/atom+xml")
    fg.link(href=feed.home_url, rel="alternate", type="text/html")
    # The W3C validator requires an author on the feed or on every entry.
    fg.author(_person(feed.author))
    for item in feed.items:
        fe = _entry(fg, item)
        if item.summary:
            fe.summary(item.summary, type="text")
    return fg.atom_str(pretty=True)


def _generator(feed: Feed) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(feed.id)
    fg.title(feed.title)
    fg.subtitle(feed.description)  # also the RSS <description>
    fg.language(feed.language)
    fg.generator(GENERATOR)
    fg.updated(feed.updated)
    return fg


def _entry(fg: FeedGenerator, item: Item) -> FeedEntry:
    fe = fg.add_entry(order="append")
    fe.guid(item.guid, permalink=False)
    fe.title(item.title)
    fe.link(href=item.url, rel="alternate", type="text/html")
    fe.published(item.at)
    fe.updated(item.at)
    if item.content_html:
        fe.content(item.content_html, type="html")
    for category in item.categories:
        fields = {"term": category.term}
        if category.label:
            fields["label"] = category.label
        fe.category(fields)
    return fe


def _person(person: Person) -> dict[str, str]:
    return {"name": person.name, "email": person.email} if person.email else {"name": person.name}


def json_bytes(site: Site, feed: Feed) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": urls.absolute(site, urls.json_feed_file(feed.name)),
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.author.name}],
        "items": [_json_item(item) for item in feed.items],
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
    # `<`, `>` and `&` occur only inside JSON strings; escaping them keeps the
    # values identical and leaves no markup in the bytes, should a browser or a
    # careless embedder ever treat the file as HTML.
    for char, escape in _JSON_HTML_SAFE:
        text = text.replace(char, escape)
    return (text + "\n").encode("utf-8")


def _json_item(item: Item) -> dict[str, object]:
    stamp = item.at.isoformat()
    data: dict[str, object] = {
        "id": item.guid,
        "url": item.url,
        "title": item.title,
        "date_published": stamp,
        "date_modified": stamp,
    }
    # JSON Feed requires content_html or content_text on every item.
    if item.content_html:
        data["content_html"] = item.content_html
    else:
        data["content_text"] = item.summary
    if item.summary:
        data["summary"] = item.summary
    if item.categories:
        data["tags"] = [c.label or c.term for c in item.categories]
    return data
