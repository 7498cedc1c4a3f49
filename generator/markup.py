"""Markdown written by editors, turned into HTML that is safe to publish.

Markdown may carry inline HTML for formatting; what leaves here never holds a
script, an event handler or a `javascript:` URL (nh3, the Ammonia sanitizer).
"""

from __future__ import annotations

import html
from urllib.parse import urljoin

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


def to_html(text: str) -> str:
    """Sanitized HTML for a Markdown text (empty text gives empty HTML)."""
    if not text.strip():
        return ""
    rendered = markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")
    return sanitize(rendered)


def sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def absolutize(fragment: str, base_url: str) -> str:
    """Rewrites relative `href`/`src` against `base_url` (feeds need absolute links)."""

    def rewrite(value: str) -> str:
        return urljoin(base_url, value)

    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=lambda tag, attr, value: rewrite(value) if attr in ("href", "src") else value,
    )


def text(value: str) -> str:
    """Plain text made safe for HTML: `<b>` shows as `<b>`."""
    return html.escape(value, quote=True)
