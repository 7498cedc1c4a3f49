"""Markdown written by editors, turned into HTML that is safe to publish.

Markdown may carry inline HTML for formatting; what leaves here never holds a
script, an event handler or a `javascript:` URL (nh3, the Ammonia sanitizer).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import markdown
import nh3

_EXTENSIONS = ["extra", "sane_lists"]

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "abbr": {"title"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=20_000)  # a pure function of its text: the preview re-renders unchanged bodies
def to_html(text: str, remote_images: bool = True) -> str:
    """Sanitized HTML for a Markdown text (empty text gives empty HTML).

    With `remote_images=False` an image on another host loses its `src` (its
    `alt` stays): a page must not make a request to a third party."""
    if not text.strip():
        return ""
    rendered = _converter().reset().convert(text)
    return sanitize(rendered, None if remote_images else _drop_remote_images)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset between texts: setting up Python-Markdown and its
    extensions costs more than converting a typical body."""
    return markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def sanitize(fragment: str, attribute_filter: Callable[[str, str, str], str | None] | None = None) -> str:
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


def absolutize(fragment: str, base_url: str) -> str:
    """Rewrites relative `href`/`src` against `base_url` (feeds need absolute links)."""
    return sanitize(
        fragment, lambda tag, attr, value: urljoin(base_url, value) if attr in ("href", "src") else value
    )


def _drop_remote_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and (urlsplit(value).scheme or value.startswith("//")):
        return None
    return value


def text(value: str) -> str:
    """Plain text made safe for HTML: `<b>` shows as `<b>`."""
    return html.escape(value, quote=True)
