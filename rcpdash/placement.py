"""Where node labels go: a greedy placement without collisions, in pixels, for screens of known size.

Plotly draws every label it is given, on top of each other. Here each label, most important first,
tries the eight places plotly can put a text around its marker (``textposition``) and takes the first
one whose box meets no label already placed, no other marker and no edge of the plot; a label that
finds no free place is left out (the hover still names every node).

A figure is drawn at widths the server does not know, so labels are placed for a list of
:class:`Tier` s, from the narrowest screen up: a label placed in tier *t* is checked at the plot size of
every tier from *t* up (widths differ, the figure height is fixed) and shown, through a CSS rule on
its trace, only on screens at least ``tier.min_viewport`` wide (``assets/style.css``). The boxes come
from font-size estimates with DejaVu Sans advance widths (wider than Segoe UI, Roboto or Arial, so
estimates err towards more room) and the offsets plotly.js uses (``Drawing.textPointPosition``).

Pure Python and numpy: no plotly, no dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Advance widths of DejaVu Sans (what Chromium on Debian draws for the app's font stack), in
#: hundredths of the font size, as a browser's canvas measured them.
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        (
            32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34,  # space to /
            64, 64, 64, 64, 64, 64, 64, 64, 64, 64,  # digits
            34, 34, 84, 84, 84, 53, 100,  # : to @
            68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99,
            69, 61, 69,  # A to Z
            39, 34, 39, 84, 50, 50,  # [ to `
            61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82,
            59, 59, 52,  # a to z
            64, 34, 64, 84,  # { to ~
        ),
        strict=True,
    )
)  # fmt: skip
_DEFAULT_WIDTH = 66  # letters outside ASCII (é, ö, ç…) are about as wide as an average letter
_ELLIPSIS_WIDTH = 100
_BOLD = 1.1  # bold DejaVu Sans is ~10% wider
ASCENT, DESCENT = 0.93, 0.24  # of the font size: the box a browser reports around a line of text
PADDING = 2.0  # px kept free around every label
MARKER_CORE = 0.6  # of a marker's radius: the part no label may cover

#: The places plotly can put a text around its marker, in the order a label tries them.
POSITIONS = (
    "top center",
    "middle right",
    "middle left",
    "bottom center",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)
_SIGN = {"start": 1, "end": -1, "middle": 0, "top": -1, "bottom": 1}


@dataclass(frozen=True)
class Tier:
    """Screens at least `min_viewport` px wide, where the plot area is at least `width` × `height`."""

    min_viewport: int
    width: float
    height: float


@dataclass(frozen=True)
class Label:
    """A label to place: the index of its node, its text, font size (px) and weight."""

    node: int
    text: str
    size: float
    bold: bool = False
    forced: bool = False  # always shown (the selected node): placed in the first tier, even on a marker


@dataclass(frozen=True)
class Placed:
    """Where a label went: its plotly ``textposition`` and the index of the tier it was placed in."""

    label: Label
    position: str
    tier: int


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in px of `text` in DejaVu Sans at `size` px.

    >>> text_width("EU", 10)
    13.6
    """
    units = sum(_WIDTHS.get(c, _ELLIPSIS_WIDTH if c == "…" else _DEFAULT_WIDTH) for c in text)
    return round(units * size / 100 * (_BOLD if bold else 1.0), 2)


def text_offset(position: str, size: float, marker_size: float) -> tuple[float, float, str]:
    """plotly.js's offset of a text from its point (``Drawing.textPointPosition``): (dx to the text
    anchor, dy to the baseline, anchor), y down, for a marker of diameter `marker_size` px.

    >>> text_offset("top center", 10, 8)
    (0.0, -8.5, 'middle')
    """
    vertical, horizontal = position.split()
    anchor = {"left": "end", "right": "start"}.get(horizontal, "middle")
    r = marker_size / 2 / 0.8 + 1 if marker_size else 0.0
    sv = _SIGN[vertical]
    dx = _SIGN[anchor] * r + 0.0  # + 0.0: no -0.0
    dy = size * 0.75 + sv * r + (sv - 1) * size / 2
    return dx, dy, anchor


def label_boxes(x: float, y: float, label: Label, marker_size: float) -> np.ndarray:
    """The boxes (x0, y0, x1, y1, in px, y down) of `label` at each of :data:`POSITIONS` around a
    marker of diameter `marker_size` at (`x`, `y`), padded by :data:`PADDING`."""
    return _box_offsets(label, marker_size) + np.array([x, y, x, y])


def _box_offsets(label: Label, marker_size: float) -> np.ndarray:
    """:func:`label_boxes` around a marker at (0, 0)."""
    width = text_width(label.text, label.size, label.bold)
    boxes = np.empty((len(POSITIONS), 4))
    for i, position in enumerate(POSITIONS):
        dx, dy, anchor = text_offset(position, label.size, marker_size)
        left = dx - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        boxes[i] = (left, dy - ASCENT * label.size, left + width, dy + DESCENT * label.size)
    boxes[:, :2] -= PADDING
    boxes[:, 2:] += PADDING
    return boxes


def _meets(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each of `boxes`, whether it overlaps any of `others` (both (n, 4) arrays)."""
    if not len(others):
        return np.zeros(len(boxes), dtype=bool)
    return (
        (boxes[:, None, 0] < others[None, :, 2])
        & (boxes[:, None, 2] > others[None, :, 0])
        & (boxes[:, None, 1] < others[None, :, 3])
        & (boxes[:, None, 3] > others[None, :, 1])
    ).any(axis=1)


def _inside(boxes: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    return (boxes[:, :2] >= bounds[:2]).all(axis=1) & (boxes[:, 2:] <= bounds[2:]).all(axis=1)


def _free(
    boxes: np.ndarray, bounds: np.ndarray, markers: np.ndarray, labels: np.ndarray, candidates: np.ndarray
) -> np.ndarray:
    """Which of the `candidates` `boxes` lie inside `bounds` and meet none of `markers` and `labels`."""
    ok = candidates & _inside(boxes, bounds)
    if ok.any():
        ok &= ~_meets(boxes, markers)
    if len(labels) and ok.any():
        ok &= ~_meets(boxes, labels)
    return ok


def place_labels(
    fractions: np.ndarray,
    marker_sizes: np.ndarray,
    labels: Sequence[Label],
    tiers: Sequence[Tier],
    obstacles: np.ndarray | None = None,
) -> list[Placed]:
    """Place `labels` (most important first) without collisions on every tier they show in.

    Parameters
    ----------
    fractions
        (n, 2) node positions as fractions of the plot area, x from the left, y from the bottom.
    marker_sizes
        (n,) marker diameters in px (plotly's ``marker.size``).
    labels
        The labels to place, most important first.
    tiers
        Screen sizes from the narrowest up (see :class:`Tier`).
    obstacles
        (n,) booleans: the markers a label must not cover (default: all).

    Returns
    -------
    list of Placed
        The labels that found room, in the order given.

    Examples
    --------
    Two nodes side by side on a 100 × 100 plot: the second label finds no free place at that
    width, but fits once the plot is 400 px wide.

    >>> xy = np.array([[0.4, 0.5], [0.6, 0.5]])
    >>> tiers = [Tier(0, 100, 100), Tier(800, 400, 100)]
    >>> labels = [Label(0, "Alpha", 10), Label(1, "Beta label", 10)]
    >>> [(p.label.text, p.position, p.tier) for p in place_labels(xy, np.array([6, 6]), labels, tiers)]
    [('Alpha', 'top center', 0), ('Beta label', 'top center', 1)]
    """
    n = len(fractions)
    avoid = np.ones(n, dtype=bool) if obstacles is None else np.asarray(obstacles, dtype=bool)
    radius = np.asarray(marker_sizes, dtype=float) / 2
    # Node centres and marker boxes in px for each tier (y down, as the browser measures).
    centres = [np.column_stack([fractions[:, 0] * t.width, (1 - fractions[:, 1]) * t.height]) for t in tiers]
    # A label may graze the rim of a marker, not cover its middle (its own marker it never meets: every
    # place is off the marker's edge).
    core = (radius * MARKER_CORE)[avoid, None]
    markers = [np.column_stack([c[avoid] - core, c[avoid] + core]) for c in centres]
    bounds = [np.array([0.0, 0.0, t.width, t.height]) for t in tiers]
    # Per tier, the boxes (at that tier's size) of the labels it shows: those placed in it or below.
    shown = [np.empty((len(labels), 4)) for _ in tiers]
    count = [0] * len(tiers)
    placed: list[Placed] = []
    last = len(tiers) - 1
    for label in labels:
        i = label.node
        offsets = _box_offsets(label, float(marker_sizes[i]))
        boxes_at = [offsets + np.tile(c[i], 2) for c in centres]
        taken = [shown[k][: count[k]] for k in range(len(tiers))]
        choice = None
        if label.forced:
            # The selected node is always labelled, on every screen: the first place free on all of
            # them, else the first place inside the plot, even where it covers something.
            everywhere = np.ones(len(POSITIONS), dtype=bool)
            for k in range(len(tiers)):
                everywhere = _free(boxes_at[k], bounds[k], markers[k], taken[k], everywhere)
            inside = np.logical_and.reduce([_inside(b, bounds[k]) for k, b in enumerate(boxes_at)])
            choice = (int(np.argmax(everywhere if everywhere.any() else inside)), 0)
        else:
            # From the widest screen down: a place must stay free on every wider one.
            ok = np.ones(len(POSITIONS), dtype=bool)
            for k in range(last, -1, -1):
                ok = _free(boxes_at[k], bounds[k], markers[k], taken[k], ok)
                if not ok.any():
                    break
                choice = (int(np.argmax(ok)), k)
        if choice is None:
            continue
        position, tier = choice
        for k in range(tier, len(tiers)):
            shown[k][count[k]] = boxes_at[k][position]
            count[k] += 1
        placed.append(Placed(label, POSITIONS[position], tier))
    return placed
