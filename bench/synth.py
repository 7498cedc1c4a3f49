"""Realistic synthetic plans of N entries, for the benchmarks.

Every kind of entry, Chinese text of about a kilobyte per body, slots on
every channel, recurring events. The same N and seed give the same plan.

    python bench/synth.py 1000 /tmp/plan-1000
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

CHANNELS = [
    ("wechat", "微信公众号", "social", 2, "#07c160"),
    ("weibo", "微博", "social", 3, "#e6162d"),
    ("forum", "小米社区", "forum", 2, "#ff6900"),
    ("bilibili", "哔哩哔哩", "video", 1, "#00a1d6"),
    ("douyin", "抖音", "live", 1, "#fe2c55"),
]
TIERS = ["potential", "new", "active", "loyal"]
PHRASES = [
    "为发烧而生", "米粉节", "新品发布会", "产品体验会", "线上问答", "话题讨论", "悬赏任务", "使用教程",
    "以旧换新", "内测资格", "米粒和金币", "同城会", "爆米花年度盛典", "影像旗舰", "续航提升", "快充",
    "澎湃 OS", "智能家居", "手环", "扫地机器人", "降噪耳机", "旅行箱", "川西徒步", "夜景模式",
    "用户至上", "科技创新", "社区版主", "客服答疑", "工程师面对面", "开箱体验", "晒单", "口碑传播",
]
KINDS = {
    "products": 0.12,
    "user-stories": 0.30,
    "brand-stories": 0.10,
    "events": 0.38,
    "campaigns": 0.10,
}
PREFIX = {"products": "product", "user-stories": "story", "brand-stories": "brand", "events": "event", "campaigns": "campaign"}
EVENT_KINDS = ["launch", "festival", "experience", "qa", "discussion", "livestream", "meetup", "contest", "other"]
CITIES = ["北京", "上海", "成都", "广州", "深圳", "武汉", "西安", "杭州"]
START = date(2027, 1, 4)
TEAM = 24  # people: a plan of 1,000 entries a year is a large team's
PUBLISHED_BEFORE = date(2027, 6, 29)  # a week before bench/run.py's now: the rest is still to do


def sentence(rng: random.Random) -> str:
    words = rng.sample(PHRASES, 4)
    return f"{words[0]}带来了{words[1]}，米粉们在{words[2]}里讨论{words[3]}。"


def body(rng: random.Random, paragraphs: int = 6) -> str:
    parts = []
    for i in range(paragraphs):
        text = "".join(sentence(rng) for _ in range(4))
        parts.append(f"## 第 {i + 1} 部分\n\n{text}" if i % 3 == 0 else text)
    return "\n\n".join(parts)


def _block(text: str) -> str:
    return "|\n" + "\n".join(("  " + line) if line else "" for line in text.split("\n"))


def _slots(rng: random.Random, day: date, count: int) -> str:
    lines = ["publish:"]
    for i in range(count):
        channel = CHANNELS[(i + rng.randrange(len(CHANNELS))) % len(CHANNELS)][0]
        when = day + timedelta(days=rng.randrange(0, 21))
        lines.append(f"  - channel: {channel}\n    at: {when.isoformat()} {rng.choice([10, 12, 18, 20])}:00")
    return "\n".join(lines)


def _entry(rng: random.Random, kind: str, index: int, ids: dict[str, list[str]]) -> str:
    day = START + timedelta(days=(index * 7) % 360)
    tiers = rng.sample(TIERS, 2)
    common = [
        f"title: {rng.choice(PHRASES)}·{rng.choice(PHRASES)} 第 {index} 期",
        f"summary: {sentence(rng)}",
        f"tags: [{', '.join(rng.sample(PHRASES, 2))}]",
        f"tiers: [{', '.join(tiers)}]",
        f"owner: member-{index % TEAM}",
        f"reviewer: member-{(index + 1) % TEAM}",
        f"body: {_block(body(rng))}",
    ]
    if day + timedelta(days=21) < PUBLISHED_BEFORE:  # a real team marks what went out
        common.append("status: published")
    if kind != "products" and ids["products"]:
        common.append(f"products: [{rng.choice(ids['products'])}]")
    specific: list[str] = []
    if kind == "products":
        specific = [
            f"circle: {rng.choice(['phone', 'accessories', 'smart-hardware', 'lifestyle'])}",
            f"launch: {(day - timedelta(days=30)).isoformat()}",
            f"price: {rng.randrange(99, 6999)}",
            "features: [长续航, 快充, 轻薄]",
            "faq:\n  - q: 支持快充吗？\n    a: 支持 120W 快充。",
        ]
    elif kind == "user-stories":
        specific = [f"author: {{name: 米粉{index}, tier: {tiers[0]}, city: {rng.choice(CITIES)}}}", f"quote: {sentence(rng)}"]
    elif kind == "brand-stories":
        specific = [f"theme: {rng.choice(['history', 'innovation', 'responsibility', 'culture'])}", f"year: {2010 + index % 17}"]
    elif kind == "events":
        online = index % 3 != 0
        specific = [
            f"kind: {EVENT_KINDS[index % len(EVENT_KINDS)]}",
            f"format: {'online' if online else 'offline'}",
            f"start: {(day + timedelta(days=25)).isoformat()} 19:30",
            f"end: {(day + timedelta(days=25)).isoformat()} 21:00",
        ]
        if not online:
            specific.append(f"location: {{venue: 小米之家, city: {rng.choice(CITIES)}}}")
        if index % 10 == 1:
            until = day + timedelta(days=25 + 7 * 8)
            specific.append(f"repeat: {{freq: weekly, until: {until.isoformat()}}}")
            specific.append(f"except: [{(day + timedelta(days=25 + 14)).isoformat()}]")
        specific.append("reminders: [1d, 1h]")
    else:
        specific = [
            f"start: {day.isoformat()}",
            f"end: {(day + timedelta(days=20)).isoformat()}",
            "goals: [loyalty]",
        ]
    return "\n".join([*common, *specific, _slots(rng, day, 4)]) + "\n"


def write_plan(n: int, target: Path, seed: int = 2027) -> Path:
    rng = random.Random(seed)
    content = target / "content"
    for kind in KINDS:
        (content / kind).mkdir(parents=True, exist_ok=True)
    (target / "calendar").mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(
        "title: 合成计划\nbase_url: https://bench.example.com/plan/\n"
        "lint: {cadence: off, silence: off, diversity: off, tier-coverage: off, event-promotion: off,"
        " event-overlap: off, owner-overlap: off, embargo: off, key-dates: off, campaign-tiers: off,"
        " capacity: {max_per_day: 6}}\n"
        "workflow:\n  - {id: brief, name: 选题, before: 7d, done: draft}\n  - {id: draft, name: 撰稿, before: 3d}\n"
        "  - {id: review, name: 审核, before: 12h, who: reviewer}\n"
        "goals:\n  - id: loyalty\n    title: 忠诚度\n"
        "tiers:\n" + "".join(f"  - id: {t}\n    name: {t}\n" for t in TIERS)
        + "team:\n" + "".join(f"  - id: member-{i}\n    name: 成员{i}\n    role: editor\n" for i in range(TEAM)),
        encoding="utf-8",
    )
    (content / "channels.yaml").write_text(
        "".join(
            f"- id: {cid}\n  name: {name}\n  kind: {kind}\n  cadence: {cadence}\n  color: \"{color}\"\n"
            for cid, name, kind, cadence, color in CHANNELS
        ),
        encoding="utf-8",
    )
    (target / "calendar" / "key-dates.yaml").write_text(
        "- date: 2027-04-06\n  title: 米粉节\n  kind: brand\n- date: 2027-06-18\n  title: '618'\n  kind: commerce\n",
        encoding="utf-8",
    )
    ids: dict[str, list[str]] = {"products": []}
    counts = {kind: max(1, round(n * share)) for kind, share in KINDS.items()}
    counts["user-stories"] += n - sum(counts.values())
    for kind, count in counts.items():
        for i in range(count):
            entry_id = f"{PREFIX[kind]}-{i:05d}"
            (content / kind / f"{entry_id}.yaml").write_text(_entry(rng, kind, i, ids), encoding="utf-8")
            if kind == "products":
                ids["products"].append(entry_id)
    return target


if __name__ == "__main__":
    count = int(sys.argv[1])
    print(write_plan(count, Path(sys.argv[2])))
