"""WCAG AA contrast of the app's colours: text 4.5:1 (3:1 large), graphics and focus rings 3:1
(WCAG 1.4.11), computed with :func:`rcpdash.theme.contrast_ratio` from the values in theme.py and
assets/style.css (a colour changed there is checked here)."""

from __future__ import annotations

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


def test_choropleth_low_end_is_set_apart_from_land_without_data():
    # The lightest cividis shade (one process) is nearly the no-data land grey; the outline of every
    # shape with data carries the difference.
    lightest = plotly.colors.sequential.Cividis[-1]
    assert round(contrast_ratio(lightest, theme.LAND_COLOUR), 2) == 1.13
    assert contrast_ratio(theme.MARK_OUTLINE, theme.LAND_COLOUR) >= GRAPHICS
    assert contrast_ratio(theme.MARK_OUTLINE, lightest) >= GRAPHICS


def test_presenter_colours_reach_text_contrast():
    for original, dark in theme.HIGH_CONTRAST.items():
        assert contrast_ratio(dark) >= TEXT, (original, dark)
