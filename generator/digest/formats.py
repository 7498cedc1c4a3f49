"""A digest as each group bot takes it: the message JSON, within the platform's size.

Sources of the shapes and limits (looked up for issue #17):

- WeCom (企业微信) group bot, https://developer.work.weixin.qq.com/document/path/91770:
  `{"msgtype": "markdown", "markdown": {"content": "..."}}`; the content is
  at most 4096 bytes of UTF-8 (a longer one is refused with errcode 40058,
  "markdown.content exceed max length 4096"). Its Markdown has headings,
  bold, links, quotes and `<font color="info|comment|warning">`.
- Feishu (飞书) custom bot, https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot:
  `{"msg_type": "interactive", "card": {...}}` (a message card: a header
  title, `div` elements of `lark_md` text); the request body is at most
  20 KB, and a signed bot adds `timestamp` and `sign` to it.
- DingTalk (钉钉) custom bot, https://open.dingtalk.com/document/robots/custom-robot-access:
  `{"msgtype": "markdown", "markdown": {"title": "...", "text": "..."}}`
  (`title` is what the chat list shows); a body over 20000 bytes is refused
  ("body 大小不合法 … 请保持大小在 20000bytes 以内", as reported in
  ZhuLinsen/daily_stock_analysis#61). Its Markdown needs a blank line
  between lines to keep them apart.
- `markdown`: plain Markdown, for anything else (pasting, e-mail); no limit.

A message is split into several where it would be too long: between lines,
never inside one, each continuation repeating its section's heading (and
person) and each title numbered (1/3). The one case that cuts text is a
single line longer than a whole message: it is shortened at a character
boundary and ends with "…". Sizes are counted on the exact bytes sent
(compact JSON, UTF-8 unescaped): what is measured is what goes out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.digest.content import COMMENT, HEADING, INFO, ITEM, LINK, NOTE, PERSON, TITLE, WARNING, Line
from generator.words import label

WECOM, FEISHU, DINGTALK, MARKDOWN = "wecom", "feishu", "dingtalk", "markdown"
FORMATS = (WECOM, FEISHU, DINGTALK, MARKDOWN)
PLATFORMS = (WECOM, FEISHU, DINGTALK)  # the formats `--post` sends

WECOM_CONTENT_BYTES = 4096
FEISHU_BODY_BYTES = 20 * 1024
DINGTALK_BODY_BYTES = 20_000
SIGN_RESERVE = 128  # bytes kept free in a Feishu body for the `timestamp` and `sign` of a signed bot
_PART_PLACEHOLDER = 999  # the part numbers reserved while splitting, wider than any real one
_CSS_TO_WECOM = {WARNING: "warning", INFO: "info", COMMENT: "comment"}


@dataclass(frozen=True, slots=True)
class Message:
    """One message: its Markdown as a reader sees it, and the payload sent (None for `markdown`)."""

    text: str
    payload: dict | None

    @property
    def body(self) -> bytes:
        """The exact bytes printed and sent: compact JSON (or the Markdown itself)."""
        if self.payload is None:
            return self.text.encode("utf-8")
        return encode(self.payload)


def encode(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")


def render(format_name: str, lines: Sequence[Line], language: str) -> list[Message]:
    """The digest as `format_name`'s messages, split to its limit."""
    shape = _SHAPES[format_name]
    parts = split(list(lines), lambda chosen: shape.fits(shape.message(chosen)), language)
    return [shape.message(part) for part in parts]


# --- the platforms ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Shape:
    markup: Callable[[Line], str]
    joiner: str
    wrap: Callable[[str, str], dict] | None  # (title, markup) -> payload
    fits: Callable[[Message], bool]
    title_apart: bool = False  # the title goes in the payload's own field (Feishu's card header), not the text

    def message(self, chosen: Sequence[Line]) -> Message:
        title = chosen[0].text if chosen and chosen[0].role == TITLE else ""
        shown = chosen[1:] if self.title_apart and title else chosen
        text = self.joiner.join(self.markup(line) for line in shown)
        return Message(text, self.wrap(title, text) if self.wrap is not None else None)


@dataclass(frozen=True, slots=True)
class _Markup:
    """How one platform's Markdown writes each role of line (`{text}` and `{url}` are
    the line's); an item is `- {tag} {text}`, or `- {text}` without a tag."""

    title: str
    heading: str
    person: str = "**{text}**"
    note: str = "{text}"
    link: str = "[{text}]({url})"
    escape: Callable[[str], str] = str  # what the plan's text becomes in this Markdown (as it is, by default)
    tones: bool = False  # an item's tag in its tone's colour (WeCom's `<font color>`)

    def __call__(self, line: Line) -> str:
        text = self.escape(line.text)
        if line.role == ITEM:
            return f"- {self._tag(line)} {text}" if line.tag else f"- {text}"
        template = {TITLE: self.title, HEADING: self.heading, PERSON: self.person, NOTE: self.note, LINK: self.link}
        return template[line.role].format(text=text, url=line.url)

    def _tag(self, line: Line) -> str:
        tag = f"**{self.escape(line.tag)}**"
        tone = _CSS_TO_WECOM.get(line.tone) if self.tones else None
        return f'<font color="{tone}">{tag}</font>' if tone else tag


def _escape(text: str) -> str:
    """Plan text stays text in plain Markdown: its markup characters are escaped."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


# Plain Markdown keeps lines apart with blank lines before the sections; DingTalk's
# joiner (a blank line between every two) does that for it.
_MARKDOWN = _Markup("## {text}", "\n### {text}", person="\n**{text}**", link="\n[{text}]({url})", escape=_escape)
_WECOM = _Markup("## {text}", "### {text}", note='<font color="comment">{text}</font>', tones=True)
_DINGTALK = _Markup("### {text}", "#### {text}")
_FEISHU = _Markup("**{text}**", "**{text}**")  # a card's text has no headings: bold, like a person


def _wecom_payload(title: str, text: str) -> dict:
    return {"msgtype": "markdown", "markdown": {"content": text}}


def _dingtalk_payload(title: str, text: str) -> dict:
    return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}


def _feishu_payload(title: str, text: str) -> dict:
    return {
        "msg_type": "interactive",
        "card": {
            "config": {"wide_screen_mode": True},
            "header": {"title": {"tag": "plain_text", "content": title}, "template": "blue"},
            "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": text}}],
        },
    }


_SHAPES: dict[str, _Shape] = {
    MARKDOWN: _Shape(_MARKDOWN, "\n", None, lambda m: True),
    WECOM: _Shape(_WECOM, "\n", _wecom_payload, lambda m: len(m.text.encode("utf-8")) <= WECOM_CONTENT_BYTES),
    DINGTALK: _Shape(_DINGTALK, "\n\n", _dingtalk_payload, lambda m: len(m.body) <= DINGTALK_BODY_BYTES),
    FEISHU: _Shape(_FEISHU, "\n", _feishu_payload, lambda m: len(m.body) + SIGN_RESERVE <= FEISHU_BODY_BYTES, True),
}


# --- splitting -----------------------------------------------------------------------------


def split(lines: list[Line], fits: Callable[[list[Line]], bool], language: str) -> list[list[Line]]:
    """The lines in messages that each `fits`: a message ends between lines; the
    next begins with the title and, when it goes on with a section, that
    section's heading (and the person whose tasks go on), marked continued.
    Titles are numbered when there is more than one message."""
    if not lines:
        return []
    title, rest = lines[0], lines[1:]
    numbered = _numbered(title, _PART_PLACEHOLDER, _PART_PLACEHOLDER, language)
    messages: list[list[Line]] = []
    current: list[Line] = [numbered]
    heading: Line | None = None
    person: Line | None = None
    for line in rest:
        if line.role == HEADING:
            heading, person = line, None
        elif line.role == PERSON:
            person = line
        if fits([*current, line]):
            current.append(line)
            continue
        # the line starts the next message; a heading left without a line after it goes along
        while len(current) > 1 and current[-1].role in (HEADING, PERSON):
            current.pop()
        if len(current) > 1:
            messages.append(current)
        current = [numbered, *_context(heading, person, line, messages, language)]
        current.append(line if fits([*current, line]) else _shortened(line, current, fits, language))
    messages.append(current)
    total = len(messages)
    if total == 1:
        return [[title, *messages[0][1:]]]
    return [[_numbered(title, n, total, language), *m[1:]] for n, m in enumerate(messages, 1)]


def _context(
    heading: Line | None, person: Line | None, line: Line, messages: list[list[Line]], language: str
) -> list[Line]:
    """What a continuing message repeats: the section and person `line` belongs to, when
    they were begun in an earlier message ("续"); nothing for a line that begins its own."""
    said = {id(l) for m in messages for l in m}  # noqa: E741
    context: list[Line] = []
    if heading is not None and line is not heading:
        context.append(_continued(heading, language) if id(heading) in said else heading)
    if person is not None and line is not person and line.role != HEADING:
        context.append(_continued(person, language) if id(person) in said else person)
    return context


def _continued(line: Line, language: str) -> Line:
    return Line(line.role, line.text + label(language, "digest.continued"), line.tag, line.tone, line.url)


def _numbered(title: Line, n: int, total: int, language: str) -> Line:
    return Line(TITLE, title.text + label(language, "digest.part", n=n, total=total))


def _shortened(line: Line, before: list[Line], fits: Callable[[list[Line]], bool], language: str) -> Line:
    """A line too long for any message, cut at a character (never inside one) to fit, with "…"."""
    more = label(language, "punct.more")
    low, high = 0, len(line.text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        candidate = Line(line.role, line.text[:middle] + more, line.tag, line.tone, line.url)
        if fits([*before, candidate]):
            low = middle
        else:
            high = middle - 1
    return Line(line.role, line.text[:low] + more, line.tag, line.tone, line.url)
