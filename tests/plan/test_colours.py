"""The channels' colours (generator/plan/colours.py): on the example plan,
every channel is told from every other and from grey, the plan's colours are
kept where they stand apart, and every colour's text passes WCAG AA on its
chip in both of Material's schemes."""

from __future__ import annotations

from itertools import combinations

import pytest

from conftest import ROOT, load_plan
from generator.plan.colours import (
    CLOSE, DARK_BG, GREYISH, LIGHT_BG, contrast, difference, parse, swatches, tint, _chroma,
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
