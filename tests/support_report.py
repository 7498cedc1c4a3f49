"""The report's test helpers: a plan built as a user builds it, and a KPI
chart read back from its SVG as a person reads it off the picture.

The axes' own ticks say what the picture means: a tick's position and its
label (a month on the x axis, a number on the y axis) give the scales, and
every line and point is read back through them: the measurements (`actual`),
the `baseline`, the `target` and the `pace` line, and the value printed by
each point. Nothing is taken from the code that drew it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from lxml import etree

from conftest import load_plan, run_cli
from support_site import Built, make_project

SVG = "http://www.w3.org/2000/svg"
NS = {"s": SVG}
_ZH_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月")
_EN_MONTH = re.compile(r"([A-Z][a-z]+)(?: (\d{4}))?")
_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def build_as_user(plan_dir: Path, destination: Path, now: str) -> Built:
    """`python build.py --root … --now …`: the lint's findings reach the pages, as in a team's build."""
    root = make_project(plan_dir, destination)
    result = run_cli("--root", str(root), "--now", now)
    assert result.returncode == 0, result.stderr
    return Built(root, root / "site", load_plan(root))


@dataclass(frozen=True)
class ChartRead:
    title: str
    caption: str
    caption_color: str
    labels: list[str]  # printed by the points, in order
    lines: dict[str, list[tuple[date, float]]]  # each line's vertices, read through the axes
    root: etree._Element


def parse(data: bytes) -> etree._Element:
    """Strictly, with nothing fetched: no network, no DTD, no entities."""
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    return etree.fromstring(data, parser)


def read_chart(path: Path) -> ChartRead:
    root = parse(path.read_bytes())
    x_of, y_of = _scales(root)
    lines = {}
    for gid in ("actual", "baseline", "target", "pace"):
        group = root.find(f".//s:g[@id='{gid}']", NS)
        if group is not None:
            d = group.find("s:path", NS).get("d")
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
            lines[gid] = [(x_of(x), y_of(y)) for x, y in zip(numbers[::2], numbers[1::2])]
    labels = []
    i = 0
    while (point := root.find(f".//s:g[@id='point-{i}']/s:text", NS)) is not None:
        labels.append(point.text)
        i += 1
    caption = root.find(".//s:g[@id='caption']/s:text", NS)
    fill = re.search(r"fill: (#[0-9a-f]{6})", caption.get("style") or "")
    return ChartRead(
        title=root.find(".//s:g[@id='title']/s:text", NS).text,
        caption=caption.text,
        caption_color=fill.group(1) if fill else "#000000",
        labels=labels,
        lines=lines,
        root=root,
    )


def _scales(root: etree._Element):  # type: ignore[no-untyped-def]
    """Pixel → date from the month ticks, pixel → value from the number ticks."""
    months: list[tuple[float, date]] = []
    year = None
    for tick in root.iterfind(".//s:g[@id]", NS):
        if not tick.get("id", "").startswith("xtick_"):
            continue
        x = float(tick.find(".//s:use", NS).get("x"))
        label = tick.find(".//s:text", NS).text
        if (zh := _ZH_MONTH.fullmatch(label)) is not None:
            year, month = int(zh[1]) if zh[1] else year, int(zh[2])
        else:
            en = _EN_MONTH.fullmatch(label)
            assert en is not None, label
            year, month = int(en[2]) if en[2] else year, _EN.index(en[1][:3]) + 1
        assert year is not None, f"the first month tick says no year: {label}"
        months.append((x, date(year, month, 1)))
    numbers: list[tuple[float, float]] = []
    for tick in root.iterfind(".//s:g[@id]", NS):
        if tick.get("id", "").startswith("ytick_"):
            y = float(tick.find(".//s:use", NS).get("y"))
            numbers.append((y, float(tick.find(".//s:text", NS).text.replace(",", ""))))
    (x0, d0), (x1, d1) = months[0], months[-1]
    (y0, v0), (y1, v1) = numbers[0], numbers[-1]

    def x_of(x: float) -> date:
        return d0 + timedelta(days=round((x - x0) / (x1 - x0) * (d1 - d0).days))

    def y_of(y: float) -> float:
        return v0 + (y - y0) / (y1 - y0) * (v1 - v0)

    return x_of, y_of


def close(read: list[tuple[date, float]], expected: list[tuple[date, float]], tolerance: float) -> bool:
    """The same vertices: each date to the day, each value within `tolerance`."""
    return len(read) == len(expected) and all(
        abs((d - e).days) <= 1 and abs(v - w) <= tolerance for (d, v), (e, w) in zip(read, expected)
    )


def outside_references(root: etree._Element) -> list[str]:
    """Everything in an SVG that could make a request or run: URLs, scripts, foreign content."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            found.append(f"node {element!r}")
            continue
        local = etree.QName(element).localname
        if local in ("script", "foreignObject", "iframe", "image", "a"):
            found.append(f"<{local}>")
        if etree.QName(element).namespace != SVG:
            found.append(f"element in {etree.QName(element).namespace}")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{name}=")
            if "href" in name and not value.startswith("#"):
                found.append(f"{name}={value}")
            if "url(" in value and not re.fullmatch(r".*url\(#[^)]+\).*", value):
                found.append(value)
            if "://" in value:
                found.append(value)
        for text in (element.text, element.tail):
            if text and ("://" in text or "@import" in text or "url(" in text):
                found.append(text.strip())
    return found
