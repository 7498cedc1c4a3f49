"""The lint page: the plan's warnings and its coverage heatmaps, as built."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from conftest import run_cli

NOW = "2027-03-01T09:00+08:00"


def _build(root: Path, out: Path) -> lxml.html.HtmlElement:
    result = run_cli("--root", str(root), "--out", str(out), "--now", NOW)
    assert result.returncode == 0, result.stderr
    return lxml.html.parse(str(out / "lint" / "index.html")).getroot()


def test_the_lint_page_lists_warnings_and_shows_the_hole(plan_copy, tmp_path: Path) -> None:
    root = plan_copy("lint-base")
    diary = root / "content/user-stories/diary.yaml"
    diary.write_text(
        diary.read_text(encoding="utf-8").replace("  - channel: wechat\n    at: 2027-03-08 20:00\n", ""),
        encoding="utf-8",
    )
    page = _build(root, tmp_path / "out")
    rows = [[cell.text_content().strip() for cell in row] for row in page.cssselect("table.plan-findings tbody tr")]
    assert rows == [["content/channels.yaml:1:3", "[cadence] 渠道 微信公众号（wechat）有 1 周低于每周 1 条的节奏：2027-03-08（0）"]]
    heat = page.cssselect("table.plan-heatmap")[0]
    heads = [th.text_content() for th in heat.cssselect("thead th")][1:]
    assert heads == ["3/1", "3/8", "3/15", "3/22"]
    wechat = heat.cssselect("tbody tr")[0]
    assert wechat.cssselect("th a")[0].text_content() == "微信公众号"
    cells = [(td.text_content(), td.get("class").split()[-1]) for td in wechat.cssselect("td")]
    assert cells == [("1", "plan-heat--ok"), ("0", "plan-heat--empty"), ("1", "plan-heat--ok"), ("1", "plan-heat--ok")]
    forum = heat.cssselect("tbody tr")[1]  # no cadence: an empty week owes nothing
    assert [td.get("class").split()[-1] for td in forum.cssselect("td")][0] == "plan-heat--none"


def test_a_clean_plan_says_so_and_the_page_is_in_the_nav(plan_copy, tmp_path: Path) -> None:
    page = _build(plan_copy("lint-base"), tmp_path / "out")
    assert page.cssselect("table.plan-findings") == []
    assert "没有警告" in page.cssselect(".plan-empty")[0].text_content()
    tiers = page.cssselect("table.plan-heatmap")[1]
    assert [a.text_content() for a in tiers.cssselect("tbody th a")] == ["新用户", "忠实用户"]
    home = lxml.html.parse(str(tmp_path / "out" / "index.html")).getroot()
    assert any(a.get("href") == "lint/" for a in home.cssselect("nav a"))


def test_heatmap_shades_grow_with_the_count_and_the_scale_says_them() -> None:
    """The example plan: a week of 5 is darker than a week of 2, 2 than 1; a
    month of 42 is not the shade of 9; every shade is on the scale; the
    year's 53 weeks have month names over them, not 53 dates."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from support_site import ROOT, body, load_plan, rendered

    now = datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    page = body(rendered(load_plan(ROOT), now)["lint/index.md"])
    channels, tiers = page.cssselect("table.plan-heatmap")

    def shades(table) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        for td in table.cssselect("td.plan-heat"):
            level = next(c for c in td.get("class").split() if c.startswith("plan-heat--l"))
            found.setdefault(int(td.text_content()), set()).add(level)
        return found

    weeks = shades(channels)
    assert all(len(levels) == 1 for levels in weeks.values())  # a count has one shade
    assert weeks[1] != weeks[2] != weeks[5] and weeks[0] == {"plan-heat--l0"}
    months = shades(tiers)
    assert months[42] == {"plan-heat--l5"} and months[9] == {"plan-heat--l1"}
    scales = [[s.text_content() for s in p.cssselect(".plan-heat")] for p in page.cssselect(".plan-heat-scale")]
    assert scales[0][:6] == ["0", "1", "2", "3", "4", "5"]
    assert scales[1][:6] == ["0", "1–9", "10–18", "19–27", "28–36", "37–42"]
    heads = [th.text_content() for th in channels.cssselect("thead th")][1:]
    # the plan's first week (28 December) is too narrow for 12月: January is named
    assert len(heads) == 53 and heads[:6] == ["", "1月", "", "", "", "2月"]
