"""The channels' colours as every output shows them, said once.

Colour on the site means one thing: the channel. A channel's `color` in the
plan is honoured while a reader can tell it from the channels before it (in
the plan's order), from grey, which is what everything that is not a
publication (events, campaigns, key dates) is drawn in, and from the site's
own colours (`THEME`: the header's slate and the links' blue-grey, which say
nothing of a channel); otherwise it is turned
round the hue circle (same lightness and strength, in OKLCH) to the nearest
hue that stands apart, and the lint says so (`channel-colors`). A channel
without `color` takes the first colour of `PALETTE` that stands apart.

Each colour also has its "ink": the same hue made dark enough (light scheme)
or light enough (dark scheme) for text on the chip's tint to pass WCAG AA
(4.5:1), since a brand's own colour (WeChat's green, a yellow) often does not.

Differences are measured in OKLab (Björn Ottosson, 2020), whose distances
follow what the eye sees far better than RGB's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.plan.model import Channel

RGB = tuple[float, float, float]  # sRGB, each 0..1

# Below this OKLab distance two small chips read as the same colour: weibo's
# #E6162D and douyin's #FE2C55 are 0.07 apart; red and orange are over 0.15.
CLOSE = 0.12
# Below this OKLCH chroma a colour reads as grey: the colour of what is not a publication.
GREYISH = 0.06
HUE_STEP = 15.0  # degrees tried at a time, either way round, when a colour is moved
AA = 4.5  # WCAG AA contrast for normal text
TINT = 0.14  # how much of the channel's colour a chip's background has (plan-colours.css says the same)
LIGHT_BG = "#ffffff"  # Material's default scheme
DARK_BG = "#1e2129"  # Material's slate scheme, hsl(225 15% 14%)
# The site's own colours (mkdocs.yml's `primary: custom`, set in plan-colours.css):
# the header's dark slate, the links' blue-grey, and the links' blue-grey in the
# dark scheme. Near-greys on purpose, so that colour keeps meaning the channel;
# a channel's colour is kept apart from them as from grey.
THEME = ("#263238", "#3f5566", "#a3b8cc")

# For channels without `color`: well apart from each other and from grey
# (Tableau 10, without its grey).
PALETTE = (
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F",
)
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, slots=True)
class Swatch:
    """One channel's colours: what the page draws (`color`), its text (`ink`, `ink_dark`)."""

    channel: str  # the channel's id
    color: str  # "#rrggbb", lower case
    ink: str  # text in the channel's hue, readable on its tint in the light scheme
    ink_dark: str  # the same, in the dark scheme
    given: str | None  # the plan's `color`, when it has one that a page may use
    near: str | None = None  # the earlier channel (its own colour given too) this one's could not be told from
    greyish: bool = False  # the given colour reads as grey
    themed: bool = False  # the given colour could be taken for the site's own (`THEME`: header, links)

    @property
    def moved(self) -> bool:
        return self.given is not None and self.color != self.given.lower()


def valid(value: str | None) -> str | None:
    """A colour a page may use: `#rrggbb` only (anything else could carry `url(...)`)."""
    return value if value and _HEX.fullmatch(value) else None


def swatches(channels: Iterable[Channel]) -> Mapping[str, Swatch]:
    """Every channel's colours, by id, in the plan's order: deterministic, so
    the same plan draws the same colours on every build. The plan's own
    colours are placed first (in order), then `PALETTE`'s around them."""
    channels = tuple(channels)
    taken: list[RGB] = []
    ids: list[str] = []
    placed: dict[str, tuple[RGB, str | None, bool, bool]] = {}
    for channel in channels:
        given = valid(channel.color)
        if not given:
            continue
        rgb = parse(given)
        greyish = _chroma(rgb) < GREYISH
        themed = not greyish and _themed(rgb)
        near = None if greyish or themed else next(
            (ids[i] for i, other in enumerate(taken) if difference(rgb, other) < CLOSE), None
        )
        if near or greyish or themed:
            rgb = _apart(rgb, taken)
        taken.append(rgb)
        ids.append(channel.id)
        placed[channel.id] = (rgb, near, greyish, themed)
    for channel in channels:
        if channel.id in placed:
            continue
        rgb = next((c for c in map(parse, PALETTE) if _stands_apart(c, taken)), None) or _apart(
            parse(PALETTE[len(taken) % len(PALETTE)]), taken
        )
        taken.append(rgb)
        placed[channel.id] = (rgb, None, False, False)
    found: dict[str, Swatch] = {}
    for channel in channels:
        rgb, near, greyish, themed = placed[channel.id]
        color = to_hex(rgb)
        found[channel.id] = Swatch(
            channel.id, color, ink(color, LIGHT_BG), ink(color, DARK_BG), valid(channel.color), near, greyish,
            themed,
        )
    return found


def tint(color: str, background: str, share: float = TINT) -> str:
    """`color-mix(in srgb, color share, background)`: a chip's background."""
    a, b = parse(color), parse(background)
    return to_hex(tuple(share * x + (1 - share) * y for x, y in zip(a, b)))  # type: ignore[arg-type]


def ink(color: str, background: str) -> str:
    """The colour's hue, darkened (on a light page) or lightened (on a dark
    one) until text in it reaches AA on the colour's tint of the background."""
    behind = tint(color, background)
    dark_page = luminance(parse(background)) < 0.5
    lightness, chroma, hue = _lch(parse(color))
    for step in range(0, 101):
        shift = step / 100
        candidate = _from_lch(
            (min(1.0, lightness + shift) if dark_page else max(0.0, lightness - shift), chroma, hue)
        )
        if contrast(to_hex(candidate), behind) >= AA:
            return to_hex(candidate)
    return "#ffffff" if dark_page else "#000000"


# --- colour maths --------------------------------------------------------------------


def parse(value: str) -> RGB:
    return (int(value[1:3], 16) / 255, int(value[3:5], 16) / 255, int(value[5:7], 16) / 255)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def luminance(rgb: RGB) -> float:
    """WCAG 2's relative luminance."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two `#rrggbb` colours, 1 to 21."""
    la, lb = sorted((luminance(parse(a)), luminance(parse(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def difference(a: RGB, b: RGB) -> float:
    """Distance in OKLab: 0 the same, about 0.02 just noticeable side by side."""
    return math.dist(_oklab(a), _oklab(b))


def _stands_apart(rgb: RGB, taken: list[RGB]) -> bool:
    return _chroma(rgb) >= GREYISH and not _themed(rgb) and all(difference(rgb, other) >= CLOSE for other in taken)


def _themed(rgb: RGB) -> bool:
    """Close enough to one of the site's own colours to be taken for it."""
    return any(difference(rgb, parse(own)) < CLOSE for own in THEME)


def _apart(rgb: RGB, taken: list[RGB]) -> RGB:
    """The nearest hue (same lightness, chroma at least grey's limit) that
    stands apart from every colour taken: +15°, -15°, +30°, ... Chroma is cut
    to what sRGB can show at that hue."""
    lightness, chroma, hue = _lch(rgb)
    chroma = max(chroma, 2 * GREYISH)
    for step in range(1, 13):
        for sign in (1, -1):
            candidate = _in_gamut(lightness, chroma, hue + sign * step * HUE_STEP)
            if _stands_apart(candidate, taken):
                return candidate
    # more channels than hues apart at this lightness: try the others
    for lightness_try in (0.45, 0.75, 0.6, 0.35, 0.85):
        for step in range(24):
            candidate = _in_gamut(lightness_try, chroma, hue + step * HUE_STEP)
            if _stands_apart(candidate, taken):
                return candidate
    return _in_gamut(lightness, chroma, hue + 180)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _oklab(rgb: RGB) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    l_ = math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
    m_ = math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
    s_ = math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def _from_oklab(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear-light sRGB, possibly out of 0..1 (out of gamut)."""
    lightness, a, b = lab
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
    )


def _lch(rgb: RGB) -> tuple[float, float, float]:
    lightness, a, b = _oklab(rgb)
    return lightness, math.hypot(a, b), math.degrees(math.atan2(b, a)) % 360


def _chroma(rgb: RGB) -> float:
    return _lch(rgb)[1]


def _from_lch(lch: tuple[float, float, float]) -> RGB:
    lightness, chroma, hue = lch
    return _in_gamut(lightness, chroma, hue)


def _in_gamut(lightness: float, chroma: float, hue: float) -> RGB:
    """The OKLCH colour, its chroma cut (by halving) until sRGB can show it."""
    lo, hi = 0.0, chroma
    best = _to_rgb(lightness, 0.0, hue)
    linear = _linear_of(lightness, chroma, hue)
    if all(-1e-6 <= c <= 1 + 1e-6 for c in linear):
        return _to_rgb(lightness, chroma, hue)
    for _ in range(24):
        mid = (lo + hi) / 2
        if all(-1e-6 <= c <= 1 + 1e-6 for c in _linear_of(lightness, mid, hue)):
            lo, best = mid, _to_rgb(lightness, mid, hue)
        else:
            hi = mid
    return best


def _linear_of(lightness: float, chroma: float, hue: float) -> tuple[float, float, float]:
    h = math.radians(hue)
    return _from_oklab((lightness, chroma * math.cos(h), chroma * math.sin(h)))


def _to_rgb(lightness: float, chroma: float, hue: float) -> RGB:
    r, g, b = _linear_of(lightness, chroma, hue)
    return (_gamma(max(0.0, min(1.0, r))), _gamma(max(0.0, min(1.0, g))), _gamma(max(0.0, min(1.0, b))))
