"""View renderers with plain view states, on the real data."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from rcpdash import analysis, data, i18n
from rcpdash.ui import ids, views
from rcpdash.urlstate import VIEWS, ViewState

from .ui_helpers import SELECTED, find, tables_in, text_of, walk


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_renders_with_a_selection(view):
    vs = ViewState(view=view, **SELECTED)
    out = views.render(vs)
    assert out, view
    assert "Traceback" not in text_of(out)


@pytest.mark.parametrize("view", VIEWS)
def test_filters_that_leave_nothing_show_a_message_not_empty_axes(view):
    vs = ViewState(
        view=view,
        regions=(),
        state="THA",
        process="apc",
        processes=("apc", "bali_process"),
        states=("THA", "AUS"),
    )
    out = views.render(vs)
    text = text_of(out)
    assert any(
        s in text
        for s in (
            "No state",
            "No process",
            "Nothing to rank",
            "No membership",
            "takes part in no",
            "names no state",
            "No regional chapter",
            "No dated process",
            "No later edition",
        )
    ), text[:200]
    graphs = [c for c in walk(out) if type(c).__name__ == "Graph"]
    for graph in graphs:  # a figure left on the page carries its own message
        assert graph.figure.layout.annotations


def test_map_view_counts_and_process_highlight():
    out = views.render(ViewState())
    fig = find(out, ids.pick("map")).figure
    z = dict(zip(fig.data[0].locations, fig.data[0].z, strict=True))
    counts = {c[0]: c[3] for c in fig.data[0].customdata}
    assert analysis.graph(ViewState().graph_filter()).degree(("state", "AUS")) == 19
    assert counts["AUS"] == "19" and z["AUS"] == 4  # 19 processes: the "11+" class
    marker_codes = {c[0] for c in fig.data[1].customdata}
    assert {"MLT", "SUN", "CSK", "YUG", "NRU"} <= marker_codes  # no member vanishes
    picked = find(views.render(ViewState(process="rcm", roles="all")), ids.pick("map")).figure
    names = {t.name for t in picked.data}
    assert {"Members", "Observers"} <= names
    observers = next(t for t in picked.data if t.name == "Observers")
    assert set(observers.locations) == {"ARG", "COL", "JAM", "PER"}


def test_overlap_view_lists_shared_members():
    out = views.render(ViewState(view="overlaps", pair=("apc", "bali_process")))
    text = text_of(find(out, "pair-panel"))
    assert "States in both APC and Bali Process" in text
    shared = views.table_frame(ViewState(view="overlaps", pair=("apc", "bali_process")), "shared-members")
    # Kiribati is named only as the eastern limit of the Bali Process's scope, not as a participant.
    assert shared.iso3.tolist() == ["AUS", "CHN", "FJI", "IDN", "KOR", "MYS", "NZL", "THA"]


def test_centrality_view_explains_the_metric():
    out = views.render(ViewState(view="centrality", metric="betweenness", top=10))
    text = text_of(out)
    assert "brokers" in text and "Top 10 states" in text
    table = views.table_frame(ViewState(view="centrality", metric="betweenness", top=10), "centrality")
    assert len(table) == 10 and table.betweenness.is_monotonic_decreasing


def test_profiles_show_quotes_and_counts():
    state = views.render(ViewState(view="state", state="KEN"))
    assert "Participants from Burundi, Djibouti, DRC, Eritrea, Ethiopia, Kenya" in text_of(state)
    process = text_of(views.render(ViewState(view="process", process="east_africa_dialogue_2002")))
    assert (
        "Stated membership 13" in process and "11 members, 0 observers" in process and "names 11" in process
    )
    rcm = text_of(views.render(ViewState(view="process", process="rcm")))
    assert "Linked processes" in rcm and "South American Conference on Migration" in rcm
    assert "Organizations" in rcm and "observer organizations such as UNHCR" in rcm
    assert "No state with the code ZZZ" in text_of(views.render(ViewState(view="state", state="ZZZ")))
    assert "Pick a state" in text_of(views.render(ViewState(view="state")))


def test_table_frames():
    vs = ViewState(view="state", state="KEN", process="midsa", pair=("apc", "apec"))
    for name in (
        "map",
        "process-map",
        "overlap",
        "shared-members",
        "co-membership",
        "centrality",
        "network-edges",
        "state-memberships",
        "co-members",
        "process-members",
    ):
        assert isinstance(views.table_frame(vs, name), pd.DataFrame), name
    assert views.table_frame(vs, "nope") is None


def test_safe_csv_neutralises_formulas():
    frame = pd.DataFrame(
        {"name": ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "plain", "\tTab"], "n": [1, -2, 3, 4, 5, 6]}
    )
    text = data.safe_csv(frame)
    assert text.splitlines() == [
        "name,n",
        "'=cmd|' /C calc'!A0,1",
        "'+1,-2",
        "'-2,3",
        "'@SUM(A1),4",
        "plain,5",
        "'\tTab,6",
    ]


def test_theme_filter_applies_to_every_view_and_themes_view_quotes():
    trafficking = ViewState(themes=("trafficking_smuggling",))
    G = analysis.graph(trafficking.graph_filter())
    processes = {n[1] for n in G if n[0] == "process"}
    assert {"bali_process", "midwa", "ecowas"} <= processes and "apec" not in processes
    cells = views.theme_cells(trafficking.with_changes(view="themes"))
    assert set(cells.theme) == {"trafficking_smuggling"} and set(cells.process_id) == processes & set(
        cells.process_id
    )
    out = views.render(trafficking.with_changes(view="themes", process="bali_process"))
    assert "Bali Process brings participants together to work on practical measures" in text_of(
        find(out, "theme-quotes")
    )


def test_whatif_panel_compares_real_and_hypothetical():
    vs = ViewState(view="state", state="THA", edits=(("+", "THA", "pidc"),))
    panel = views.render_whatif(vs)
    text = text_of(panel)
    assert "Adds Thailand to PIDC" in text and "centrality, real and what-if" in text
    assert "Overlap (Jaccard) of the changed processes" in text
    assert find(panel, ids.whatif_reset()) is not None
    assert views.render_whatif(ViewState(view="map")) == []
    plain = text_of(views.render_whatif(ViewState(view="state", state="THA")))
    assert "What if" in plain and "Undo" not in plain
    # The real profile is untouched by the hypothetical.
    real = views.table_frame(vs, "state-memberships")
    assert "pidc" not in set(real.process_id)


def test_state_profile_suggests_where_to_join():
    out = views.render(ViewState(view="state", state="KEN"))
    assert "2 of its 9 closest co-members are in MIDSA" in text_of(find(out, "join-panel"))


@pytest.mark.parametrize(
    ("view", "selection"),
    [
        ("process", {"process": "rcm"}),  # linked processes
        ("state", {"state": "MEX"}),  # where it could join
        ("network", {"focus": "state:MEX"}),  # the focused node's profile
        ("compare", {"processes": ("rcm", "sacm"), "states": ("MEX", "USA")}),  # ready comparisons
    ],
)
def test_in_app_links_keep_the_language_presenter_mode_and_filters(view, selection):
    from urllib.parse import parse_qs

    vs = ViewState(view=view, regions=("americas",), lang="fr", present=True, **selection)
    hrefs = [c.href for c in walk(views.render(vs)) if type(c).__name__ == "Link"]
    assert hrefs, view
    for href in hrefs:
        query = {k: v[0] for k, v in parse_qs(href.removeprefix("?")).items()}
        assert (query["lang"], query["present"], query["regions"]) == ("fr", "1", "americas"), href
        assert query["view"] in ("state", "process", "compare") and "focus" not in query, href


@pytest.mark.parametrize("view", VIEWS)
def test_a_view_declares_every_table_and_pickable_figure_it_shows(view):
    from rcpdash.ui.views import PICKS, REGISTRY, TABLES

    vs = ViewState(view=view, **SELECTED)
    out = views.render(vs)
    declared = REGISTRY[view]
    buttons = {getattr(c, "data-table", None) for c in walk(out)} - {None}
    assert buttons and buttons <= set(declared.tables), (view, buttons - set(declared.tables))
    picked = {
        c.id["name"]
        for c in walk(out)
        if isinstance(getattr(c, "id", None), dict) and c.id["type"] == ids.PICK
    }
    assert picked <= set(declared.picks), (view, picked - set(declared.picks))
    # The CSV download finds each of them by name, and sends what the view shows.
    for table in buttons:
        assert isinstance(TABLES[table](vs), pd.DataFrame), (view, table)
    assert set(PICKS) >= picked


def test_the_header_and_the_options_follow_the_view_declarations():
    from rcpdash.ui.views import OPTION_WRAPPERS, REGISTRY, VIEW_LABELS

    assert tuple(REGISTRY) == VIEWS
    assert VIEW_LABELS["state"] == "State profile"
    assert OPTION_WRAPPERS[ids.PROCESS_SELECT] == ("map", "process")
    assert OPTION_WRAPPERS[ids.METRIC_SELECT] == ("centrality",)
    assert [view for view, spec in REGISTRY.items() if spec.titled] == ["state", "process"]


# --------------------------------------------------------------------------------------------------
# What people read: names not ids, whole years, plurals, numbers in the language
# --------------------------------------------------------------------------------------------------


def test_co_members_name_their_shared_processes():
    table = tables_in(views.render(ViewState(view="state", state="CAN")))["co-members-table"]
    assert [h for h, _scope in table.headers] == ["State", "Shared processes", "Processes"]
    assert table.rows[0] == [
        "United States",
        "6",
        "APEC, Budapest Process, G8, NAFTA, RCM, Stability Pact for South-Ea…",
    ]
    ids = set(analysis.dataset().processes.process_id)
    cells = {name.strip() for row in table.rows for name in row[2].split(",")}
    assert not cells & ids  # no process_id such as "budapest_process" anywhere


def test_years_read_as_whole_numbers():
    text = text_of(views.render(ViewState(view="process", process="bali_process")))
    assert "cooperation (2004):" in text and not re.search(r"\b(19|20)\d\d\.0\b", text)
    # The process's memberships table: its Since column holds years, none with a ".0".
    table = tables_in(views.render(ViewState(view="process", process="budapest_process")))[
        "process-members-table"
    ]
    since = [row[[h for h, _s in table.headers].index("Since")] for row in table.rows]
    assert since and all(re.fullmatch(r"(19|20)\d\d|", y) for y in since)


def test_counted_texts_agree_with_their_number():
    assert "Mongolia: 2 processes" in text_of(views.render(ViewState(view="network", focus="state:MNG")))
    assert "Afghanistan: 1 process " in text_of(views.render(ViewState(view="network", focus="state:AFG")))
    lone = text_of(views.render(ViewState(view="network", focus="process:berne_initiative")))
    assert re.search(r": 1 state\b", lone) and not re.search(r"\b1 states\b|\b1 processes\b", lone)
    assert "Afghanistan takes part in 1 process under these filters and meets" in text_of(
        views.render(ViewState(view="state", state="AFG"))
    )
    canada = text_of(views.render(ViewState(view="state", state="CAN")))
    assert re.search(
        r"Canada takes part in 7 processes under these filters and meets \d+ other states", canada
    )
    french = text_of(views.render(ViewState(view="process", process="east_africa_dialogue_2002", lang="fr")))
    assert "11 membres, 0 observateur" in french  # French counts 0 as singular
    spanish = text_of(views.render(ViewState(view="process", process="east_africa_dialogue_2002", lang="es")))
    assert "11 miembros, 0 observadores" in spanish


def test_centrality_tables_round_and_write_numbers_in_the_language():
    vs = ViewState(view="centrality", metric="betweenness", top=10, lang="fr")
    table = next(t for t in tables_in(views.render(vs)).values() if t.rows)
    numbers = [cell for row in table.rows for cell in row if re.fullmatch(r"[\d\s\u202f,.]+", cell)]
    assert numbers and not any("." in n for n in numbers)  # French decimal comma
    assert all(len(n.split(",")[1].lstrip("0")) <= 3 for n in numbers if "," in n)  # 3 significant digits


def test_regions_view_lists_the_bridge_states():
    # What the report names (the reference memberships add the African states of the AU and the UMA).
    table = tables_in(views.render(ViewState(view="regions", sources="report")))["bridge-states-table"]
    assert table.caption == "Bridge states: in processes of two or more regions"
    assert [h for h, _scope in table.headers] == [
        "State",
        "Continent",
        "Regions of its processes",
        "Processes",
    ]
    assert [row[0] for row in table.rows] == [
        "United States", "Canada", "Mexico", "Japan", "Russian Federation", "Chile", "Peru", "Mongolia",
    ]  # fmt: skip
    assert table.rows[1] == ["Canada", "Americas", "Europe & Central Asia, Asia-Pacific, Americas", "7"]
    french = tables_in(views.render(ViewState(view="regions", lang="fr", sources="report")))[
        "bridge-states-table"
    ]
    assert french.rows[0][:3] == [
        "États-Unis",
        "Amériques",
        "Europe et Asie centrale, Asie-Pacifique, Amériques",
    ]
    assert "bridge-states" in views.REGISTRY["regions"].tables  # its CSV downloads
    nothing = text_of(find(views.render(ViewState(view="regions", kinds=("operation",))), "bridge-panel"))
    assert "No state sits in processes of two regions under these filters." in nothing


def test_titles_do_not_repeat_themselves():
    from rcpdash.ui.views.common import figure_title, in_sentence

    out = views.render(ViewState(view="timeline", year=1995))
    titles = [figure_title(c.figure) for c in walk(out) if getattr(c, "figure", None) is not None]
    assert "The network in 1995 · members only" in titles  # not "… · as of 1995" again
    assert all(t.count("1995") <= 1 for t in titles)
    overlap = find(views.render(ViewState(view="overlaps")), ids.pick("overlap")).figure
    assert figure_title(overlap).startswith("Process × process overlap: Jaccard index · ")
    with i18n.using("fr"):
        assert in_sentence("Indice de Jaccard") == "indice de Jaccard"
    regions = tables_in(views.render(ViewState(view="regions")))
    assert (
        regions["regions-table"].caption == "The measures per region"
    )  # the chart is "The regions side by side"
    map_table = tables_in(views.render(ViewState()))["map-table"]
    assert [h for h, _s in map_table.headers] == [
        "State",
        "Number of processes",
        "Processes",
        "From other sources than the report",
    ]


def test_the_state_matrix_follows_the_region_filter_and_says_so():
    """With Europe filtered out, the matrix left on Europe shows Africa's states, named in its title,
    with a note saying why; a matrix region the filter keeps is drawn as chosen, with no note."""
    out = views.render(ViewState(view="overlaps", regions=("africa",), cregion="europe_central_asia"))
    co = find(out, ids.pick("co-membership")).figure
    assert co.layout.title.text.startswith("State × state co-membership in Africa processes")
    assert find(out, "matrix-region-note").children == (
        "The region filter leaves out Europe & Central Asia, so the state × state matrix shows Africa. "
        "Tick Europe & Central Asia under Filters to see its states."
    )
    kept = views.render(ViewState(view="overlaps", regions=("africa", "americas"), cregion="americas"))
    assert find(kept, ids.pick("co-membership")).figure.layout.title.text.startswith(
        "State × state co-membership in Americas processes"
    )
    assert find(kept, "matrix-region-note") is None


def test_presenter_themes_show_the_twenty_most_themed_processes_legibly():
    """All 120 themed processes in the presenter's 680-pixel figure wrote their names over each other."""
    fig = find(views.render(ViewState(view="themes", present=True)), ids.pick("themes")).figure
    rows = {y for trace in fig["data"] if trace.get("y") is not None for y in trace["y"]}
    assert len(rows) == 20 and fig["layout"]["height"] == 680
    normal = find(views.render(ViewState(view="themes")), ids.pick("themes")).figure
    assert len({y for trace in normal.data if trace.y is not None for y in trace.y}) == 120
    assert "Only the 20 processes tied to the most themes are shown." in text_of(
        views.render(ViewState(view="themes", present=True))
    )
