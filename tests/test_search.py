"""The site's search index: sections as a reader finds them, words cut as
Material's search worker expects them, through the real MkDocs build."""

from __future__ import annotations

from pathlib import Path

import pytest
import rjieba
from support_site import BASIC, build_project, make_project, search_index

from generator.build.mkdocs.search import WORD_BREAK, SectionIndex, sections
from generator.build.mkdocs.site import SiteBuildError


def _plain(parts: list[str]) -> str:
    return "".join(parts).strip()


def test_a_heading_with_an_id_starts_a_section_and_the_first_h1_stands_for_the_page() -> None:
    found = sections(
        '<h1 id="top">标题</h1><p>开头</p>'
        '<h2 id="details">详情<a class="headerlink" href="#details">&para;</a></h2>'
        "<h3>小节</h3><p>正文</p>"
    )
    assert [(s.id, _plain(s.title)) for s in found] == [(None, "标题"), ("details", "详情")]
    # a heading without an id is text of its section, not part of the title (Material mixes them)
    assert _plain(found[1].text) == "小节<p>正文</p>"


def test_a_page_without_h1_gets_its_own_section_before_the_first_heading() -> None:
    found = sections('<p>前言</p><h2 id="a">甲</h2><p>一</p>')
    assert [(s.id, _plain(s.title), _plain(s.text)) for s in found] == [
        (None, "", "<p>前言</p>"), ("a", "甲", "<p>一</p>"),
    ]


def test_what_is_marked_out_of_search_stays_out_whatever_it_nests() -> None:
    found = sections(
        '<h1 id="p">页</h1><div class="plan-refs" data-search-exclude="1"><div><h3>用户故事</h3>'
        "<ul><li>被引用的标题</li></ul></div><p>仍在排除块里</p></div>"
        "<p>之后的正文</p><script>alert(1)</script><style>p{}</style>"
    )
    assert _plain(found[0].text) == "<p>之后的正文</p>"


def test_text_is_escaped_and_whitespace_collapses_except_in_code_blocks() -> None:
    found = sections('<h1 id="ab">A &amp; B</h1>\n<p>一\n二   三</p>\n\n<pre><code>x  =\n  1</code></pre><p> </p>')
    assert _plain(found[0].title) == "A &amp; B"
    assert _plain(found[0].text) == "<p>一 二   三</p> <pre><code>x  =\n  1</code></pre>"


def test_chinese_runs_are_cut_into_words_set_apart_for_the_worker() -> None:
    index = SectionIndex({}, rjieba.Jieba())
    assert index._segment("去川西徒步 X1 稻城") == WORD_BREAK.join(["去", "川西", "徒步"]) + WORD_BREAK + " X1 " + WORD_BREAK + "稻城"


def test_the_built_index_finds_an_entry_by_the_words_of_its_body(tmp_path: Path) -> None:
    built = build_project(make_project(BASIC, tmp_path / "p"))
    index = search_index(built.site)
    assert index["config"]["lang"] == ["zh"] and "\\u200b" in index["config"]["separator"]
    story = [d for d in index["docs"] if d["location"].startswith("user-stories/sichuan-hike/")]
    words = {w for d in story for w in d["text"].replace("<p>", " ").replace("</p>", " ").split(WORD_BREAK)}
    assert {"川西", "徒步", "稻城"} <= {w.strip() for w in words}
    # back-references are marked out of search: the story is not found through pages that cite it
    cited = [d for d in index["docs"] if d["location"].endswith("#referred-by") and "川西" in d["text"]]
    assert cited == []
    # the file is UTF-8, not \\uXXXX escapes
    assert "川西".encode() in (built.site / "search" / "search_index.json").read_bytes()


def test_the_teams_user_dictionary_is_used_for_cutting(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    (root / "words.txt").write_text("川西徒步 100 n\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  search: {}", "  search:\n    jieba_dict_user: words.txt"),
                                     encoding="utf-8")
    built = build_project(root)  # the path is the project's, wherever the build runs from
    story = [d for d in search_index(built.site)["docs"] if d["location"].startswith("user-stories/sichuan-hike/")]
    assert any(WORD_BREAK + "川西徒步" + WORD_BREAK in d["text"] for d in story)


def test_a_missing_dictionary_fails_the_build_with_its_name(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  search: {}", "  search:\n    jieba_dict_user: missing.txt"),
                                     encoding="utf-8")
    with pytest.raises(SiteBuildError) as failure:
        build_project(root)
    assert "plugins.search.jieba_dict_user: missing.txt: no such file" in str(failure.value)
