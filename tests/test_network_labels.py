"""The network as drawn at a known size: no two labels overlap and the drawing fills the plot.

Boxes are estimated from the figure alone (text, font size, textposition, marker size, axis ranges) at
the plot sizes a browser gave at each screen size (``benchmarks/network_labels.py`` measures the
same in Chromium).
"""

from __future__ import annotations

import base64
import itertools

import numpy as np
import pytest

from rcpdash import analysis, figures
from rcpdash.placement import ASCENT, DESCENT, Label, Tier, place_labels, text_offset, text_width
from rcpdash.ui.views import render
from rcpdash.urlstate import parse_query

# Plot areas Chromium drew (benchmarks/network_labels.py): width × height in px.
DEFAULT_1366 = (1366, 1318, 532)
PRESENT_1920 = (1920, 1864, 669)


def _figure(query: str, name: str = "network") -> dict:
    """The figure named `name` in the view `query` asks for, as the browser receives it."""
    vs = parse_query(query)[0]
    stack = list(render(vs))
    while stack:
        component = stack.pop()
        figure = getattr(component, "figure", None)
        if figure is not None and getattr(component, "id", {}).get("name") == name:
            return figure if isinstance(figure, dict) else figure.to_plotly_json()
        children = getattr(component, "children", None)
        if isinstance(children, list):
            stack.extend(children)
        elif children is not None and not isinstance(children, str):
            stack.append(children)
    raise AssertionError(f"no figure in {query}")


def _values(value) -> np.ndarray:
    """An array from a figure's JSON, where plotly may have packed numbers as base64 typed arrays."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    return np.asarray(value)


def _to_px(layout: dict, x, y, width: float, height: float) -> tuple[np.ndarray, np.ndarray]:
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    return (_values(x) - x0) / (x1 - x0) * width, (y1 - _values(y)) / (y1 - y0) * height


def label_boxes(figure: dict, viewport: int, width: float, height: float) -> list[tuple[str, tuple]]:
    """(text, (x0, y0, x1, y1)) of every label a screen `viewport` px wide shows, in px."""
    boxes = []
    for trace in figure["data"]:
        uid = trace.get("uid") or ""
        if not uid.startswith("network-labels-from-") or int(uid.rsplit("-", 1)[1]) > viewport:
            continue
        xs, ys = _to_px(figure["layout"], trace["x"], trace["y"], width, height)
        for x, y, text, position, size, marker in zip(
            xs,
            ys,
            trace["text"],
            trace["textposition"],
            _values(trace["textfont"]["size"]),
            _values(trace["marker"]["size"]),
            strict=True,
        ):
            bold = text.startswith("<b>")
            plain = text.removeprefix("<b>").removesuffix("</b>")
            dx, dy, anchor = text_offset(position, size, marker)
            w = text_width(plain, size, bold)
            left = x + dx - {"start": 0, "middle": w / 2, "end": w}[anchor]
            boxes.append((plain, (left, y + dy - ASCENT * size, left + w, y + dy + DESCENT * size)))
    return boxes


def overlapping_pairs(boxes: list[tuple[str, tuple]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap by more than half a pixel."""
    pairs = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):
        for b, (bx0, by0, bx1, by1) in boxes[i + 1 :]:
            if min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5:
                pairs.append((a, b))
    return pairs


def fill_fraction(figure: dict, width: float, height: float) -> float:
    """The share of the plot area inside the box around every node marker."""
    xs, ys, radii = [], [], []
    for trace in figure["data"]:
        if trace.get("name") in ("States", "Processes") and trace.get("mode") == "markers":
            x, y = _to_px(figure["layout"], trace["x"], trace["y"], width, height)
            xs.extend(x)
            ys.extend(y)
            radii.extend(_values(trace["marker"]["size"]) / 2)
    xs, ys, radii = np.array(xs), np.array(ys), np.array(radii)
    left, right = max((xs - radii).min(), 0), min((xs + radii).max(), width)
    top, bottom = max((ys - radii).min(), 0), min((ys + radii).max(), height)
    return float((right - left) * (bottom - top) / (width * height))


@pytest.mark.parametrize(
    ("query", "size"),
    [
        ("?view=network", DEFAULT_1366),
        ("?view=network&focus=state:CAN", DEFAULT_1366),
        ("?view=network&present=1", PRESENT_1920),
        ("?view=network&focus=state:CAN&present=1&tour=default&step=9", PRESENT_1920),
    ],
)
def test_no_two_labels_overlap_and_the_drawing_fills_the_plot(query, size):
    viewport, width, height = size
    figure = _figure(query)
    boxes = label_boxes(figure, viewport, width, height)
    assert overlapping_pairs(boxes) == []
    assert len(boxes) >= 8
    assert fill_fraction(figure, width, height) >= 0.6
    legend = figure["layout"]["legend"]
    assert (legend["orientation"], legend["yanchor"]) == ("h", "top") and legend["y"] < 0  # below the plot


def test_the_canada_tour_step_labels_canada_and_its_seven_processes():
    figure = _figure("?view=network&focus=state:CAN&present=1&tour=default&step=9")
    texts = [text for text, _box in label_boxes(figure, *PRESENT_1920)]
    assert texts[0] == "Canada"  # placed first, in bold
    canada = analysis.graph(parse_query("?view=network")[0].graph_filter())[("state", "CAN")]
    assert len(canada) == 7 and len(texts) == 8


def test_every_tour_step_showing_the_network_has_no_overlapping_labels():
    from rcpdash import tours

    tour = tours.default_tour()
    steps = [i for i, step in enumerate(tour.steps, 1) if "view=network" in step.query]
    assert steps == [9]
    for step in steps:
        figure = _figure(tours.default_tour().steps[step - 1].query + "&present=1")
        # A presenter on a 1366 px laptop: the presenter figure's height, the laptop's width.
        for viewport, width, height in (PRESENT_1920, (1366, 1318, PRESENT_1920[2])):
            assert overlapping_pairs(label_boxes(figure, viewport, width, height)) == []


def test_the_ego_network_keeps_its_legend_below_and_its_labels_apart():
    figure = _figure("?view=state&state=CAN", "state-ego")
    assert figure["layout"]["legend"]["y"] < 0
    assert overlapping_pairs(label_boxes(figure, 1366, 643, 352)) == []


def test_labels_stay_apart_at_every_width_between_breakpoints():
    # Placed for the narrowest plot of each breakpoint; a wider plot only moves nodes further apart.
    figure = figures.network_figure(*_graph_and_positions(), "T").to_plotly_json()
    breakpoints = [*figures.plot_widths(), (2560, 2500.0)]
    for (viewport, width), (_next, next_width) in itertools.pairwise(breakpoints):
        for w in np.linspace(width, next_width, 6):
            for height in (532, 600):
                assert overlapping_pairs(label_boxes(figure, viewport, w, height)) == [], (
                    viewport,
                    w,
                    height,
                )


def _graph_and_positions():
    vs = parse_query("?view=network")[0]
    return analysis.graph(vs.graph_filter()), analysis.positions()


def test_a_forced_label_is_placed_even_where_everything_is_taken():
    xy = np.array([[0.5, 0.5], [0.5, 0.5]])
    tiers = [Tier(0, 60, 40)]
    placed = place_labels(
        xy, np.array([10, 10]), [Label(0, "First", 10), Label(1, "Second", 10, forced=True)], tiers
    )
    assert [(p.label.text, p.tier) for p in placed] == [("First", 0), ("Second", 0)]


# --------------------------------------------------------------------------------------------------
# The network view's own options: search, graph, multilateral only, communities, large uploads
# --------------------------------------------------------------------------------------------------


def test_network_options_round_trip_through_the_link():
    from rcpdash.urlstate import to_query

    vs, messages = parse_query(
        "?view=network&graph=processes&multilateral=1&colour=community&focus=process:rcm"
    )
    assert messages == []
    assert (vs.graph, vs.multilateral, vs.colour, vs.focus) == ("processes", True, "community", "process:rcm")
    assert to_query(vs) == "?view=network&focus=process:rcm&graph=processes&multilateral=1&colour=community"
    bad, messages = parse_query("?graph=tree&multilateral=yes")
    assert (bad.graph, bad.multilateral) == ("two_mode", False)
    assert messages == [
        "Ignored the graph 'tree' in the link: expected one of two_mode, processes.",
        "Ignored the multilateral 'yes' in the link: expected one of 0, 1.",
    ]


def test_the_search_box_offers_every_node_and_sets_the_focus():
    from rcpdash.ui.controls import CONTROLS, state_from_controls
    from rcpdash.ui.layout import focus_options

    values = [o["value"] for o in focus_options()]
    assert "state:CAN" in values and "process:rcm" in values
    assert len(values) == len(set(values))
    assert {figures.parse_node_key(v) for v in values} <= set(analysis.full_graph())
    assert any(c.field == "focus" for c in CONTROLS)
    vs = state_from_controls({"focus-select": "state:CAN"}, parse_query("?view=network")[0])
    assert vs.focus == "state:CAN"
    assert state_from_controls({"focus-select": None}, vs).focus is None


def test_the_process_network_links_processes_by_shared_states():
    figure = _figure("?view=network&graph=processes")
    nodes = [t for t in figure["data"] if t.get("name") in ("States", "Processes")]
    assert [t["name"] for t in nodes] == ["Processes"]
    vs = parse_query("?view=network&graph=processes")[0]
    G = analysis.network_graph(vs.graph_filter(), "processes", False)
    assert {n[0] for n in G} == {"process"}
    rcm, nafta = ("process", "rcm"), ("process", "nafta")
    assert G.edges[rcm, nafta]["weight"] == 3  # Canada, Mexico and the United States
    assert overlapping_pairs(label_boxes(figure, *DEFAULT_1366)) == []


def test_multilateral_only_leaves_out_two_state_arrangements():
    vs = parse_query("?view=network&multilateral=1")[0]
    full = analysis.graph(vs.graph_filter())
    G = analysis.network_graph(vs.graph_filter(), "two_mode", True)
    small = {n for n in full if n[0] == "process" and full.degree(n) < 3}
    assert small and not small & set(G)
    assert all(G.degree(n) >= 3 for n in G if n[0] == "process")
    assert "Arrangements of two states are left out." in _caption("?view=network&multilateral=1")


def _caption(query: str) -> str:
    vs = parse_query(query)[0]
    stack, texts = list(render(vs)), []
    while stack:
        component = stack.pop()
        if getattr(component, "className", None) == "caption" and isinstance(component.children, str):
            texts.append(component.children)
        children = getattr(component, "children", None)
        if isinstance(children, list):
            stack.extend(children)
        elif children is not None and not isinstance(children, str):
            stack.append(children)
    return " ".join(texts)


def test_communities_colour_the_nodes_and_the_caption_says_what_they_are():
    vs = parse_query("?view=network&colour=community")[0]
    groups = analysis.network_communities(vs.graph_filter(), "two_mode", False)
    assert groups == analysis.network_communities(vs.graph_filter(), "two_mode", False)  # seeded
    sizes = [list(groups.values()).count(k) for k in sorted(set(groups.values()))]
    assert sizes == sorted(sizes, reverse=True)
    figure = _figure("?view=network&colour=community")
    legend = [t["name"] for t in figure["data"] if t.get("showlegend") is not False and t.get("name")]
    assert legend[1:4] == ["Community 1", "Community 2", "Community 3"]
    assert "Louvain method" in _caption("?view=network&colour=community")


def test_a_cow_scale_upload_draws_its_best_connected_nodes_and_says_so(tmp_path):
    from rcpdash import datasets
    from rcpdash.data import read_dataset
    from rcpdash.synthetic import generate

    generate(tmp_path, states=200, orgs=530, years=20, seed=2)
    with datasets.serving(read_dataset(tmp_path)):
        vs = parse_query("?view=network")[0]
        G = analysis.network_graph(vs.graph_filter(), "two_mode", False)
        assert G.number_of_nodes() == analysis.MAX_NETWORK_NODES and G.graph["cut_from"] == 730
        assert f"Only the {analysis.MAX_NETWORK_NODES} best-connected of 730 nodes are drawn" in _caption(
            "?view=network"
        )
        figure = _figure("?view=network")
        assert overlapping_pairs(label_boxes(figure, *DEFAULT_1366)) == []
