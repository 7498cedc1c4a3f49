"""Helpers for the feed tests: load fixture plans through the checker, render
them, and read the feeds back the way a reader or the W3C validator would."""

from __future__ import annotations

from conftest import copy_plan, edit, load_plan as load  # noqa: F401 - shared with the tests that import them from here

import email.utils
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.etree
import lxml.html

from generator import feeds
from generator.plan.model import Plan
from generator.plan.visibility import view

PLANS = Path(__file__).parent / "plans"
BASIC = PLANS / "feeds-basic"
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2027, 4, 1, 9, 0, tzinfo=SHANGHAI)

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

_RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")








def render(
    plan: Plan, now: datetime = NOW, drafts: bool = False, feed_limit: int = feeds.FEED_LIMIT
) -> dict[str, bytes]:
    shown = view(plan, now, drafts)
    outputs = feeds.render(shown.plan, shown, feed_limit)
    files = {o.path: o.data for o in outputs}
    assert len(files) == len(outputs), "two outputs share a path"
    return files


# --- reading feeds back ----------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """One item as a reader sees it: what the tests compare across formats."""

    title: str
    guid: str
    link: str
    date: str


def rss_items(data: bytes) -> list[Seen]:
    channel = lxml.etree.fromstring(data).find("channel")
    return [
        Seen(i.findtext("title"), i.findtext("guid"), i.findtext("link"), i.findtext("pubDate"))
        for i in channel.findall("item")
    ]


def atom_entries(data: bytes) -> list[Seen]:
    root = lxml.etree.fromstring(data)
    return [
        Seen(
            e.findtext(f"{ATOM}title"),
            e.findtext(f"{ATOM}id"),
            e.find(f"{ATOM}link").get("href"),
            e.findtext(f"{ATOM}updated"),
        )
        for e in root.findall(f"{ATOM}entry")
    ]


def json_items(data: bytes) -> list[Seen]:
    document = json.loads(data.decode("utf-8"))
    return [Seen(i["title"], i["id"], i["url"], i["date_published"]) for i in document["items"]]


def contents(path: str, data: bytes) -> list[str]:
    """Every HTML body a feed carries, as the HTML text a reader would render."""
    if path.endswith(".json"):
        return [i["content_html"] for i in json.loads(data)["items"] if "content_html" in i]
    root = lxml.etree.fromstring(data)
    if path.endswith(".rss.xml"):
        return [e.text or "" for e in root.iter(CONTENT_ENCODED)] + [
            d.text or "" for d in root.iter("description")
        ]
    return [c.text or "" for c in root.iter(f"{ATOM}content")]


def html_urls(fragment: str) -> list[str]:
    if not fragment.strip():
        return []
    tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    return [v for el in tree.iter() for k, v in el.attrib.items() if k in ("href", "src")]


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def rfc822(value: str) -> datetime:
    assert _RFC822.match(value), f"not an RFC 822 date: {value!r}"
    return email.utils.parsedate_to_datetime(value)


def rfc3339(value: str) -> datetime:
    assert _RFC3339.match(value), f"not an RFC 3339 date: {value!r}"
    return datetime.fromisoformat(value)


# --- the W3C feed validator's rules that matter, checked offline -------------------------


def rss_problems(data: bytes, self_url: str) -> list[str]:
    problems: list[str] = []
    channel = lxml.etree.fromstring(data).find("channel")
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no {name}")
    if not is_absolute(channel.findtext("link") or ""):
        problems.append("channel link is not absolute")
    selfs = [a.get("href") for a in channel.findall(f"{ATOM}link") if a.get("rel") == "self"]
    if selfs != [self_url]:
        problems.append(f"self link {selfs} is not [{self_url}]")
    for name in ("lastBuildDate", "pubDate"):
        if channel.find(name) is not None and not _RFC822.match(channel.findtext(name)):
            problems.append(f"channel {name} is not RFC 822")
    guids = [i.findtext("guid") for i in channel.findall("item")]
    if len(set(guids)) != len(guids) or None in guids:
        problems.append(f"guids missing or repeated: {guids}")
    for item in channel.findall("item"):
        if not (item.findtext("title") or item.findtext("description")):
            problems.append("item without title or description")
        if not is_absolute(item.findtext("link") or ""):
            problems.append(f"item link not absolute: {item.findtext('link')}")
        guid = item.find("guid")
        if guid is not None and guid.get("isPermaLink", "true") == "true" and not is_absolute(guid.text or ""):
            problems.append("guid is a permalink but not a URL")
        if not _RFC822.match(item.findtext("pubDate") or ""):
            problems.append(f"pubDate not RFC 822: {item.findtext('pubDate')}")
        author = item.findtext("author")
        if author is not None and not re.match(r"^\S+@\S+( \(.+\))?$", author):
            problems.append(f"author is not an email address: {author!r}")
    return problems


def atom_problems(data: bytes, self_url: str) -> list[str]:
    problems: list[str] = []
    root = lxml.etree.fromstring(data)
    for name in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{name}") or "").strip():
            problems.append(f"feed has no {name}")
    if not _RFC3339.match(root.findtext(f"{ATOM}updated") or ""):
        problems.append("feed updated is not RFC 3339")
    links = root.findall(f"{ATOM}link")
    selfs = [a.get("href") for a in links if a.get("rel") == "self"]
    if selfs != [self_url]:
        problems.append(f"self link {selfs} is not [{self_url}]")
    problems += [f"feed link not absolute: {a.get('href')}" for a in links if not is_absolute(a.get("href"))]
    feed_author = root.find(f"{ATOM}author/{ATOM}name")
    ids = [root.findtext(f"{ATOM}id")]
    for entry in root.findall(f"{ATOM}entry"):
        ids.append(entry.findtext(f"{ATOM}id"))
        for name in ("id", "title", "updated"):
            if not (entry.findtext(f"{ATOM}{name}") or "").strip():
                problems.append(f"entry has no {name}")
        for name in ("updated", "published"):
            value = entry.findtext(f"{ATOM}{name}")
            if value is not None and not _RFC3339.match(value):
                problems.append(f"entry {name} is not RFC 3339: {value}")
        entry_links = [a.get("href") for a in entry.findall(f"{ATOM}link") if a.get("rel", "alternate") == "alternate"]
        if not entry_links or not all(is_absolute(h) for h in entry_links):
            problems.append(f"entry alternate link missing or relative: {entry_links}")
        if feed_author is None and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append("entry has no author and the feed has none")
    if len(set(ids)) != len(ids) or not all(i and urlsplit(i).scheme for i in ids):
        problems.append(f"ids missing, not URIs, or repeated: {ids}")
    return problems


def json_problems(data: bytes, self_url: str) -> list[str]:
    problems: list[str] = []
    document = json.loads(data.decode("utf-8"))
    if document.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version is {document.get('version')!r}")
    if not document.get("title"):
        problems.append("no title")
    if document.get("feed_url") != self_url:
        problems.append(f"feed_url {document.get('feed_url')} is not {self_url}")
    if not is_absolute(document.get("home_page_url", "")):
        problems.append("home_page_url not absolute")
    ids = [i.get("id") for i in document["items"]]
    if len(set(ids)) != len(ids) or not all(isinstance(i, str) and i for i in ids):
        problems.append(f"ids missing or repeated: {ids}")
    for item in document["items"]:
        if "content_html" not in item and "content_text" not in item:
            problems.append(f"item {item.get('id')} has neither content_html nor content_text")
        if not is_absolute(item.get("url", "")):
            problems.append(f"item url not absolute: {item.get('url')}")
        for name in ("date_published", "date_modified"):
            if name in item and not _RFC3339.match(item[name]):
                problems.append(f"{name} is not RFC 3339: {item[name]}")
    return problems
