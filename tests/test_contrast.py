"""WCAG AA contrast of the app's colours: text 4.5:1 (3:1 large), graphics and focus rings 3:1
(WCAG 1.4.11), computed with :func:`rcpdash.theme.contrast_ratio` from the values in theme.py and
assets/style.css (a colour changed there is checked here)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import plotly.colors
import pytest

from rcpdash import theme
from rcpdash.theme import contrast_ratio

STYLE = re.sub(
    r"/\*.*?\*/",
    "",
    (Path(__file__).parents[1] / "assets" / "style.css").read_text(encoding="utf-8"),
    flags=re.S,
)
WHITE = "#FFFFFF"
TEXT, GRAPHICS = 4.5, 3.0


def css_declarations(selector: str) -> dict[str, str]:
    """The declarations of the first rule in style.css whose selector list is exactly `selector`."""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", STYLE):
        if [s.strip() for s in selectors.split(",")] == [selector]:
            pairs = (d.split(":", 1) for d in body.split(";") if ":" in d)
            return {k.strip(): v.strip() for k, v in pairs}
    raise KeyError(selector)


def css_colour(value: str) -> str:
    """A colour from style.css, following var(--name) to :root."""
    if match := re.fullmatch(r"var\((--[\w-]+)(?:,\s*([^)]+))?\)", value):
        return css_colour(css_declarations(":root").get(match[1], match[2] or ""))
    if value in ("#fff", "white"):
        return WHITE
    assert re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", value), value
    return value


def test_contrast_ratio_matches_known_pairs():
    assert contrast_ratio("#000", "#fff") == 21.0
    assert contrast_ratio("#fff", "#000") == 21.0  # order does not matter
    assert round(contrast_ratio("#777", "#fff"), 2) == 4.48  # the classic just-failing grey
    assert round(contrast_ratio("#767676", "#FFFFFF"), 2) == 4.54  # the lightest grey that passes
    assert round(contrast_ratio("#0072B2"), 2) == 5.19
    assert round(contrast_ratio("#E69F00"), 2) == 2.25  # Okabe–Ito orange: not enough on its own
    assert contrast_ratio("#abc", "#abc") == 1.0


def _pairs_from_css() -> list[tuple[str, str, str, float]]:
    """(what, foreground, background, minimum) for every text colour style.css sets."""
    root = lambda name: css_colour(css_declarations(":root")[name])  # noqa: E731
    return [
        ("body text", root("--text"), WHITE, TEXT),
        ("muted text (captions, labels)", root("--muted"), WHITE, TEXT),
        ("muted text on a panel (empty messages)", root("--muted"), root("--panel"), TEXT),
        ("body text on a panel (quotes, table headers)", root("--text"), root("--panel"), TEXT),
        ("links, tabs and button text", root("--accent"), WHITE, TEXT),
        ("a tab under the pointer", root("--accent"), css_colour(css_declarations(".view-link:hover")["background"]), TEXT),
        ("the active tab", css_colour(css_declarations(".view-link--active")["color"]),
         css_colour(css_declarations(".view-link--active")["background"]), TEXT),
        ("the active tab under the pointer", WHITE,
         css_colour(css_declarations(".view-link--active:hover")["background"]), TEXT),
        ("the play button", css_colour(css_declarations(".play-button")["color"]),
         css_colour(css_declarations(".play-button")["background"]), TEXT),
        ("a notice", root("--text"), css_colour(css_declarations(".notice")["background"]), TEXT),
        ("an upload error", css_colour(css_declarations(".dataset-error")["color"]), WHITE, TEXT),
        ("an upload that worked", css_colour(css_declarations(".dataset-ok")["color"]), WHITE, TEXT),
        ("the keyboard focus ring", root("--focus"), WHITE, GRAPHICS),
        ("the keyboard focus ring on a panel", root("--focus"), root("--panel"), GRAPHICS),
        ("a dropdown's border", root("--Dash-Stroke-Strong"), WHITE, GRAPHICS),
    ]  # fmt: skip


@pytest.mark.parametrize(("what", "foreground", "background", "minimum"), _pairs_from_css())
def test_stylesheet_colours_meet_aa(what, foreground, background, minimum):
    assert contrast_ratio(foreground, background) >= minimum, (what, foreground, background)


def test_figure_text_meets_aa():
    for colour in (theme.TEXT_COLOUR, theme.MUTED_TEXT):
        assert contrast_ratio(colour, WHITE) >= TEXT
    assert round(contrast_ratio(theme.TEXT_COLOUR), 2) == 16.48
    assert round(contrast_ratio(theme.MUTED_TEXT), 2) == 7.46


def mark_stands_out(fill: str, background: str, outline: str = theme.MARK_OUTLINE) -> bool:
    """WCAG 1.4.11: a filled mark is seen if its fill, or else its outline, has 3:1 against the
    background (and the outline 3:1 against the fill it surrounds)."""
    if contrast_ratio(fill, background) >= GRAPHICS:
        return True
    return contrast_ratio(outline, background) >= GRAPHICS and contrast_ratio(outline, fill) >= GRAPHICS


MARK_FILLS = {
    **{f"region {k}": v for k, v in theme.REGION_COLOURS.items()},
    **{f"continent {k}": v for k, v in theme.CONTINENT_COLOURS.items()},
    "member": theme.MEMBER_COLOUR,
    "observer": theme.OBSERVER_COLOUR,
    **{f"Okabe–Ito {k}": v for k, v in theme.OKABE_ITO.items()},
}


@pytest.mark.parametrize("background", [WHITE, theme.LAND_COLOUR, theme.OTHER_COLOUR])
@pytest.mark.parametrize("name", MARK_FILLS)
def test_every_filled_mark_stands_out_from_white_and_land(name, background):
    assert mark_stands_out(MARK_FILLS[name], background), (name, MARK_FILLS[name], background)


def test_light_okabe_ito_colours_need_the_outline():
    # The reason for MARK_OUTLINE: these fills alone are under 3:1 on white.
    weak = {k for k, v in theme.OKABE_ITO.items() if contrast_ratio(v) < GRAPHICS}
    assert weak == {"orange", "sky", "yellow"}
    assert round(contrast_ratio(theme.MARK_OUTLINE, theme.OKABE_ITO["yellow"]), 2) == 9.55


def test_lines_and_default_trace_colours_stand_out_on_their_own():
    for region, (colour, _dash) in theme.LINE_STYLES.items():
        assert contrast_ratio(colour) >= GRAPHICS, region
    assert len({dash for _colour, dash in theme.LINE_STYLES.values()}) == len(theme.LINE_STYLES)
    theme.register_template()
    colorway = plotly.io.templates[theme.TEMPLATE_NAME].layout.colorway
    assert [c for c in colorway if contrast_ratio(c) < GRAPHICS] == []


def test_sequential_scale_runs_light_to_dark_with_no_near_white_step():
    steps = theme.SEQUENTIAL_STEPS
    lightness = [theme.lch(c)[0] for c in steps]
    assert [round(v) for v in lightness] == [82, 68, 56, 40, 22]
    # Each step is clearly darker than the one before (CIELAB lightness 12 or more).
    assert all(a - b >= 12 for a, b in itertools.pairwise(lightness))
    # The lightest step is no near-white: 1.6:1 against white, 1.4:1 against the no-data grey (and
    # the no-data grey has no hue where the step has), and map shapes with data are outlined too.
    assert round(contrast_ratio(steps[0]), 2) == 1.59
    assert round(contrast_ratio(steps[0], theme.NO_DATA_COLOUR), 2) == 1.43
    assert theme.lch(theme.NO_DATA_COLOUR)[1] < 1 and theme.lch(steps[0])[1] > 25
    assert contrast_ratio(theme.MARK_OUTLINE, theme.LAND_COLOUR) >= GRAPHICS
    assert contrast_ratio(theme.MARK_OUTLINE, steps[0]) >= GRAPHICS
    assert [colour for _position, colour in theme.SEQUENTIAL] == list(steps)
    # Presenter mode leaves the scale alone, so a colour means the same count on both screens.
    assert not set(steps) & {k.upper() for k in theme.HIGH_CONTRAST}


def hue_gap(a: str, b: str) -> float:
    """How far apart two colours' CIELCh hues are, in degrees (0 to 180)."""
    gap = abs(theme.lch(a)[2] - theme.lch(b)[2]) % 360
    return min(gap, 360 - gap)


def same_family(a: str, b: str) -> bool:
    """Two greys, or two colours whose hues are under 30° apart (Okabe–Ito blue and sky blue are 15°
    apart, orange and vermillion 22°: the pairs people call "both blue", "both orange")."""
    grey_a, grey_b = theme.lch(a)[1] < 10, theme.lch(b)[1] < 10
    if grey_a or grey_b:
        return grey_a and grey_b
    return hue_gap(a, b) < 30


def test_the_family_test_knows_what_people_call_the_same_colour():
    ok = theme.OKABE_ITO
    assert same_family(ok["blue"], ok["sky"]) and same_family(ok["orange"], ok["vermillion"])
    assert not same_family(ok["blue"], ok["green"]) and not same_family(ok["yellow"], ok["vermillion"])
    assert same_family(ok["grey"], "#4D4D4D") and not same_family(ok["grey"], ok["blue"])


#: The colours that share a chart: regions (bars, squares, lines), continents, a process's map.
CHART_PALETTES = {
    "regions": list(theme.REGION_COLOURS.values()),
    "continents": list(theme.CONTINENT_COLOURS.values()),
    "growth lines": [colour for colour, _dash in theme.LINE_STYLES.values()],
    "members and observers": [theme.MEMBER_COLOUR, theme.OBSERVER_COLOUR],
}


@pytest.mark.parametrize("palette", CHART_PALETTES)
@pytest.mark.parametrize("presenter", [False, True])
def test_no_two_colours_of_one_chart_share_a_hue_family(palette, presenter):
    colours = CHART_PALETTES[palette]
    if presenter:
        colours = [theme.HIGH_CONTRAST.get(c, c) for c in colours]
    clashes = [(a, b) for i, a in enumerate(colours) for b in colours[i + 1 :] if same_family(a, b)]
    assert clashes == [], palette


def test_presenter_colours_keep_the_hue_of_the_colour_they_replace():
    for original, dark in theme.HIGH_CONTRAST.items():
        if theme.lch(original)[1] < 10:  # greys stay grey
            assert theme.lch(dark)[1] < 10, original
            continue
        assert hue_gap(original, dark) <= 10, (original, dark, hue_gap(original, dark))


def test_growth_lines_take_their_regions_hue():
    for region, (line, _dash) in theme.LINE_STYLES.items():
        assert hue_gap(line, theme.REGION_COLOURS[region]) <= 10 or theme.lch(line)[1] < 10, region


def test_presenter_colours_reach_text_contrast():
    for original, dark in theme.HIGH_CONTRAST.items():
        assert contrast_ratio(dark) >= TEXT, (original, dark)
