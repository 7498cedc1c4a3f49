"""The site's search index: sections as a reader finds them, words cut as
Material's search worker expects them, through the real MkDocs build."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import rjieba
from material.plugins.search.plugin import SearchPlugin
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from support_site import BASIC, HOSTILE, PLANS, ROOT, build_project, make_project, search_index

from generator.build.mkdocs import site as sitebuild
from generator.build.mkdocs.search import (
    MATERIAL_INDEX,
    MATERIAL_OPTIONS,
    MATERIAL_SEARCH,
    QUERY_END,
    QUERY_END_ESCAPED,
    WORD_BREAK,
    SectionIndex,
    plan_words,
    sections,
    with_query_end,
)
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


# --- Material's insides we lean on --------------------------------------------------


def _material_search_plugin(tmp_path: Path) -> BasePlugin:
    """Material's search plugin, configured as in a build (its on_config run)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: material\nplugins: [search]\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    return config.plugins[MATERIAL_SEARCH]


def test_materials_search_plugin_keeps_its_index_where_ours_takes_its_place(tmp_path: Path) -> None:
    plugin = _material_search_plugin(tmp_path)
    index = getattr(plugin, MATERIAL_INDEX, None)
    assert callable(getattr(index, "add_entry_from_context", None))
    assert callable(getattr(index, "generate_search_index", None))
    assert all(key in plugin.config for key in MATERIAL_OPTIONS)
    # and Material feeds and writes the index through that attribute, not a copy of it
    for event in (type(plugin).on_page_context, type(plugin).on_post_build):
        assert f"self.{MATERIAL_INDEX}." in inspect.getsource(event)


def test_a_material_keeping_its_index_elsewhere_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    material_on_config = SearchPlugin.on_config

    def renamed(self: SearchPlugin, config: object) -> object:  # a Material that renamed the attribute
        result = material_on_config(self, config)
        self._index = self.__dict__.pop(MATERIAL_INDEX)
        return result

    monkeypatch.setattr(SearchPlugin, "on_config", renamed)
    with pytest.raises(SiteBuildError) as failure:
        build_project(make_project(BASIC, tmp_path / "p"))
    assert f"keeps no index object in `{MATERIAL_INDEX}` any more" in str(failure.value)


def test_the_built_index_is_ours_not_materials(tmp_path: Path) -> None:
    built = build_project(make_project(BASIC, tmp_path / "p"))
    data = (built.site / "search" / "search_index.json").read_bytes()
    assert "川西".encode() in data  # Material writes \\uXXXX escapes
    docs = search_index(built.site)["docs"]
    assert any(WORD_BREAK + "川西" + WORD_BREAK in d["text"] for d in docs)  # words cut (Material's needs jieba)
    # the pages citing a page are listed out of search (Material's parser leaks the list)
    assert {d["text"] for d in docs if d["location"] == "campaigns/spring-launch/#referred-by"} == {""}


def _stock_material_index(monkeypatch: pytest.MonkeyPatch, plan: Path, destination: Path) -> dict:
    """The index Material's own indexer makes of the same pages (ours not registered)."""
    with monkeypatch.context() as patched:
        patched.setattr(sitebuild, "SearchIndexer", lambda project, plan_words=None: BasePlugin())
        return search_index(build_project(make_project(plan, destination)).site)


def _sections(index: dict) -> list[tuple[str, str]]:
    return [(d["location"], d["title"].replace(WORD_BREAK, "")) for d in index["docs"]]


def _comparable_text(text: str) -> str:
    """Words joined again; Material's empty paragraphs dropped (see below); whitespace collapsed."""
    return re.sub(r"\s+", " ", text.replace(WORD_BREAK, "").replace("<p></p>", "")).strip()


@pytest.mark.parametrize("plan", [BASIC, HOSTILE], ids=["basic", "hostile"])
def test_our_index_has_the_sections_materials_own_indexer_makes(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = search_index(build_project(make_project(plan, tmp_path / "ours")).site)
    stock = _stock_material_index(monkeypatch, plan, tmp_path / "stock")
    # the separator also cuts off what plan-search.js adds to a query
    assert ours["config"] == {**stock["config"], "separator": with_query_end(stock["config"]["separator"])}
    # the same sections, in the same order: locations (anchors) and titles, our word breaks aside
    assert _sections(ours) == _sections(stock)
    # The text differs on purpose in two ways only, both Material's parser's slips:
    # - a `data-search-exclude` block (the "referred by" lists) ends for Material at
    #   the first closing tag nested in it, and the rest is indexed: a story would be
    #   found through every page that cites it. Ours leaves the whole block out.
    # - closing a kept tag, Material looks for the section's first `<p>`, not the
    #   one being closed, so it keeps empty paragraphs (`<p></p>`); ours drops them.
    differing = [
        (o["location"], o["text"])
        for o, s in zip(ours["docs"], stock["docs"])
        if _comparable_text(o["text"]) != _comparable_text(s["text"])
    ]
    # (the subscribe page's lists of addresses are such blocks too)
    subscribe = {"calendar/subscribe/#calendars", "calendar/subscribe/#people"}
    assert differing and all(
        (location.endswith("#referred-by") and text == "") or location in subscribe for location, text in differing
    )
    assert all("https://" not in text for location, text in differing if location in subscribe)


def test_the_plans_names_are_whole_words_of_the_index(tmp_path: Path) -> None:
    """A member's, tier's, channel's or product's name is one word of the
    real index: searching it finds it, not each of its characters."""
    built = build_project(make_project(BASIC, tmp_path / "p"))
    text = WORD_BREAK.join(entry["title"] + WORD_BREAK + entry["text"] for entry in search_index(built.site)["docs"])
    for name in ("林晓", "王磊", "赵敏", "极光论坛", "核心用户"):
        assert WORD_BREAK.join(name) not in text, name
        assert name in text, name
    assert WORD_BREAK + "王磊" + WORD_BREAK in text


def test_plan_words_are_a_dictionary_of_the_chinese_names() -> None:
    assert plan_words(["周岚", "Xiaomi 15", "米粉 同城群", "周岚", "微博"]) == "周岚 200000\n微博 200000\n"


NAMES = PLANS / "search-names"  # 周一鸣 and 周岚 beside every 周一, the channel B站
QUERY_SCRIPT = ROOT / "theme" / "assets" / "javascripts" / "plan-search.js"


def test_a_name_that_mixes_letters_and_chinese_is_one_word_of_the_index(tmp_path: Path) -> None:
    """B站: jieba is handed the Chinese alone, so without the plan's names kept
    whole the index would hold B and 站, and a search for B站 find nothing."""
    built = build_project(make_project(NAMES, tmp_path / "p"))
    entries = search_index(built.site)["docs"]
    assert [e["title"] for e in entries if e["location"] == "channels/bili/"] == ["B站"]
    text = WORD_BREAK.join(e["text"] for e in entries)
    assert WORD_BREAK + "B站" + WORD_BREAK in text and "B" + WORD_BREAK + "站" not in text
    assert WORD_BREAK + "周一鸣" + WORD_BREAK in text and WORD_BREAK + "周一" + WORD_BREAK in text


def test_the_index_cuts_off_what_the_query_script_adds(tmp_path: Path) -> None:
    """plan-search.js adds QUERY_END to each run of Chinese of a query; where
    Material's worker keeps the run whole, the separator must cut it off
    again, or 周岚 would be searched as 周岚⿕ and find nothing."""
    script = QUERY_SCRIPT.read_text(encoding="utf-8")
    assert f'var END = "{QUERY_END_ESCAPED}";' in script
    built = build_project(make_project(BASIC, tmp_path / "p"))
    separator = search_index(built.site)["config"]["separator"]
    assert [w for w in re.split(separator, "周岚" + QUERY_END) if w] == ["周岚"]
    assert [w for w in re.split(separator, "川西" + WORD_BREAK + "徒步，稻城") if w] == ["川西", "徒步", "稻城"]
    # the worker's 川西** (a run cut in two: 川西* 徒步) is searched as 川西*, not as the word 川西*
    assert [w for w in re.split(separator, "川西**") if w] == ["川西"]
    assert with_query_end(separator) == separator  # said once


def test_a_post_reads_as_a_sentence_in_the_index(tmp_path: Path) -> None:
    """A schedule's rows: each says when, where, what, who and how far, with
    separators, and the table's column titles are not said at all."""
    built = build_project(make_project(NAMES, tmp_path / "p"))
    (text,) = [e["text"] for e in search_index(built.site)["docs"] if e["location"] == "products/xinghe-buds-pro/#schedule"]
    said = text.replace(WORD_BREAK, "")
    assert said.startswith("2027年3月1日 周一 19:00 · B站 · 星河耳机 Pro 开箱 · 周岚 · 已发布。 2027年3月8日 周一 12:00 · 微博 · "), said
    assert "时间" not in said and "渠道" not in said


# --- second round (issue #14 review on a plan never seen): people, facts, long names --------


def test_a_heading_marked_out_of_search_leaves_out_its_whole_section_as_materials_does() -> None:
    """Material leaves out the section of a heading marked `data-search-exclude`
    (its `Section.is_excluded`); skipping the heading alone would glue the
    section's text (a person's tasks) onto the section before it."""
    found = sections(
        '<h1 id="p">周岚</h1><p>编辑</p>'
        '<h2 id="overdue" data-search-exclude="1">逾期</h2><ul><li>任务一</li></ul>'
        '<h2 id="faq">问答</h2><p>答</p>'
    )
    assert [(s.id, _plain(s.title), _plain(s.text)) for s in found] == [
        (None, "周岚", "<p>编辑</p>"), ("faq", "问答", "<p>答</p>"),
    ]


def _entries(site: Path) -> dict[str, dict]:
    return {d["location"]: d for d in search_index(site)["docs"]}


def test_a_persons_page_is_in_a_team_builds_index_by_name_and_role_and_never_in_a_public_one(tmp_path: Path) -> None:
    project = make_project(NAMES, tmp_path / "p")
    entries = _entries(build_project(project).site)
    person = entries["team/zhou-yiming/"]
    assert person["title"] == "周一鸣" and person.get("boost", 1) > 1
    assert "策划" in person["text"]
    # the tasks are the entries' own: not a section of the person's page, not glued onto it
    mine = [d for location, d in entries.items() if location.startswith("team/zhou-yiming/")]
    assert mine == [person], mine
    assert "截止" not in person["text"] and "星河" not in person["text"]
    public = _entries(build_project(project, out=tmp_path / "public", public=True).site)
    assert public and not [location for location in public if location.startswith("team/")]
    assert not [d for d in public.values() if "周一鸣" in d["title"].replace(WORD_BREAK, "")]


def test_facts_read_as_a_sentence_and_buttons_are_left_out_of_the_index(tmp_path: Path) -> None:
    entries = _entries(build_project(make_project(NAMES, tmp_path / "p")).site)
    event = entries["events/monday-live/"]["text"].replace(WORD_BREAK, "")
    assert "类型：问答；形式：线上；时间：2027年3月1日 周一 20:00–21:00" in event, event
    assert event.endswith("。"), event
    assert "添加到我的日历" not in event and ".ics" not in event
    channel = entries["channels/bili/"]["text"].replace(WORD_BREAK, "")
    assert channel.startswith("类型：视频；发布频率：") and channel.endswith("。"), channel
    assert "RSS" not in channel and "订阅" not in channel


def test_the_parts_a_reader_types_of_a_long_name_are_words_of_the_index(tmp_path: Path) -> None:
    """各城市车主群（微信群）: nobody types it whole; 车主群 must be one word of
    the index (jieba alone cuts it into 车主 and 群, each on many pages)."""
    assert "车主群" in plan_words(["各城市车主群（微信群 / 企业微信群）群公告"]).split()
    assert "款家庭" not in plan_words(["蔚来 ES6 2027 款家庭智能电动 SUV"])  # 款 ends 2027 款, begins nothing
    entries = _entries(build_project(make_project(NAMES, tmp_path / "p")).site)
    title = entries["channels/city-groups/"]["title"]
    assert WORD_BREAK + "车主群" + WORD_BREAK in title and entries["channels/city-groups/"].get("boost", 1) > 1


def test_an_entrys_badges_and_tags_and_the_channel_list_read_with_separators(tmp_path: Path) -> None:
    """Not "产品已上市#ET9#新车上市" and "渠道类型发布频率订阅微博社交媒体每周 3 次RSS · Atom"."""
    built = build_project(make_project(NAMES, tmp_path / "p"))
    entries = {e["location"]: e["text"].replace(WORD_BREAK, "") for e in search_index(built.site)["docs"]}
    product = entries["products/xinghe-buds-pro/"]
    assert product.startswith("产品 · "), product
    channels = entries["channels/"]
    assert channels.startswith("B站 · "), channels
    assert "类型" not in channels and "RSS" not in channels and "。" in channels
