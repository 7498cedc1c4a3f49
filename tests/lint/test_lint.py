"""Each lint fires where it should and nowhere else, located at the line to fix.

Every test starts from tests/plans/lint-base/, which is lint-clean, and makes
the one edit an editor might make.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

NOW = "2027-03-01T09:00+08:00"


@pytest.fixture
def plan(plan_copy) -> Path:
    return plan_copy("lint-base")


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _warnings(root: Path, now: str = NOW) -> list[str]:
    result = run_cli("check", "--root", str(root), "--now", now)
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def test_the_base_plan_is_clean_even_when_strict(plan: Path) -> None:
    result = run_cli("check", "--strict", "--root", str(plan), "--now", NOW)
    assert (result.returncode, result.stderr) == (0, "")


def test_cadence(plan: Path) -> None:
    _edit(plan, "content/user-stories/diary.yaml", "  - channel: wechat\n    at: 2027-03-08 20:00\n", "")
    assert _warnings(plan) == [
        "content/channels.yaml:1:3: warning: [cadence] 渠道 微信公众号（wechat）有 1 周低于每周 1 条的节奏：2027-03-08（0）"
    ]


def test_cadence_lists_the_weeks_in_the_plans_language(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "base_url: https://example.com/\n", "base_url: https://example.com/\nlanguage: en\n")
    _edit(plan, "content/user-stories/diary.yaml", "  - channel: wechat\n    at: 2027-03-08 20:00\n", "")
    assert _warnings(plan) == [
        "content/channels.yaml:1:3: warning: [cadence] channel 微信公众号 (wechat) falls short of 1 a week in 1 week(s): 2027-03-08 (0)"
    ]


def test_a_failing_check_fails_under_strict(plan: Path) -> None:
    _edit(plan, "content/user-stories/diary.yaml", "  - channel: wechat\n    at: 2027-03-08 20:00\n", "")
    assert run_cli("check", "--strict", "--root", str(plan), "--now", NOW).returncode == 1


def test_silence_is_tunable(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  silence: {max_gap_days: 7}\nteam:\n")
    assert _warnings(plan) == [
        "content/user-stories/diary.yaml:13:5: warning: [silence] 渠道 小米社区（forum）自 2027-03-13 起沉默 12 天（上限 7 天）"
    ]


def test_a_check_can_be_turned_off(plan: Path) -> None:
    _edit(plan, "content/user-stories/diary.yaml", "  - channel: wechat\n    at: 2027-03-08 20:00\n", "")
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  cadence: off\nteam:\n")
    assert _warnings(plan) == []


def test_lint_settings_are_checked_too(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  cadense: off\n  silence: {max_gap: 3}\nteam:\n")
    result = run_cli("check", "--root", str(plan), "--now", NOW)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/site.yaml:9:3: error: 未知的键 “cadense”，你是不是想写 “cadence”？",
        "content/site.yaml:10:13: error: 未知的键 “max_gap”，你是不是想写 “max_gap_days”？",
    ]


def test_diversity(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  diversity: {min_slots: 4, max_share: 0.5}\nteam:\n")
    assert _warnings(plan) == [
        "content/user-stories/diary.yaml:5:5: warning: [diversity] 2027-03 的发布中 83% 都是用户故事，内容过于单一"
    ]


def test_tier_coverage(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "team:\n", "  - id: potential\n    name: 潜在用户\nteam:\n")
    assert _warnings(plan) == [
        "content/site.yaml:8:5: warning: [tier-coverage] 用户分层 潜在用户（potential）在这些月份没有任何内容：2027-03"
    ]


def test_campaign_tiers(plan: Path) -> None:
    _edit(plan, "content/campaigns/spring.yaml", "tiers: [new]", "tiers: [new, loyal]")
    _edit(plan, "content/user-stories/diary.yaml", "tiers: [new, loyal]", "tiers: [new]")
    _edit(plan, "content/events/meetup.yaml", "owner: li\n", "owner: li\ntiers: [loyal]\n")
    assert _warnings(plan) == [
        "content/campaigns/spring.yaml:4:8: warning: [campaign-tiers] 营销活动「春季活动」面向 忠实用户（loyal），但没有为其发布任何内容"
    ]


def test_embargo(plan: Path) -> None:
    _edit(plan, "content/products/phone.yaml", "launch: 2027-03-01", "launch: 2027-03-10")
    _edit(plan, "content/user-stories/diary.yaml", "campaign: spring\n", "campaign: spring\nproducts: [phone]\n")
    assert _warnings(plan) == [
        "content/user-stories/diary.yaml:6:5: warning: [embargo] 在产品「新手机」上市（2027-03-10）之前就发布了",
        "content/user-stories/diary.yaml:8:5: warning: [embargo] 在产品「新手机」上市（2027-03-10）之前就发布了",
    ]


def test_event_promotion(plan: Path) -> None:
    _edit(plan, "content/events/meetup.yaml", "    at: 2027-03-13 10:00", "    at: 2027-03-21 10:00")
    assert _warnings(plan) == [
        "content/events/meetup.yaml:4:8: warning: [event-promotion] 活动「成都见面会」开始前没有任何预热发布"
    ]


def _second_event(plan: Path, city: str, owner: str) -> None:
    (plan / "content/events/salon.yaml").write_text(
        f"title: 摄影沙龙\nkind: experience\nformat: offline\nstart: 2027-03-20 15:00\n"
        f"location: {{city: {city}}}\nowner: {owner}\npublish:\n  - channel: forum\n    at: 2027-03-14 10:00\n",
        encoding="utf-8",
    )


def test_event_overlap_in_the_same_city(plan: Path) -> None:
    _second_event(plan, "成都", "han")
    assert _warnings(plan) == [
        "content/events/salon.yaml:4:8: warning: [event-overlap] 与同在 成都 的活动「成都见面会」时间重叠"
    ]


def test_owner_with_two_events_at_once(plan: Path) -> None:
    _second_event(plan, "重庆", "li")
    assert _warnings(plan) == [
        "content/events/salon.yaml:6:8: warning: [owner-overlap] 负责人 李雷（li）同时还负责活动「成都见面会」"
    ]


def test_campaign_channels(plan: Path) -> None:
    _edit(plan, "content/campaigns/spring.yaml", "channels: [wechat, forum]", "channels: [forum]")
    assert [line.split(": warning: ")[1] for line in _warnings(plan)] == [
        "[campaign-channels] 渠道 微信公众号（wechat）不在营销活动「春季活动」的渠道之内"
    ] * 4


def test_key_dates(plan: Path) -> None:
    _edit(plan, "calendar/key-dates.yaml", "2027-03-24", "2027-06-01")
    assert _warnings(plan) == [
        "calendar/key-dates.yaml:1:3: warning: [key-dates] 重要日期「米粉节」前后 7 天内没有任何安排"
    ]


def test_review_overdue_depends_on_now(plan: Path) -> None:
    _edit(plan, "content/events/meetup.yaml", "owner: li\n", "owner: li\nstatus: review\n")
    # the workflow's own checks say it too, stage by stage: here only review-overdue is asked
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  stage-overdue: off\n  missed: off\nteam:\n")
    assert _warnings(plan, now="2027-03-13T09:59+08:00") == []
    assert _warnings(plan, now="2027-03-13T10:00+08:00") == [
        "content/events/meetup.yaml:8:9: warning: [review-overdue] 仍在审核中，但第一次发布（2027-03-13 10:00）已经到了"
    ]


def test_messages_follow_the_plan_language(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "base_url: https://example.com/\n", "base_url: https://example.com/\nlanguage: en\n")
    _edit(plan, "content/events/meetup.yaml", "    at: 2027-03-13 10:00", "    at: 2027-03-21 10:00")
    assert _warnings(plan) == [
        "content/events/meetup.yaml:4:8: warning: [event-promotion] event '成都见面会' has no promotion slot before it starts"
    ]


# --- the work behind each post -------------------------------------------------------------

def test_missed_fires_once_a_post_is_more_than_the_grace_late(plan: Path) -> None:
    assert _warnings(plan, now="2027-03-03T20:00+08:00") == []  # two days late: still in grace
    assert _warnings(plan, now="2027-03-03T20:01+08:00") == [
        "content/user-stories/diary.yaml:5:5: warning: [missed] 应于 2027-03-01 20:00 发布，2 天过去了仍是“已批准”，没有发布（宽限 2 天）；已经发了就把 status 改为已发布（published）"
    ]


def test_missed_is_quiet_for_a_published_post_and_tunable(plan: Path) -> None:
    _edit(plan, "content/user-stories/diary.yaml", "    at: 2027-03-01 20:00\n", "    at: 2027-03-01 20:00\n    status: published\n")
    assert _warnings(plan, now="2027-03-04T09:00+08:00") == []
    _edit(plan, "content/user-stories/diary.yaml", "    status: published\n", "")
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  missed: {grace_days: 5}\nteam:\n")
    assert _warnings(plan, now="2027-03-04T09:00+08:00") == []


def test_stage_overdue_names_each_late_stage_at_its_slot(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  missed: off\nteam:\n")
    _edit(plan, "content/user-stories/diary.yaml", "    at: 2027-03-25\n", "    at: 2027-03-25\n    status: draft\n")
    # a date slot: draft is due 2027-03-22, review 2027-03-24 (the default workflow)
    assert _warnings(plan, now="2027-03-21T23:59+08:00") == []
    assert _warnings(plan, now="2027-03-22T00:00+08:00") == [
        "content/user-stories/diary.yaml:13:5: warning: [stage-overdue] 阶段“撰稿”的截止时间 2027-03-22 已过，但状态仍是“草稿”（应已达到“审核中”）"
    ]
    assert _warnings(plan, now="2027-03-24T09:00+08:00") == [
        "content/user-stories/diary.yaml:13:5: warning: [stage-overdue] 阶段“撰稿”的截止时间 2027-03-22 已过，但状态仍是“草稿”（应已达到“审核中”）",
        "content/user-stories/diary.yaml:13:5: warning: [stage-overdue] 阶段“审核”的截止时间 2027-03-24 已过，但状态仍是“草稿”（应已达到“已批准”）",
    ]
    _edit(plan, "content/user-stories/diary.yaml", "    status: draft\n", "    status: review\n")
    assert _warnings(plan, now="2027-03-24T09:00+08:00") == [
        "content/user-stories/diary.yaml:13:5: warning: [stage-overdue] 阶段“审核”的截止时间 2027-03-24 已过，但状态仍是“审核中”（应已达到“已批准”）",
    ]


def test_capacity_counts_a_persons_deadlines_and_posts_per_day(plan: Path) -> None:
    extra = "".join(f"  - channel: forum\n    at: 2027-03-13 {hour}:00\n" for hour in ("09", "11", "15"))
    _edit(plan, "content/events/meetup.yaml", "    at: 2027-03-13 10:00\n", "    at: 2027-03-13 10:00\n" + extra)
    # li owns four posts on 03-13, so four drafts are due on 03-10
    # each said once a day, at the day's first slot: the 09:00 post (line 11)
    assert _warnings(plan) == [
        "content/events/meetup.yaml:11:5: warning: [capacity] 李雷（li）在 2027-03-10 有 4 项截止和发布，超过每天 3 项："
        "09:00 成都见面会（撰稿截止）、10:00 成都见面会（撰稿截止）、11:00 成都见面会（撰稿截止）、15:00 成都见面会（撰稿截止）",
        "content/events/meetup.yaml:11:5: warning: [capacity] 李雷（li）在 2027-03-13 有 4 项截止和发布，超过每天 3 项："
        "09:00 成都见面会（发布）、10:00 成都见面会（发布）、11:00 成都见面会（发布）、15:00 成都见面会（发布）",
    ]
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  capacity: {max_per_day: 4}\nteam:\n")
    assert _warnings(plan) == []


def test_capacity_is_located_where_the_person_does_the_work_and_lists_at_most_five(plan: Path) -> None:
    extra = "".join(f"  - channel: forum\n    at: 2027-03-13 {hour}:00\n" for hour in ("09", "11", "15", "16", "17"))
    _edit(plan, "content/events/meetup.yaml", "    at: 2027-03-13 10:00\n", "    at: 2027-03-13 10:00\n" + extra)
    # li only reviews this 08:00 post (its review is due 03-10 08:00, before li's own drafts):
    # the warning points at li's first draft, the meetup's 09:00 post (line 11)
    _edit(plan, "content/user-stories/diary.yaml", "  - channel: forum\n    at: 2027-03-25",
          "  - channel: forum\n    at: 2027-03-11 08:00\n    owner: han\n    reviewer: li\n  - channel: forum\n    at: 2027-03-25")
    warnings = [w for w in _warnings(plan) if "2027-03-10" in w and "[capacity]" in w]
    assert warnings == [
        "content/events/meetup.yaml:11:5: warning: [capacity] 李雷（li）在 2027-03-10 有 7 项截止和发布，超过每天 3 项："
        "08:00 米粉日记（审核截止）、09:00 成都见面会（撰稿截止）、10:00 成都见面会（撰稿截止）、11:00 成都见面会（撰稿截止）、"
        "15:00 成都见面会（撰稿截止）等 2 项",
    ]


def test_capacity_leaves_out_ideas_and_cancelled_posts(plan: Path) -> None:
    extra = "".join(
        f"  - channel: forum\n    at: 2027-03-13 {hour}:00\n    status: {status}\n"
        for hour, status in (("09", "idea"), ("11", "cancelled"), ("15", "approved"))
    )
    _edit(plan, "content/events/meetup.yaml", "    at: 2027-03-13 10:00\n", "    at: 2027-03-13 10:00\n" + extra)
    assert _warnings(plan) == []


def test_future_published_warns_until_the_posts_time_comes(plan: Path) -> None:
    _edit(plan, "content/user-stories/diary.yaml", "    at: 2027-03-08 20:00\n", "    at: 2027-03-08 20:00\n    status: published\n")
    assert _warnings(plan) == [
        "content/user-stories/diary.yaml:7:5: warning: [future-published] 标为已发布，但发布时间 2027-03-08 20:00 还没到：到点之前按已排期显示"
    ]
    _edit(plan, "content/site.yaml", "team:\n", "lint:\n  missed: off\nteam:\n")  # March 1st's post is late by then
    assert _warnings(plan, now="2027-03-08T20:00+08:00") == []


# --- copy, per platform ------------------------------------------------------------------

def _copy(plan: Path, at: str, copy: str) -> None:
    _edit(plan, "content/user-stories/diary.yaml", f"    at: {at}\n", f"    at: {at}\n    copy:\n{copy}")


def test_copy_length_measures_each_field_against_its_platform(plan: Path) -> None:
    _edit(plan, "content/channels.yaml", "  name: 小米社区\n", "  name: 小米社区\n  platform: xiaohongshu\n")
    _copy(plan, "2027-03-25", "      title: " + "米" * 20 + "\n")
    assert _warnings(plan) == []  # 20 is the limit, not over it
    _edit(plan, "content/user-stories/diary.yaml", "米" * 20, "米" * 21)
    tags = ", ".join(f"话题{i}" for i in range(11))
    _edit(plan, "content/user-stories/diary.yaml", "      title:", f"      tags: [{tags}]\n      text: {'字' * 990}\n      title:")
    assert _warnings(plan) == [
        "content/user-stories/diary.yaml:16:13: warning: [copy-length] 11 个话题，超过小红书的上限 10 个",
        # 990 characters and the topics written after them: more than 1,000
        "content/user-stories/diary.yaml:17:13: warning: [copy-length] 文案连同话题 1046 字，超过小红书的上限 1000",
        "content/user-stories/diary.yaml:18:14: warning: [copy-length] 标题 21 字，超过小红书的上限 20",
    ]


def test_copy_length_counts_weibo_as_weibo_does_and_leaves_channels_without_a_platform_alone(plan: Path) -> None:
    _edit(plan, "content/channels.yaml", "  name: 微信公众号\n", "  name: 微信公众号\n  platform: weibo\n")
    # 2,000 汉字 at most, two half-width characters making one: 1,990 + 20 ASCII letters is 2,000
    _copy(plan, "2027-03-01 20:00", f"      text: {'字' * 1990}{'a' * 20}\n")
    assert _warnings(plan) == []
    _edit(plan, "content/user-stories/diary.yaml", "a" * 20, "a" * 22)
    assert _warnings(plan) == [
        "content/user-stories/diary.yaml:8:13: warning: [copy-length] 文案连同话题 2001 字（两个半角字符计一个字），超过微博的上限 2000"
    ]
    _copy(plan, "2027-03-25", "      title: " + "米" * 500 + "\n")  # the forum has no platform: no limits
    assert len(_warnings(plan)) == 1


def test_copy_identical_fires_on_the_second_channel_only(plan: Path) -> None:
    _copy(plan, "2027-03-01 20:00", "      text: 米粉日记第一期\n")
    _copy(plan, "2027-03-08 20:00", "      text: 米粉日记第一期\n")  # the same channel again: its own business
    assert _warnings(plan) == []
    _copy(plan, "2027-03-25", "      text: |\n        米粉日记\n        第一期\n")  # the same words, other line breaks
    assert _warnings(plan) == [
        "content/user-stories/diary.yaml:20:13: warning: [copy-identical] 与微信公众号（wechat）上「米粉日记」（2027-03-01 20:00）的文案完全相同：平台会给重复内容降权，请为每个平台改写"
    ]


def test_actual_future_fires_on_a_measurement_dated_after_now(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "title:", "goals:\n  - id: grow\n    title: 增长\n    kpis:\n"
          "      - {id: members, name: 会员数, unit: 人, baseline: 10, target: 20}\ntitle:")
    (plan / "content/actuals.csv").write_text(
        "kpi,date,value\ngrow.members,2027-02-28,12\ngrow.members,2027-03-02,13\n", encoding="utf-8"
    )
    assert _warnings(plan) == [
        "content/actuals.csv:3:1: warning: [actual-future] grow.members 的数值日期 2027-03-02 晚于构建时间 2027-03-01：在那天之前不显示",
    ]
    assert _warnings(plan, "2027-03-02T09:00+08:00") == []


def test_channel_colors_that_look_the_same_are_named_at_the_later_colour(plan: Path) -> None:
    """Weibo's and Douyin's reds: both channels named, each colour located, and the colour the site draws instead."""
    _edit(plan, "content/channels.yaml", "  cadence: 1\n", '  cadence: 1\n  color: "#E6162D"\n')
    _edit(plan, "content/channels.yaml", "  name: 小米社区\n", '  name: 小米社区\n  color: "#FE2C55"\n')
    [warning] = _warnings(plan)
    assert warning.startswith(
        "content/channels.yaml:7:10: warning: [channel-colors] 渠道 小米社区（forum）的颜色 #fe2c55 "
        "与渠道 微信公众号（wechat）的 #e6162d（content/channels.yaml:4）几乎分不出来：网站上小米社区改用 #"
    )


def test_channel_colors_apart_are_left_alone(plan: Path) -> None:
    _edit(plan, "content/channels.yaml", "  cadence: 1\n", '  cadence: 1\n  color: "#E6162D"\n')
    _edit(plan, "content/channels.yaml", "  name: 小米社区\n", '  name: 小米社区\n  color: "#FF6900"\n')
    assert _warnings(plan) == []


def test_a_channel_colour_a_reader_would_take_for_the_sites_own_links_is_moved(plan: Path) -> None:
    """A steel blue-grey: not grey, but the colour of the site's header and links."""
    _edit(plan, "content/channels.yaml", "  name: 小米社区\n", '  name: 小米社区\n  color: "#3F5F7F"\n')
    [warning] = _warnings(plan)
    assert warning.startswith(
        "content/channels.yaml:6:10: warning: [channel-colors] 渠道 小米社区（forum）的颜色 #3f5f7f "
        "接近网站自己的蓝灰色（页眉和链接的颜色），读者会把它当成链接：网站上小米社区改用 #"
    )


def test_a_grey_channel_colour_is_said_in_english_too(plan: Path) -> None:
    _edit(plan, "content/site.yaml", "base_url: https://example.com/\n", "base_url: https://example.com/\nlanguage: en\n")
    _edit(plan, "content/channels.yaml", "  name: 小米社区\n", '  name: 小米社区\n  color: "#777777"\n')
    [warning] = _warnings(plan)
    assert warning.startswith(
        "content/channels.yaml:6:10: warning: [channel-colors] channel 小米社区 (forum): its color #777777 is close to grey"
    )
