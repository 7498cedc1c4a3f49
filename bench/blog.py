"""The stack a team would otherwise pick: the same entries as posts of
Material's blog plugin, with mkdocs-rss-plugin for the feeds."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml

CONFIG = """\
site_name: 合成计划
site_url: https://bench.example.com/plan/
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
  - blog
  - rss:
      match_path: blog/posts/.*
      date_from_meta:
        as_creation: date
      categories: [categories, tags]
"""


def write_blog(plan: Path, target: Path) -> Path:
    posts = target / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (target / "docs" / "index.md").write_text("# 合成计划\n", encoding="utf-8")
    (target / "docs" / "blog" / "index.md").write_text("# 博客\n", encoding="utf-8")
    for path in sorted((plan / "content").glob("*/*.yaml")):
        entry = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        first = min((slot["at"] for slot in entry.get("publish", [])), default="2027-01-01", key=str)
        day = first.date() if isinstance(first, datetime) else first if isinstance(first, date) else date(2027, 1, 1)
        front = {
            "date": day,
            "categories": [path.parent.name],
            "tags": [str(t) for t in entry.get("tags", [])],
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n"
        text += f"# {entry['title']}\n\n{entry.get('summary', '')}\n\n<!-- more -->\n\n{entry.get('body', '')}\n"
        (posts / f"{path.parent.name}-{path.stem}.md").write_text(text, encoding="utf-8")
    return target
