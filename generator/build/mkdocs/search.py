"""The site's search index: Material's format, built faster than Material builds it.

Material's search plugin stays in charge of everything a reader sees: the
search box, its translations, the worker that loads `search/search_index.json`
and the index's `config` (language, separator, fields). What it does per page,
splitting the HTML into sections with a pure-Python parser and cutting every
run of Chinese characters with the pure-Python jieba, was 40 % of a whole
build of 1,000 entries. `SectionIndex` does that same work with lxml and
jieba-rs (the same dictionary and algorithm as jieba, the same words), and
takes the place of Material's index object for the length of one MkDocs run.

This is the only code of ours that runs inside MkDocs, and it adds nothing to
the site: a move to Zensical, which builds its own search index, loses no page
and no search.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

import lxml.html
import rjieba
from backrefs import bre
from lxml import etree
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

MATERIAL_SEARCH = "material/search"
# The attribute of Material's search plugin that holds its index object
# (made in its on_config, fed in on_page_context, written in on_post_build).
# We set it to ours; should Material rename it, setting it would quietly do
# nothing, so `_replace_index` checks it is there and fails the build if not.
MATERIAL_INDEX = "search_index"
# The plugin's options we read (the index's config) or take (the dictionaries).
MATERIAL_OPTIONS = ("lang", "separator", "pipeline", "fields", "jieba_dict", "jieba_dict_user")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
KEPT_TAGS = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # as Material keeps them
SKIPPED_TAGS = frozenset({"script", "style", "object"})
HAN = bre.compile(r"\p{script: Han}+")
WORD_BREAK = "\u200b"  # Material's separator for Chinese: lunr splits the index text on it
PLAN_WORDS = "search-words.txt"  # under .build/, written by the site build from the plan
PLAN_WORD_FREQ = 200000  # as sure a word as jieba's commonest, so a name is never cut in two
INDEX_FILE = Path("search") / "search_index.json"  # under the site, where Material's worker loads it
# What theme/assets/javascripts/plan-search.js adds to each run of Chinese in a
# query so that Material's worker tries the whole run (it never tries a run's
# last character). A Kangxi radical: Han script, as the worker's run must be,
# and in no text. The index's separator holds it, so that where the worker
# keeps a run as it is, the added character is cut off as a word break.
QUERY_END = "\u2fd5"
QUERY_END_ESCAPED = r"\u2fd5"  # as the separator writes it (Material's writes \u200b so)
WILDCARD = r"\*"  # lunr's, as a separator writes it (`with_query_end`)


def index_text(data: dict[str, Any]) -> str:
    """The index file's text: UTF-8 JSON (Material writes `\\uXXXX`, six bytes
    per Chinese character, to a file every reader downloads before a first
    search)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


class SearchIndexer(BasePlugin):  # type: ignore[type-arg]
    """Registered by `sitebuild` for one run; never listed in mkdocs.yml.

    Material's `jieba_dict` and `jieba_dict_user` options are honoured here,
    relative to the project's folder, and taken from Material's plugin before
    it hands them to jieba (which this build does not need)."""

    def __init__(self, project: Path, plan_words: Path | None = None) -> None:
        super().__init__()
        self.project = project
        self.plan_words = plan_words  # the plan's own names (`plan_words`), as a dictionary file
        self.segmenter: rjieba.Jieba | None = None
        self.names: re.Pattern[str] | None = None

    @event_priority(100)
    def _take_dictionaries(self, config: MkDocsConfig) -> MkDocsConfig:
        material = config.plugins.get(MATERIAL_SEARCH)
        if material is not None and material.config.enabled:
            _check_options(material)
            paths = [self._dictionary(material.config[key], key) for key in ("jieba_dict", "jieba_dict_user")]
            words = self.plan_words if self.plan_words is not None and self.plan_words.is_file() else None
            self.segmenter = _segmenter(*paths, words)
            self.names = _mixed_names(words)
            material.config["jieba_dict"] = material.config["jieba_dict_user"] = None
        return config

    @event_priority(-100)  # after Material's own on_config has made its index object
    def _replace_index(self, config: MkDocsConfig) -> MkDocsConfig:
        material = config.plugins.get(MATERIAL_SEARCH)
        if material is not None and self.segmenter is not None:
            _check_index(material)
            settings = {key: material.config[key] for key in ("lang", "separator", "pipeline", "fields")}
            settings["separator"] = with_query_end(settings["separator"])
            setattr(material, MATERIAL_INDEX, SectionIndex(settings, self.segmenter, self.names))
        return config

    on_config = CombinedEvent(_take_dictionaries, _replace_index)

    def _dictionary(self, value: str | None, option: str) -> Path | None:
        if not value:
            return None
        path = self.project / value
        if not path.is_file():
            raise PluginError(f"plugins.search.{option}: {value}: no such file (paths are relative to {self.project})")
        return path


def with_query_end(separator: str) -> str:
    """The index's separator (Material's for the language, or the site's own)
    with two word breaks more, both for the query: the character the query
    script adds (`QUERY_END`), and `*`. Material's worker joins the words it
    cut a run into with `* ` and then gives every word its own `*`, so all but
    the last read 小米** and look for the word 小米*: the reader sees 小米
    marked in a result and listed as missing under it, and the page opened is
    not highlighted. Split off as a word break, the second `*` goes (and a `*`
    in a page's text was never a word anyone searches)."""
    if QUERY_END in separator or QUERY_END_ESCAPED in separator:
        return separator
    return f"(?:{separator})|{QUERY_END_ESCAPED}|{WILDCARD}"


def _check_options(material: BasePlugin) -> None:  # type: ignore[type-arg]
    """Fails the build if Material's plugin lost an option we read or take."""
    missing = [key for key in MATERIAL_OPTIONS if key not in material.config]
    if missing:
        raise PluginError(
            f"Material's search plugin has no option {', '.join(missing)} any more: "
            "generator/build/mkdocs/search.py must be brought up to this Material"
        )


def _check_index(material: BasePlugin) -> None:  # type: ignore[type-arg]
    """Fails the build if Material's plugin no longer keeps its index where we
    put ours (replacing it would do nothing: the slow, unsegmented index would
    come back without a word)."""
    index = getattr(material, MATERIAL_INDEX, None)
    if not all(callable(getattr(index, name, None)) for name in ("add_entry_from_context", "generate_search_index")):
        raise PluginError(
            f"Material's search plugin keeps no index object in `{MATERIAL_INDEX}` any more: "
            "generator/build/mkdocs/search.py must be brought up to this Material"
        )


class SectionIndex:
    """What Material's plugin asks of its index object: `entries`,
    `add_entry_from_context(page)` and `generate_search_index(previous)`."""

    def __init__(self, settings: dict[str, Any], segmenter: rjieba.Jieba, names: re.Pattern[str] | None = None) -> None:
        self.settings = settings
        self.segmenter = segmenter
        self.names = names  # `_mixed_names`: kept whole, not cut
        self.entries: list[dict[str, Any]] = []

    def add_entry_from_context(self, page: Page) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        page_title = str(page.meta.get("title", page.title))
        for section in sections(page.content or ""):
            entry: dict[str, Any] = {
                "location": page.url + _anchor(page.toc, section.id),
                "title": self._segment("".join(section.title).strip() or page_title),
                "text": self._segment("".join(section.text).strip()),
            }
            tags = page.meta.get("tags")
            if isinstance(tags, list):
                entry["tags"] = [str(t) for t in tags if t and isinstance(t, (str, int, float, bool))]
            if "boost" in search:
                entry["boost"] = search["boost"]
            self.entries.append(entry)

    def generate_search_index(self, previous: SectionIndex | None) -> str:
        """Merging with a previous run's entries is `sitebuild`'s job."""
        return index_text({"config": self.settings, "docs": self.entries})

    def _segment(self, text: str) -> str:
        """Each run of Chinese characters cut into words, the words set apart
        with zero-width spaces, as Material does; a plan's name that mixes
        Chinese with other letters (B站) set apart whole."""
        cut = self.segmenter.cut

        def words(match: Any) -> str:
            return WORD_BREAK + WORD_BREAK.join(cut(match.group(0))) + WORD_BREAK

        if self.names is None:
            return HAN.sub(words, text).strip(WORD_BREAK)
        parts = self.names.split(text)  # the names at odd places (the pattern is one group)
        said = (WORD_BREAK + part + WORD_BREAK if odd else HAN.sub(words, part) for odd, part in _alternate(parts))
        return "".join(said).strip(WORD_BREAK)


class Section:
    """A heading and the text up to the next heading with an id, with the
    few tags Material keeps (paragraphs, lists, code) as HTML."""

    def __init__(self, anchor: str | None) -> None:
        self.id = anchor
        self.title: list[str] = []
        self.text: list[str] = []
        self.excluded = False  # opened by a heading marked `data-search-exclude`: left out whole


def sections(html: str) -> list[Section]:
    """The page's sections, in document order, by Material's rules: a heading
    with an id starts one (the first h1 stands for the page, without anchor);
    elements marked `data-search-exclude`, scripts, styles and permalink signs
    are left out; whitespace collapses outside `<pre>`.

    A heading with an id that is itself marked `data-search-exclude` leaves
    out its whole section, up to the next heading with an id, as Material
    does (`Section.is_excluded` in its plugin: "exclude a section" in its
    documentation); skipping only the heading would add the section's text
    to the one before it. (A heading inside a marked block is left out with
    the block: Material would open an entry for it with no text and the
    page's title, a duplicate of the page in every result list.)"""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found: list[Section] = []
    opened: list[tuple[str, list[str], int]] = []  # kept tags: name, where written, position
    skipping = 0  # depth inside a left-out element
    heading: etree._Element | None = None  # the heading whose text is the current title
    in_pre = 0

    def current() -> Section:
        if not found:
            found.append(Section(None))
        return found[-1]

    def add(data: str | None) -> None:
        if not data:
            return
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        section = current()
        if heading is not None:
            section.title.append(escape(data, quote=False))
        elif not data.isspace():
            section.text.append(escape(data, quote=False))
        elif in_pre or not section.text or not section.text[-1].isspace():
            section.text.append(data)

    add(root.text)
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element is root:
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if skipping or not tag or _left_out(element, tag, heading is not None):
                if not skipping and tag in HEADINGS and element.get("id") is not None:
                    if not found and tag != "h1":
                        found.append(Section(None))
                    found.append(Section(element.get("id") if found else None))
                    found[-1].excluded = True
                skipping += 1
                continue
            if tag in HEADINGS and element.get("id") is not None:
                if not found and tag != "h1":
                    found.append(Section(None))  # the page's own section comes first
                found.append(Section(element.get("id") if found else None))
                heading = element
            if tag == "pre":
                in_pre += 1
            if tag in KEPT_TAGS:
                where = current().title if heading is not None else current().text
                opened.append((tag, where, len(where)))
                where.append(f"<{tag}>")
            add(element.text)
            continue
        if skipping:
            skipping -= 1
            if skipping:
                continue
        elif tag:
            if tag in KEPT_TAGS:
                _close(*opened.pop())
            if tag == "pre":
                in_pre -= 1
            if element is heading:
                heading = None
        add(element.tail)
    return [section for section in found if not section.excluded]


def _left_out(element: etree._Element, tag: str, in_title: bool) -> bool:
    return (
        tag in SKIPPED_TAGS
        or element.get("data-search-exclude") is not None
        or element.get("class") == "linenodiv"
        or (in_title and tag == "a" and element.get("class") == "headerlink")
    )


def _close(tag: str, where: list[str], start: int) -> None:
    """Closes a kept tag, or drops it if it held only whitespace."""
    if all(part.isspace() for part in where[start + 1:]):
        del where[start:]
    else:
        where.append(f"</{tag}>")


def _anchor(toc: TableOfContents, anchor: str | None) -> str:
    if anchor is None:
        return ""
    pending = list(toc)
    while pending:
        item = pending.pop()
        if item.id == anchor:
            return item.url
        pending.extend(item.children)
    return "#" + anchor


def _segmenter(dictionary: Path | None, *user_dictionaries: Path | None) -> rjieba.Jieba:
    """jieba-rs with jieba's dictionary or the site's own, and the site's own
    words and the plan's names (jieba's format: lines of `word [freq] [tag]`)."""
    return _loaded(*((path, path.stat().st_mtime_ns) if path else None for path in (dictionary, *user_dictionaries)))


def plan_words(names: Iterable[str]) -> str:
    """The plan's names (people, tiers, channels, products) as a jieba
    dictionary: each is then one word of the index, so searching 周岚 finds
    周岚 and not every 周二. Only names with Chinese in them need it, and a
    dictionary word has no spaces.

    A long name, one with spaces or punctuation in it (各城市车主群（微信群）),
    is not one word: nobody types it whole. Its parts are (`name_parts`), so
    that what a reader types of it (车主群) is a word of the index too, and
    not 车主 and 群, each on dozens of pages."""
    wanted = [n.strip() for n in names if HAN.search(n)]
    found = {n for n in wanted if ONE_WORD.fullmatch(n)}
    found.update(part for n in wanted if not ONE_WORD.fullmatch(n) for part in name_parts(n))
    return "".join(f"{name} {PLAN_WORD_FREQ}\n" for name in sorted(found))


ONE_WORD = re.compile(r"[^\W_]+")  # letters, digits, Chinese: 周岚, B站, QQ群; no space, no bracket


# How jieba's parts of speech say a one-character word is joined in a name
# (jieba cuts 车主群 into 车主 and 群, 公众号 into 公众 and 号): a noun or
# measure word ends the word before it (车主群, 公告屏, 露营季, 限定款), a
# distinguishing word or adjective begins the one after it (主账号, 短视频).
# Anything else (与, 含, 各) stays a word of its own.
SUFFIX_TAGS = ("n", "m", "q")
PREFIX_TAGS = ("a", "b")


def name_parts(name: str) -> list[str]:
    """The words of a long name's Chinese that jieba alone would not keep:
    its one-character words joined to their neighbour (`SUFFIX_TAGS`)."""
    parts: list[str] = []
    for run in HAN.findall(name):
        words = _loaded(None).tag(run)
        merged: list[str] = []
        pending = ""  # a one-character word waiting for the word after it
        for index, (word, tag) in enumerate(words):
            single = len(word) == 1
            if single and tag.startswith(SUFFIX_TAGS) and merged and not pending:
                merged[-1] += word
            elif single and tag.startswith(PREFIX_TAGS + ("n",)) and index + 1 < len(words):  # 主账号, 群公告
                pending += word
            else:
                merged.append(pending + word)
                pending = ""
        if pending:
            merged.append(pending)
        parts.extend(w for w in merged if len(w) > 1 and w not in (word for word, _ in words))
    return parts


def _mixed_names(words: Path | None) -> re.Pattern[str] | None:
    """The plan's names (`plan_words`) with letters or digits beside their
    Chinese, B站, QQ群: jieba is handed the Chinese alone, so they would come
    out cut (B, 站) and a search for B站 would find nothing. Longest first,
    so that of two names one inside the other the longer is found."""
    if words is None:
        return None
    names = {line.split()[0] for line in words.read_text(encoding="utf-8").splitlines() if line.split()}
    mixed = sorted((n for n in names if not HAN.fullmatch(n)), key=lambda n: (-len(n), n))
    return re.compile("(" + "|".join(map(re.escape, mixed)) + ")") if mixed else None


def _alternate(parts: list[str]) -> Iterable[tuple[bool, str]]:
    return ((index % 2 == 1, part) for index, part in enumerate(parts))


@lru_cache(maxsize=4)  # a dictionary takes 0.1 s to load: once per process, unless its file changes
def _loaded(*dictionaries: tuple[Path, int] | None) -> rjieba.Jieba:
    main = dictionaries[0]
    segmenter = rjieba.Jieba.empty() if main else rjieba.Jieba()
    for found in dictionaries:
        if found is None:
            continue
        for line in found[0].read_text(encoding="utf-8").splitlines():
            word, *rest = line.split() or [""]
            if word:
                freq = int(rest[0]) if rest and rest[0].isdigit() else None
                segmenter.add_word(word, freq, rest[1] if len(rest) > 1 else None)
    return segmenter
