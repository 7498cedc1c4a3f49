"""`calendar/subscribe/`: every calendar's address, each with a copy button,
and how to subscribe from the calendar apps teams use, those common in China
first (Google last: it cannot be reached from the mainland).

An address is cut into its path segments, each kept whole, so a narrow
screen wraps it only after a `/` (never inside a word); the copy button
copies the address exactly as it is to be pasted (plan-copy.js).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.plan import urls
from generator.plan.outputs import Output
from generator.site.time import every_text
from generator.site.view import Context, page

# In the order the page explains them: the apps a Chinese team has at hand
# first, then the system calendars, then Google.
CLIENTS = ("feishu", "dingtalk", "wecom", "qqmail", "apple", "outlook", "google")
# Apps whose help says how often a subscription is refreshed: the others
# subscribe through the system calendar and refresh as it does.
REFRESHED = frozenset({"apple", "outlook", "google"})
NOTES = {"google": "sub.google.unreachable"}


@dataclass(frozen=True, slots=True)
class Address:
    """An https:// address to copy: `parts` joined are the address exactly."""

    anchor: str  # the id of the element the copy button copies
    parts: tuple[str, ...]
    webcal: str
    ics: str  # site-relative, for the download link


@dataclass(frozen=True, slots=True)
class Subscription:
    name: str
    about: str  # empty for a member's calendar: what it holds is said once, above the list
    address: Address


@dataclass(frozen=True, slots=True)
class Client:
    anchor: str
    name: str
    steps: str
    refresh: str  # empty where the app refreshes as the system calendar does
    note: str  # said before the steps (Google: not reachable from the mainland), or empty


def render_subscribe_page(ctx: Context, calendars: tuple[tuple[str, str, str], ...]) -> Output:
    """`calendars` are (name, what it holds, site-relative .ics path), in the page's order."""
    return page(
        ctx, urls.subscribe_dir(), "subscribe.md.j2", {"title": ctx.t("subscribe")},
        calendars=tuple(Subscription(name, about, address(ctx, ics)) for name, about, ics in calendars),
        people=_people(ctx), clients=tuple(_client(ctx, c) for c in CLIENTS),
        rebuild=ctx.t("sub.rebuild", every=every_text(ctx.plan.site.rebuild_every, ctx.language)),
    )


def address(ctx: Context, ics: str) -> Address:
    absolute = urls.absolute(ctx.plan.site, ics)
    return Address("sub-" + ics.removesuffix(".ics").replace("/", "-"), url_parts(absolute), urls.webcal(absolute), ics)


def url_parts(url: str) -> tuple[str, ...]:
    """`https://a.cn/b/c.ics` as `https://`, `a.cn/`, `b/`, `c.ics`: a line may break between them."""
    scheme, sep, rest = url.partition("://")
    head = (scheme + sep,) if sep else ()
    pieces = (rest if sep else url).split("/")
    return head + tuple(p + "/" for p in pieces[:-1]) + ((pieces[-1],) if pieces[-1] else ())


def _people(ctx: Context) -> tuple[Subscription, ...]:
    """Each member's calendar, in the team's order. Team-only, like the calendars
    themselves: the readers' build (`--public`) lists none."""
    return tuple(
        Subscription(member.name, "", address(ctx, urls.person_calendar_file(member.id)))
        for member in (ctx.plan.site.team if ctx.view.team else ())
    )


def _client(ctx: Context, client: str) -> Client:
    refresh = ctx.t(f"sub.{client}.refresh") if client in REFRESHED else ""
    note = ctx.t(NOTES[client]) if client in NOTES else ""
    return Client(client, ctx.t(f"sub.{client}"), ctx.t(f"sub.{client}.steps"), refresh, note)
