"""What each field of the format means, in the plan's languages.

One table serves the editor JSON Schema (descriptions shown while typing) and
`build.py new` (the comments of a scaffolded entry).
"""

from __future__ import annotations

DOCS: dict[str, tuple[str, str]] = {
    # shared by every entry
    "title": ("标题（纯文本）", "title (plain text)"),
    "summary": ("一句话摘要（纯文本）", "one-line summary (plain text)"),
    "body": ("正文（Markdown）", "body (Markdown)"),
    "status": (
        "状态：idea 点子、draft 草稿、review 审核中、approved 已批准（默认）、published 已发布、cancelled 已取消",
        "status: idea, draft, review, approved (default), published, cancelled",
    ),
    "owner": ("负责人：site.yaml 中 team 成员的 id", "owner: a team member's id from site.yaml"),
    "tags": ("标签（文本列表）", "tags (list of text)"),
    "tiers": ("面向的用户分层 id 列表", "audience tier ids"),
    "products": ("相关产品 id 列表", "product ids this names"),
    "campaign": ("所属战役 id", "the campaign id it belongs to"),
    "image": ("图片路径，相对于 content/，如 images/x.png", "image path under content/, e.g. images/x.png"),
    "publish": ("发布排期：每项一个渠道和时间", "publication slots: a channel and a time each"),
    "channel": ("渠道 id（channels.yaml）", "channel id (channels.yaml)"),
    "at": ("发布时间：日期（全天）或日期时间", "when: a date (all day) or a date-time"),
    "publish.title": ("此次发布的标题（默认用条目标题）", "this slot's title (default: the entry's)"),
    "publish.summary": ("此次发布的摘要", "this slot's summary"),
    "publish.status": ("此次发布的状态（默认同条目）", "this slot's status (default: the entry's)"),
    "publish.id": ("发布 id：移动时间也保持订阅不重复", "slot id: keeps its identity when it moves"),
    # products
    "circle": (
        "产品圈层：phone 手机、accessories 配件、smart-hardware 智能硬件、lifestyle 生活",
        "product circle: phone, accessories, smart-hardware, lifestyle",
    ),
    "launch": ("上市时间：日期或日期时间", "launch: a date or date-time"),
    "price": ("价格（人民币）", "price (CNY)"),
    "features": ("卖点列表", "features"),
    "links": ("链接：title 与 url", "links: title and url"),
    "tutorials": ("使用教程：title 与 body（Markdown）", "tutorials: title and body (Markdown)"),
    "faq": ("常见问题：q 与 a", "FAQ: q and a"),
    # stories
    "author": ("作者：name，可选 tier（分层 id）与 city", "author: name, optional tier and city"),
    "quote": ("引言", "quote"),
    "theme": (
        "主题：history 历史、innovation 创新、responsibility 社会责任、culture 米粉文化",
        "theme: history, innovation, responsibility, culture",
    ),
    "year": ("年份", "year"),
    # events
    "kind": (
        "活动类型：launch 发布会、festival 节日、experience 体验会、qa 问答、discussion 话题讨论、"
        "livestream 直播、meetup 见面会、contest 比赛、other 其他",
        "event kind: launch, festival, experience, qa, discussion, livestream, meetup, contest, other",
    ),
    "format": ("形式：online 线上、offline 线下、hybrid 线上线下", "format: online, offline, hybrid"),
    "start": ("开始：日期（全天）或日期时间", "start: a date (all day) or a date-time"),
    "end": ("结束（日期范围包含当天；默认一小时或当天）", "end (date ranges are inclusive; default one hour or the same day)"),
    "timezone": ("时区（IANA 名称，如 Europe/Berlin；默认计划时区）", "time zone (IANA name; default the plan's)"),
    "location": ("地点：venue 场地、city 城市、address 地址（线上活动可省略）", "location: venue, city, address (optional online)"),
    "url": ("链接（http/https）", "link (http/https)"),
    "capacity": ("人数上限", "capacity"),
    "repeat": (
        "重复：freq（daily/weekly/monthly）、interval、byday（MO..SU）、until（日期）或 count 二选一",
        "repeat: freq (daily/weekly/monthly), interval, byday (MO..SU), and one of until (a date) or count",
    ),
    "except": ("跳过的日期（仅用于重复活动）", "dates whose occurrence is skipped (with repeat)"),
    "reminders": ("提醒：如 1d、2h、15m", "reminders: e.g. 1d, 2h, 15m"),
    # campaigns
    "goals": ("服务的目标 id 列表", "goal ids it serves"),
    "channels": ("使用的渠道 id 列表", "channel ids it uses"),
}


def describe(key: str, language: str) -> str:
    pair = DOCS.get(key)
    if pair is None:
        return ""
    return pair[1] if language == "en" else pair[0]
