"""The channels' colours (generator/plan/colours.py): on the example plan,
every channel is told from every other and from grey, the plan's colours are
kept where they stand apart, and every colour's text passes WCAG AA on its
chip in both of Material's schemes."""

from __future__ import annotations

from itertools import combinations

import re

import pytest
import yaml

from conftest import ROOT, load_plan
from generator.plan.colours import (
    CLOSE, DARK_BG, GREYISH, LIGHT_BG, THEME, contrast, difference, parse, swatches, tint, _chroma,
)
from generator.plan.model import Channel


@pytest.fixture(scope="module")
def example():
    return load_plan(ROOT)


def test_the_examples_channels_get_colours_a_reader_tells_apart(example) -> None:
    colours = swatches(example.channels)
    assert list(colours) == [c.id for c in example.channels]
    for a, b in combinations(colours.values(), 2):
        assert difference(parse(a.color), parse(b.color)) >= CLOSE, (a.channel, b.channel)
    assert all(_chroma(parse(s.color)) >= GREYISH for s in colours.values())


def test_weibo_keeps_its_red_and_douyin_moves_off_it(example) -> None:
    colours = swatches(example.channels)
    assert colours["weibo"].color == "#e6162d" and not colours["weibo"].moved
    douyin = colours["douyin"]
    assert douyin.given == "#fe2c55" and douyin.moved and douyin.near == "weibo"
    assert difference(parse(douyin.color), parse("#e6162d")) >= CLOSE
    # the others were apart already: the plan's colours, as written
    for channel in ("wechat", "forum", "bilibili", "fan-groups"):
        assert colours[channel].color == example.channel_by_id[channel].color.lower()


def test_every_ink_passes_aa_on_its_chip_in_light_and_dark(example) -> None:
    for swatch in swatches(example.channels).values():
        assert contrast(swatch.ink, tint(swatch.color, LIGHT_BG)) >= 4.5, swatch
        assert contrast(swatch.ink_dark, tint(swatch.color, DARK_BG)) >= 4.5, swatch


def test_channels_without_a_colour_get_distinct_ones_around_the_given() -> None:
    channels = [Channel("a", "A", color="#4E79A7"), *(Channel(f"c{i}", f"C{i}") for i in range(12))]
    colours = swatches(channels)
    assert colours["a"].color == "#4e79a7"
    values = [parse(s.color) for s in colours.values()]
    close = [(x, y) for x, y in combinations(range(len(values)), 2) if difference(values[x], values[y]) < CLOSE]
    assert close == []
    assert swatches(channels) == colours  # deterministic


def test_a_grey_colour_is_moved_off_grey() -> None:
    [swatch] = swatches([Channel("x", "X", color="#777777")]).values()
    assert swatch.greyish and swatch.moved and _chroma(parse(swatch.color)) >= GREYISH


def test_a_colour_that_is_not_rrggbb_never_reaches_a_page() -> None:
    [swatch] = swatches([Channel("x", "X", color="red;background:url(//x)")]).values()
    assert swatch.given is None and swatch.color.startswith("#") and len(swatch.color) == 7


# --- the site's own colours: neutral, so that colour means the channel ---------------------


def _custom_palette() -> dict[str, str]:
    """What plan-colours.css sets for mkdocs.yml's `primary: custom` (light and dark scheme)."""
    css = (ROOT / "theme" / "assets" / "stylesheets" / "plan-colours.css").read_text(encoding="utf-8")
    light = re.search(r'^\[data-md-color-primary="custom"\] \{(.*?)\}', css, re.S | re.M)
    dark = re.search(r'^\[data-md-color-scheme="slate"\]\[data-md-color-primary="custom"\] \{(.*?)\}', css, re.M)
    assert light and dark
    found = dict(re.findall(r"(--md-[a-z-]+):\s*(#[0-9a-f]{6})", light.group(1)))
    found["dark-link"] = dict(re.findall(r"(--md-[a-z-]+):\s*(#[0-9a-f]{6})", dark.group(1)))["--md-typeset-a-color"]
    return found


def test_the_shipped_site_uses_its_own_neutral_colours() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["palette"] == {"scheme": "default", "primary": "custom", "accent": "custom"}
    palette = _custom_palette()
    header, link, dark_link = palette["--md-primary-fg-color"], palette["--md-typeset-a-color"], palette["dark-link"]
    # the colours colours.py keeps channels apart from are the ones the pages draw
    assert THEME == (header, link, dark_link)
    assert all(_chroma(parse(colour)) < GREYISH for colour in THEME)  # near-greys: no channel's hue
    # AA: the header's white text, links on the page in both schemes
    assert contrast("#ffffff", header) >= 4.5
    assert contrast(link, LIGHT_BG) >= 4.5 and contrast(dark_link, DARK_BG) >= 4.5


def test_no_channel_is_drawn_in_a_colour_taken_for_the_sites_own(example) -> None:
    # the forum's orange was all but Material's deep orange header; the header is slate now
    assert difference(parse("#ff6900"), parse(THEME[0])) >= CLOSE
    assert swatches(example.channels)["forum"].color == "#ff6900"
    for swatch in swatches(example.channels).values():
        assert all(difference(parse(swatch.color), parse(own)) >= CLOSE for own in THEME), swatch


def test_a_colour_close_to_the_sites_own_is_moved_off_it() -> None:
    # a steel blue-grey: vivid enough not to read as grey, but a reader takes it for a link
    [swatch] = swatches([Channel("x", "X", color="#3F5F7F")]).values()
    assert swatch.themed and swatch.moved and not swatch.greyish and swatch.near is None
    assert all(difference(parse(swatch.color), parse(own)) >= CLOSE for own in THEME)
    # channels without a colour never take one of the site's either
    colours = swatches([Channel(f"c{i}", f"C{i}") for i in range(12)]).values()
    assert all(difference(parse(s.color), parse(own)) >= CLOSE for s in colours for own in THEME)
