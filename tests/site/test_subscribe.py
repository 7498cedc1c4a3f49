"""`subscribe`: the subscribe page, built for real: the apps teams in China use
first and Google last, every address whole with a copy button, and in headless
Chromium at a phone's 390 px nothing wider than the screen and each copy
button putting the exact address on the clipboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from generator.site.subscribe import url_parts
from conftest import copy_plan
from support_site import BASIC, HOSTILE, Built, build_plan, read_page, serving, session_build, text, texts

CHROMIUM = "/usr/bin/chromium"
ALL = "https://plan.example.cn/aurora/calendar/all.ics"


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return session_build(tmp_path_factory, BASIC, "subscribe-basic")


def test_an_address_breaks_only_after_a_slash() -> None:
    assert url_parts(ALL) == ("https://", "plan.example.cn/", "aurora/", "calendar/", "all.ics")
    assert "".join(url_parts(ALL)) == ALL


def test_the_apps_teams_in_china_use_come_first_and_google_last(basic: Built) -> None:
    doc = read_page(basic.site, "calendar/subscribe/")
    headings = texts(doc, "article h2")
    assert headings[headings.index("飞书日历"):] == [
        "飞书日历", "钉钉日历", "企业微信日程", "QQ 邮箱日历", "Apple 日历（iPhone、iPad、Mac）", "Outlook", "Google 日历",
    ]
    google = doc.cssselect("h2#google + .plan-client")[0]
    assert "在中国大陆无法直接访问" in text(google)
    assert "CalDAV" in text(doc.cssselect("h2#feishu + .plan-client")[0])


def test_an_english_plans_page_names_the_same_apps(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = session_build(tmp_path_factory, HOSTILE, "subscribe-hostile")
    headings = texts(read_page(built.site, "calendar/subscribe/"), "article h2")
    assert headings[-7:] == [
        "Feishu (Lark) Calendar", "DingTalk Calendar", "WeCom (WeChat Work) Schedule", "QQ Mail Calendar",
        "Apple Calendar (iPhone, iPad, Mac)", "Outlook", "Google Calendar",
    ]


def test_every_address_has_a_copy_button_for_exactly_it(basic: Built) -> None:
    doc = read_page(basic.site, "calendar/subscribe/")
    cards = doc.cssselect(".plan-sub")
    assert len(cards) == 2 + len(basic.plan.channels) + len(basic.plan.site.team)
    for card in cards:
        button = card.cssselect("button[data-plan-copy]")[0]
        target = doc.get_element_by_id(button.get("data-plan-copy"))
        address = target.text_content()
        assert address.startswith("https://plan.example.cn/aurora/calendar/") and address.endswith(".ics")
        assert " " not in address and card.cssselect("a")[0].get("href") == "webcal://" + address.removeprefix("https://")
    assert ALL in [doc.get_element_by_id(b.get("data-plan-copy")).text_content() for b in doc.cssselect("button[data-plan-copy]")]


@pytest.fixture(scope="module")
def served(basic: Built) -> Iterator[str]:
    with serving(basic.site) as base:
        yield base


@pytest.mark.browser
def test_on_a_phone_nothing_spills_and_copy_puts_the_exact_address_on_the_clipboard(served: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served + "calendar/subscribe/")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        # every button is wholly on the screen (the download button was cut off)
        outside = page.evaluate(
            """() => [...document.querySelectorAll('article .md-button')]
                     .filter(b => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > 390; })
                     .map(b => b.textContent)"""
        )
        assert outside == []
        # an address wraps only after a `/`: each line of it ends with one, but the last
        ends = page.evaluate(
            """() => { const code = document.getElementById('sub-calendar-all');
                       const parts = [...code.querySelectorAll('span')];
                       const tops = parts.map(p => p.getBoundingClientRect().top);
                       return parts.filter((p, i) => i + 1 < parts.length && tops[i + 1] > tops[i] + 1)
                                   .map(p => p.textContent.slice(-1)); }"""
        )
        assert set(ends) <= {"/"}
        buttons = page.locator("button[data-plan-copy]")
        for index in (0, buttons.count() - 1):
            button = buttons.nth(index)
            address = page.locator("#" + button.get_attribute("data-plan-copy")).text_content()
            button.click()
            assert page.evaluate("navigator.clipboard.readText()") == address
            assert button.text_content() == "已复制"
        buttons.first.click()
        assert page.evaluate("navigator.clipboard.readText()") == ALL
        assert errors == []
        browser.close()


@pytest.mark.browser
def test_a_long_address_wraps_inside_its_box_on_a_phone(tmp_path: Path) -> None:
    # a channel id longer than a phone's line: its last part has no "/" to break after
    plan = copy_plan(BASIC, tmp_path)
    channels = plan / "content" / "channels.yaml"
    channels.write_text(
        channels.read_text(encoding="utf-8")
        + "- id: aurora-app-community-official-channel-for-owners\n  name: 极光 App 车主社区官方频道\n  kind: forum\n",
        encoding="utf-8",
    )
    built = build_plan(plan, tmp_path / "out")
    with serving(built.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "calendar/subscribe/")
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('.plan-sub__url .plan-url')]
                     .filter(code => code.scrollWidth > code.clientWidth + 1)
                     .map(code => code.textContent)"""
        )
        long = page.locator("#sub-calendar-aurora-app-community-official-channel-for-owners").count()
        browser.close()
    assert long == 1  # the long address is on the page
    assert clipped == []
