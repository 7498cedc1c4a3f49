"""The example plan is what every newcomer sees: it must use every field of the format."""

from __future__ import annotations

import subprocess

from conftest import ROOT
from generator.plan import schema
from generator.plan.specs import ListOf, Record, Spec, Switch
from generator.plan.yamlfile import Mapping, Node, Sequence, read


def _declared(spec: Spec, prefix: str = "") -> set[str]:
    if isinstance(spec, ListOf):
        return _declared(spec.item, prefix)
    if isinstance(spec, Switch):
        return set()  # lint settings are tuning, not content
    if not isinstance(spec, Record):
        return set()
    found = set()
    for name, field in spec.fields.items():
        found.add(prefix + name)
        found |= _declared(field.spec, f"{prefix}{name}.")
    return found


def _used(node: Node | None, prefix: str = "") -> set[str]:
    if isinstance(node, Sequence):
        return set().union(*(_used(item, prefix) for item in node.items)) if node.items else set()
    if not isinstance(node, Mapping):
        return set()
    found = set()
    for key, value in node.pairs:
        found.add(prefix + key.value)
        found |= _used(value, f"{prefix}{key.value}.")
    return found


def _files(pattern: str) -> list:
    return [read(path.read_bytes(), str(path)).root for path in sorted(ROOT.glob(pattern))]


def test_every_field_of_the_format_is_used_at_least_once() -> None:
    """Fields shared by every entry count once for all kinds; each kind's own fields in that kind."""
    shared = _declared(Record(schema.ENTRY_FIELDS))
    entry_patterns = {f"content/{kind}/*.yaml": spec for kind, spec in schema.ENTRY_SCHEMAS.items()}
    used_by_entries = set().union(*(_used(root) for pattern in entry_patterns for root in _files(pattern)))
    kinds = {
        "content/site.yaml": schema.SITE,
        "content/channels.yaml": schema.CHANNELS,
        "calendar/key-dates.yaml": schema.KEY_DATES,
        **entry_patterns,
    }
    missing = {}
    for pattern, spec in kinds.items():
        used = set().union(*(_used(root) for root in _files(pattern)))
        if pattern in entry_patterns:
            used |= used_by_entries & shared
        unused = {name for name in _declared(spec) - used if not name.startswith("lint.")}  # lint tuning is optional
        if unused:
            missing[pattern] = sorted(unused)
    assert missing == {}


def test_the_quick_start_shows_the_example_plan_inside_its_year(tmp_path) -> None:
    """`make site` builds the 2027 example as of a moment in 2027: a newcomer's
    first look has full feeds, published posts on the channel pages and a
    busy "next two weeks", and the build says which moment it shows."""
    import re

    import feedparser
    from conftest import run_cli

    recipe = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    command = next(line for line in recipe.splitlines() if "build.py" in line)
    now = re.search(r"--now (\S+)", command)
    assert now is not None and now.group(1).startswith("2027-"), command
    built = run_cli("--now", now.group(1), "--out", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    assert "计划按 2027-" in built.stderr and "--now 指定" in built.stderr and "make serve" in built.stderr
    site = tmp_path / "site"
    for channel in ("wechat", "weibo", "forum", "bilibili", "douyin"):
        assert len(feedparser.parse((site / "feeds" / f"{channel}.rss.xml").read_bytes()).entries) >= 5, channel
    home = (site / "index.html").read_text(encoding="utf-8")
    coming = home.split('id="coming-up"', 1)[1].split("<h2", 1)[0]
    assert "未来两周暂无安排" not in coming and coming.count("<li") >= 5
    wechat = (site / "channels" / "wechat" / "index.html").read_text(encoding="utf-8")
    assert "暂无已发布的内容" not in wechat and "往期发布" in wechat
