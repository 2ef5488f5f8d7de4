"""Text that reaches plotly is literal: a name written as HTML is shown as written, never as a link.

plotly.js reads a subset of HTML in every text it draws (<a href>, <b>, <br>, <span style>...). A
dataset can name a state ``<a href="https://example.org">Italy</a>``: in every view, no figure may
carry a live tag other than the few the builders write (rcpdash.figures._OWN_TAGS), and the name
must come back unchanged when plotly reads its entities.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from rcpdash import datasets
from rcpdash.data import read_dataset
from rcpdash.figures import plotly_literal, plotly_text
from rcpdash.queries import short_label
from rcpdash.ui import views
from rcpdash.urlstate import ViewState, to_query

from .hostile import LINK, LINK_PROCESS, LONG, SCRIPT, hostile_tables
from .ui_helpers import walk

#: Tags the figure builders write themselves (lower case, a closing tag with its slash).
OWN_TAGS = {"br", "b", "/b", "i", "/i", "extra", "/extra"}

#: Every view, on the state and the process named as links (DDD and p2 in tests/hostile.py).
HOSTILE_VIEWS = [
    ViewState(view="map"),
    ViewState(view="map", process="p2", roles="all"),
    ViewState(view="overlaps", cregion="africa"),
    ViewState(view="overlaps", pair=("p2", "p3")),
    ViewState(view="centrality"),
    ViewState(view="centrality", side="process"),
    ViewState(view="network"),
    ViewState(view="network", focus="state:DDD"),
    ViewState(view="network", graph="processes"),
    ViewState(view="regions"),
    ViewState(view="timeline"),
    ViewState(view="timeline", year=2003),
    ViewState(view="themes"),
    ViewState(view="state", state="DDD"),
    ViewState(view="state", state="DDD", edits=(("+", "DDD", "p1"),)),
    ViewState(view="process", process="p2"),
]


def test_plotly_text_escapes_all_but_the_builders_own_tags():
    assert plotly_text(LINK) == '&lt;a href="https://example.org"&gt;Italy&lt;/a&gt;'
    assert (
        plotly_text("<b>Kenya</b><br>3 processes<extra></extra>")
        == "<b>Kenya</b><br>3 processes<extra></extra>"
    )
    assert plotly_text("R&D <span style='color:red'>x</span> a > b") == (
        "R&amp;D &lt;span style='color:red'&gt;x&lt;/span&gt; a &gt; b"
    )
    assert plotly_text("&lt;") == "&amp;lt;"  # an entity in the data is shown as typed
    assert plotly_text("<B>") == "&lt;B&gt;"  # the builders write lower case only
    assert plotly_text("Côte d'Ivoire") == "Côte d'Ivoire"
    for text in (LINK, LINK_PROCESS, SCRIPT, "R&D", "&amp;", "x > y < z"):
        assert html.unescape(plotly_text(text)) == text  # what plotly shows: the text itself


def test_plotly_literal_reaches_arrays_series_and_nested_layouts():
    custom = np.array([[LINK, "KEN"], ["x", "<b>y</b>"]], dtype=object)
    result = plotly_literal(
        {"customdata": custom, "y": pd.Series([LINK, "a"]), "x": np.arange(3), "title": {"text": LINK}}
    )
    assert result["customdata"].tolist() == [[plotly_text(LINK), "KEN"], ["x", "<b>y</b>"]]
    assert result["y"] == [plotly_text(LINK), "a"]
    assert result["x"].tolist() == [0, 1, 2]
    assert result["title"] == {"text": plotly_text(LINK)}


@pytest.fixture(scope="module")
def hostile_figures() -> dict[str, dict[str, dict]]:
    """Every view's figures (plotly's JSON form), by the view's link and the graph's name."""
    rendered = {}
    with datasets.serving(read_dataset(hostile_tables())):
        for vs in HOSTILE_VIEWS:
            graphs = [c for c in walk(views.render(vs)) if getattr(c, "figure", None) is not None]
            rendered[to_query(vs) or "?"] = {
                g.id["name"] if isinstance(g.id, dict) else g.id: g.figure.to_plotly_json() for g in graphs
            }
    return rendered


def _strings(value: object) -> list[str]:
    """Every string in a figure's JSON form (dicts, lists, numpy arrays)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, np.ndarray) and value.dtype.kind in "OU":
        return [s for item in value.ravel().tolist() for s in _strings(item)]
    return []


def _tags(text: str) -> set[str]:
    return {m.lower() for m in re.findall(r"<\s*(/?[A-Za-z][A-Za-z0-9]*)", text)}


def test_every_view_draws_its_figures_with_the_hostile_names(hostile_figures):
    assert {view: sorted(graphs) for view, graphs in hostile_figures.items()} == {
        "?": ["map"],
        "?roles=all&process=p2": ["map"],
        "?view=overlaps&cregion=africa": ["co-membership", "overlap"],
        "?view=overlaps&pair=p2~p3": ["co-membership", "overlap"],
        "?view=centrality": ["centrality"],
        "?view=centrality&side=process": ["centrality"],
        "?view=network": ["network"],
        "?view=network&focus=state:DDD": ["network"],
        "?view=network&graph=processes": ["network"],
        "?view=regions": ["regions-graph"],
        "?view=timeline": ["growth-graph", "network"],
        "?view=timeline&year=2003": ["growth-graph", "network"],
        "?view=themes": ["themes"],
        "?view=state&state=DDD": ["state-ego", "state-map"],
        "?view=state&state=DDD&edits=%2BDDD:p1": ["state-ego", "state-map"],
        "?view=process&process=p2": ["process-map"],
    }


def test_no_figure_carries_a_tag_from_the_data(hostile_figures):
    tags = {
        (view, name): set().union(*map(_tags, _strings(figure))) - OWN_TAGS
        for view, graphs in hostile_figures.items()
        for name, figure in graphs.items()
    }
    assert {key: found for key, found in tags.items() if found} == {}
    everything = [s for graphs in hostile_figures.values() for f in graphs.values() for s in _strings(f)]
    assert [s for s in everything if LINK in s or LINK_PROCESS in s] == []  # never unescaped


def test_the_names_reach_axes_hovers_labels_and_titles_escaped(hostile_figures):
    state, process = plotly_text(LINK), plotly_text(LINK_PROCESS)
    label = plotly_text(short_label(LINK, 18))  # a network label is cut short, then escaped
    assert label == '&lt;a href="https://…'
    heatmap = hostile_figures["?view=overlaps&cregion=africa"]["co-membership"]["layout"]
    assert state in heatmap["xaxis"]["ticktext"] and state in heatmap["yaxis"]["ticktext"]
    profile = hostile_figures["?view=state&state=DDD"]
    assert profile["state-map"]["layout"]["title"]["text"] == f"Who {state} meets, by shared processes"
    assert profile["state-ego"]["layout"]["title"]["text"] == f"{state}: its processes and their members"
    ego = _strings(profile["state-ego"]["data"])
    assert f"<b>{state}</b><br>2 processes" in ego and f"<b>{process}</b><br>2 states" in ego
    assert f"<b>{label}</b>" in ego  # the profile's subject: labelled first, in bold
    assert label in _strings(hostile_figures["?view=network"]["network"]["data"])
    assert state in _strings(hostile_figures["?"]["map"]["data"])  # the map's hover names
    bars = hostile_figures["?view=centrality&side=process"]["centrality"]
    assert process in _strings(bars["data"]) and process in bars["layout"]["yaxis"]["categoryarray"]
    # plotly reads the entities back: what a person sees is the name as the data writes it.
    assert (html.unescape(state), html.unescape(process)) == (LINK, LINK_PROCESS)


def test_a_very_long_state_name_is_cut_on_the_state_matrix_axes(hostile_figures):
    """Carpania renamed to a 600-character name: the state × state matrix's axes carry it cut to 40
    characters with an ellipsis (it ran off the plot), like the process labels beside it."""
    from rcpdash.ui.views.overlaps import STATE_LABEL_LENGTH

    layout = hostile_figures["?view=overlaps&cregion=africa"]["co-membership"]["layout"]
    labels = [*layout["xaxis"]["ticktext"], *layout["yaxis"]["ticktext"]]
    cut = short_label(LONG.strip(), STATE_LABEL_LENGTH)
    assert cut in labels and len(cut) == STATE_LABEL_LENGTH and cut.endswith("…")
    # As people read them (plotly shows the entities of the escaped names as characters).
    assert max(len(html.unescape(label)) for label in labels) == STATE_LABEL_LENGTH
