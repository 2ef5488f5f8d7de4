"""Figure builders, checked without a browser."""

from __future__ import annotations

import pandas as pd
import pytest

from rcpdash import figures
from rcpdash.network import filter_graph, layout_positions
from rcpdash.queries import map_counts, map_process, shaped_codes
from rcpdash.theme import CONTINENT_COLOURS, MEMBER_COLOUR, OBSERVER_COLOUR, REGION_COLOURS


@pytest.fixture(scope="module")
def members(tiny_graph):
    return filter_graph(tiny_graph)


SHAPED = frozenset({"AAA", "CCC", "DDD"})  # BBB and EEE have no shape at this "resolution"


def test_world_map_draws_shapeless_states_as_markers(members):
    frame = map_counts(members)
    fig = figures.world_map(frame, SHAPED, "Title")
    choropleth, markers = fig.data
    assert choropleth.type == "choropleth" and list(choropleth.locations) == ["AAA", "CCC", "DDD"]
    # Colours are count classes (1 → class 0, 2 → class 1); the hover shows the count itself.
    assert list(choropleth.z) == [0, 1, 1] and [c[3] for c in choropleth.customdata] == ["1", "2", "2"]
    assert markers.type == "scattergeo" and list(markers.lat) == [47.0] and list(markers.marker.color) == [1]
    assert markers.customdata[0][3] == "2" and "%{customdata[3]}" in markers.hovertemplate
    assert markers.marker.coloraxis == choropleth.coloraxis == "coloraxis"
    assert fig.layout.geo.fitbounds is False and fig.layout.geo.resolution == 110
    assert fig.layout.coloraxis.cmin == -0.5 and fig.layout.coloraxis.cmax == 4.5
    assert list(markers.customdata[0][:2]) == ["BBB", "Borduria"]
    assert "P1, O3" in choropleth.customdata[0][2] or "O3, P1" in markers.customdata[0][2]


def test_world_map_highlight_and_empty():
    empty = figures.world_map(
        pd.DataFrame(columns=["iso3", "name", "lat", "lon", "value", "processes"]), SHAPED, "T"
    )
    assert empty.data == () and empty.layout.annotations[0].text == "No state matches these filters."
    frame = pd.DataFrame(
        [("AAA", "Aland", 60.0, 20.0, 3, "P1")], columns=["iso3", "name", "lat", "lon", "value", "processes"]
    )
    fig = figures.world_map(frame, SHAPED, "T", highlight=("Aland", 60.0, 20.0))
    assert fig.data[-1].marker.symbol == "star" and list(fig.data[-1].lat) == [60.0]


def test_process_map_colours_members_and_observers(tiny_graph):
    all_roles = filter_graph(
        tiny_graph, __import__("rcpdash.network", fromlist=["GraphFilter"]).GraphFilter(role_class="all")
    )
    frame = map_process(all_roles, "p1")
    assert frame[["iso3", "status"]].values.tolist() == [
        ["AAA", "member"],
        ["BBB", "member"],
        ["CCC", "observer"],
    ]
    fig = figures.process_map(frame, SHAPED, "T")
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["Members"].locations) == ["AAA"]
    assert by_name["Members"].colorscale[0][1] == MEMBER_COLOUR
    assert list(by_name["Members (small states)"].lat) == [47.0]
    assert list(by_name["Observers"].locations) == ["CCC"]
    assert by_name["Observers"].colorscale[0][1] == OBSERVER_COLOUR
    assert fig.layout.geo.fitbounds is False


def test_real_shapes_leave_out_small_and_historical_states():
    shaped = shaped_codes("110m")
    assert {"KEN", "FRA", "AUS"} <= shaped
    assert not {"MLT", "NRU", "TUV", "SUN", "CSK", "YUG"} & shaped
    assert {"MLT", "NRU", "TUV"} <= shaped_codes("50m")


def test_heatmap_keeps_order_and_labels():
    matrix = pd.DataFrame([[2, 1], [1, 3]], index=["b", "a"], columns=["b", "a"])
    fig = figures.matrix_heatmap(matrix, {"a": "Alpha", "b": "Beta"}, "T", "Shared")
    heat = fig.data[0]
    assert list(heat.x) == ["b", "a"] and list(heat.y) == ["b", "a"]
    assert list(fig.layout.xaxis.ticktext) == ["Beta", "Alpha"]
    assert heat.text.tolist() == [["2", "1"], ["1", "3"]]
    assert fig.layout.yaxis.autorange == "reversed"
    assert figures.matrix_heatmap(pd.DataFrame(), {}, "T", "S").layout.annotations[0].text == (
        "Nothing to compare under these filters."
    )


def test_centrality_bars_group_colours_and_order():
    table = pd.DataFrame(
        {
            "id": ["p3", "p2", "p1"],
            "name": ["Three", "Two", "One"],
            "group": ["africa", "africa", "europe_central_asia"],
            "betweenness": [1.0, 0.5, 0.0],
        }
    )
    fig = figures.centrality_bars(table, "betweenness", "process", "T")
    assert [t.name for t in fig.data] == ["Africa", "Europe & Central Asia"]
    assert fig.data[0].marker.color == REGION_COLOURS["africa"]
    assert list(fig.layout.yaxis.categoryarray) == ["Three", "Two", "One"]
    assert list(fig.data[0].customdata) == ["p3", "p2"]


def test_network_highlights_neighbours(members):
    positions = layout_positions(members)
    fig = figures.network_figure(members, positions, "T", selected=("state", "BBB"))
    states, processes = (next(t for t in fig.data if t.name == name) for name in ("States", "Processes"))
    opacity = {c: o for t in (states, processes) for c, o in zip(t.customdata, t.marker.opacity, strict=True)}
    assert opacity == {
        "state:AAA": 0.18,
        "state:BBB": 1.0,
        "state:CCC": 0.18,
        "state:DDD": 0.18,
        "process:p1": 1.0,
        "process:p2": 0.18,
        "process:p3": 1.0,
    }
    assert list(states.marker.color) == [CONTINENT_COLOURS["Europe"]] * 2 + [CONTINENT_COLOURS["Africa"]] * 2
    assert states.marker.symbol == "circle" and processes.marker.symbol == "square"
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == [
        "Process links (cooperation the report describes)",
        "Africa (state)",
        "Europe (state)",
        "Africa (process)",
        "Europe & Central Asia (process)",
    ]
    link = next(t for t in fig.data if t.name and t.name.startswith("Process links"))
    assert (link.x[0], link.x[1]) == (positions[("process", "p1")][0], positions[("process", "p2")][0])
    highlighted_edges = fig.data[1]
    assert int(sum(1 for v in highlighted_edges.x if v != v)) == 2  # BBB's two memberships, NaN-separated
    assert figures.network_figure(members.subgraph([]), {}, "T").layout.annotations[0].text == (
        "No membership matches these filters."
    )


def test_node_keys_round_trip():
    assert figures.parse_node_key(figures.node_key(("state", "KEN"))) == ("state", "KEN")
    assert figures.parse_node_key("galaxy:far") is None and figures.parse_node_key(None) is None


def test_layout_positions_are_deterministic(members):
    assert layout_positions(members) == layout_positions(members)
    xs = [x for x, _ in layout_positions(members).values()]
    assert min(xs) == 0.0 and max(xs) == 1.0
