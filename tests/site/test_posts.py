"""Copy ready to post, and today's posts: `today/` on a real build, and its
copy buttons in headless Chromium putting the exact text on the clipboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import sync_playwright

from conftest import edit
from support_site import BASIC, Built, build_project, make_project, read_page, serving, text, texts

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2027, 3, 28, 8, 0, tzinfo=SHANGHAI)  # a Sunday morning: 极光 X1's weibo post is at 10:00
WEIBO_TEXT = "一英寸主摄，两天续航。\n今晚 19:30 发布会见。"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = make_project(BASIC, tmp_path_factory.mktemp("posts") / "project")
    edit(root / "content/channels.yaml", "  name: 微博\n", "  name: 微博\n  platform: weibo\n")
    edit(root / "content/channels.yaml", "  name: 极光论坛\n", "  name: 极光论坛\n  platform: forum\n")
    story = root / "content/user-stories/sichuan-hike.yaml"
    edit(
        story,
        "    at: 2027-03-28 10:00\n",
        "    at: 2027-03-28 10:00\n    copy:\n      text: |\n"
        + "".join(f"        {line}\n" for line in WEIBO_TEXT.splitlines())
        + "      tags: [极光X1, 川西]\n",
    )
    with story.open("a", encoding="utf-8") as plan_file:  # tomorrow's post, its copy still to write
        plan_file.write("  - channel: forum\n    at: 2027-03-29 09:00\n    title: 川西徒步路线图\n")
    return build_project(root, now=NOW)


def test_today_lists_the_days_posts_in_time_order_with_their_copy(built: Built) -> None:
    doc = read_page(built.site, "today/")
    days = texts(doc, "article h2")
    assert days[0].startswith("今天 · 2027年3月28日") and days[1].startswith("明天 · 2027年3月29日")
    today = doc.cssselect(".plan-posts")[0]
    posts = today.cssselect(".plan-post")
    assert [text(p.cssselect(".plan-post__title")[0]) for p in posts][:1] == ["带着 X1 在川西徒步的七天"]
    copy = posts[0].cssselect(".plan-copy")[0]
    fields = {text(f.cssselect(".plan-copy__label")[0]): f.cssselect("pre")[0].text_content() for f in copy.cssselect(".plan-copy__field")}
    # Weibo writes its topics in the text, in its own form; the link is the entry's page
    assert fields == {
        "正文": WEIBO_TEXT + "\n#极光X1# #川西#",
        "链接": "https://plan.example.cn/aurora/user-stories/sichuan-hike/",
    }


def test_a_post_without_copy_says_how_to_add_it(built: Built) -> None:
    tomorrow = read_page(built.site, "today/").cssselect(".plan-posts")[1]
    titles = [text(t) for t in tomorrow.cssselect(".plan-post__title")]
    assert "川西徒步路线图" in titles
    post = tomorrow.cssselect(".plan-post")[titles.index("川西徒步路线图")]
    assert not post.cssselect(".plan-copy") and "copy:" in text(post.cssselect(".plan-hint")[0])


def test_today_is_the_teams_and_in_its_navigation(built: Built) -> None:
    nav = texts(read_page(built.site, ""), ".md-nav__link")
    assert "今日发布" in nav


@pytest.fixture(scope="module")
def served(built: Built) -> Iterator[str]:
    with serving(built.site) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_each_copy_button_puts_its_fields_exact_text_on_the_clipboard(served: str, width: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served + "today/")
        buttons = page.locator(".plan-copy__button")
        assert buttons.count() == 2
        for index in range(buttons.count()):
            button = buttons.nth(index)
            target = page.locator("#" + button.get_attribute("data-plan-copy"))
            button.click()
            assert page.evaluate("navigator.clipboard.readText()") == target.text_content()
            assert button.text_content() == "已复制"
        assert page.evaluate("navigator.clipboard.readText()") == "https://plan.example.cn/aurora/user-stories/sichuan-hike/"
        buttons.first.click()
        assert page.evaluate("navigator.clipboard.readText()") == WEIBO_TEXT + "\n#极光X1# #川西#"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0 and errors == []
        browser.close()
