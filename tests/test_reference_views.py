"""Reference memberships where people read them (issue 19, points 3 and 4): every row says its source,
the process profile counts what the report names, and the overlap view's ready selection of Africa's
regional economic communities.

Exact values are those of data/ (the report and data/reference_memberships.csv); the counts by year
are checked against the sources in tests/test_reference_data.py.
"""

from __future__ import annotations

from dataclasses import asdict

import networkx as nx
import pandas as pd
import pytest

from rcpdash import analysis, datasets, metrics, queries
from rcpdash.network import GraphFilter
from rcpdash.ui import views
from rcpdash.ui.callbacks import download_csv
from rcpdash.ui.views.common import Linked, source_cells, table_markup
from rcpdash.urlstate import ViewState, parse_query, to_query
from tests.ui_helpers import find, tables_in, text_of, walk

EAC_TREATY = "Treaty for the Establishment of the East African Community Act (Cap. 4C)"
EAC_TREATY_URL = "http://www.kenyalaw.org:8181/exist/kenyalex/actview.xql?actid=CAP.%204C"
EEC = "European Economic Community (1957-1986), map and caption"
ENLARGEMENT = "History of Enlargement (UK Government text on the 2004 enlargement)"


def _kenya_2005() -> pd.DataFrame:
    with datasets.sources_in_use("all"):
        return queries.state_memberships(datasets.dataset(), analysis.graph(GraphFilter(year=2005)), "KEN")


# --------------------------------------------------------------------------------------------------
# Every row names its source
# --------------------------------------------------------------------------------------------------


def test_a_states_rows_name_their_source_title_url_and_the_name_as_listed():
    rows = _kenya_2005().set_index("process_id")
    assert list(rows.index) == ["au", "comesa", "eac", "igad", "east_africa_dialogue_2002"]
    assert rows.loc["eac", ["source_id", "source", "source_url", "name_in_source"]].tolist() == [
        "kenyalaw_eac",
        EAC_TREATY,
        EAC_TREATY_URL,
        "the Republic of Kenya",
    ]
    assert pd.isna(rows.loc["eac", "source_line"])
    # The report's own row keeps its quote and its line, and names the report.
    report = rows.loc["east_africa_dialogue_2002"]
    assert (report["source_id"], int(report["source_line"]), report["name_in_source"]) == (
        "iom2005",
        2883,
        "",
    )
    assert report["source"] == "Interstate Cooperation and Migration (Berne Initiative Studies)"


def test_the_source_cell_says_from_which_source_never_the_report_for_a_reference_row():
    rows = _kenya_2005()
    cells = dict(zip(rows["process_id"], source_cells(rows), strict=True))
    assert cells["eac"] == Linked(f"from {EAC_TREATY}, listed as “the Republic of Kenya”", EAC_TREATY_URL)
    assert cells["east_africa_dialogue_2002"] == "Report, line 2883"
    markup = table_markup(rows.assign(cited=source_cells(rows)), {"cited": "Source"}, "c", "c")
    assert f'<a href="{EAC_TREATY_URL}" rel="noopener noreferrer">from {EAC_TREATY}' in markup


def test_a_report_row_whose_years_come_from_a_reference_says_so():
    with datasets.sources_in_use("all"):
        members = queries.process_members(datasets.dataset(), analysis.graph(GraphFilter()), "eu")
    austria = members[members["iso3"] == "AUT"]
    assert source_cells(austria) == [f"Report, line 328 · years from {ENLARGEMENT}"]


def test_the_state_profile_table_shows_the_source_and_translates_its_words():
    table = tables_in(views.render(ViewState(view="state", state="KEN", year=2005)))[
        "state-memberships-table"
    ]
    assert [h for h, _s in table.headers] == ["Process", "Role", "Since", "Until", "Source", "Source quote"]
    eac = next(row for row in table.rows if row[0] == "East African Cooperation")
    assert eac[4] == f"from {EAC_TREATY}, listed as “the Republic of Kenya”"
    french = tables_in(views.render(ViewState(view="state", state="KEN", year=2005, lang="fr")))
    eac_fr = next(r for r in french["state-memberships-table"].rows if r[0] == "East African Cooperation")
    assert eac_fr[4] == f"selon {EAC_TREATY}, sous le nom « the Republic of Kenya »"


def test_the_csv_of_a_process_names_each_rows_source():
    sent = download_csv(
        {"table": "process-members", "at": 1}, asdict(ViewState(view="process", process="eu"))
    )
    frame = pd.read_csv(pd.io.common.StringIO(sent["content"]), keep_default_na=False).set_index("iso3")
    assert len(frame) == 25
    assert frame.loc["FIN", ["source_id", "source", "name_in_source"]].tolist() == [
        "eu_enlargement_history",
        ENLARGEMENT,
        "Finland",
    ]
    assert frame.loc["FIN", "source_url"] == "https://loprzeworsk.pl/index.php/en/history-of-enlargement"
    assert frame.loc["AUT", ["source_id", "source_line", "years_from"]].tolist() == [
        "iom2005",
        "328",
        ENLARGEMENT,
    ]
    assert frame["source_id"].value_counts().to_dict() == {
        "eu_enlargement_history": 15,
        "iom2005": 9,
        "ghdi_eec": 1,
    }


def test_the_map_hover_names_the_publisher_of_memberships_the_report_does_not_name():
    with datasets.sources_in_use("all"):
        frame = queries.map_counts(
            analysis.full_graph(),
            analysis.graph_incidence(GraphFilter(year=2005)),
            analysis.reference_labels(),
        )
    kenya = frame.set_index("iso3").loc["KEN"]
    assert kenya["value"] == 5
    assert kenya["from_sources"] == (
        "AU (World Population Review), COMESA (Wikipedia), EAC (Kenya Law (kenyalaw.org)), "
        "IGAD (IGAD Centre for Pastoral Areas and Livestock Development (icpald.org))"
    )
    figure = views.render(ViewState(year=2005))
    graph = find(figure, {"type": "pick", "name": "map"})
    traces = graph.figure.to_plotly_json()["data"]
    hovers = [row[4] for trace in traces for row in trace.get("customdata", []) if row[0] == "KEN"]
    assert hovers == [
        "<br><i>From other sources than the report: AU (World Population Review),<br>"
        "COMESA (Wikipedia), EAC (Kenya Law (kenyalaw.org)),<br>"
        "IGAD (IGAD Centre for Pastoral Areas and Livestock Development (icpald.org))</i>"
    ]


def test_only_what_the_report_names_marks_nothing():
    with datasets.sources_in_use("report"):
        assert analysis.reference_labels() == {}
        frame = queries.map_counts(analysis.full_graph(), analysis.graph_incidence(GraphFilter()))
    assert frame.set_index("iso3").loc["KEN", ["value", "from_sources"]].tolist() == [1, ""]


# --------------------------------------------------------------------------------------------------
# The process profile
# --------------------------------------------------------------------------------------------------


def _note(vs: ViewState) -> str:
    """The reference note of a profile as a person reads it (its text and its links' text, joined)."""
    notes = [c for c in walk(views.render(vs)) if getattr(c, "className", None) == "reference-note"]
    return "".join(c for c in walk(notes) if isinstance(c, str))


def test_the_process_profile_says_how_many_members_the_report_names_and_where_the_others_come_from():
    assert _note(ViewState(view="process", process="eu", year=2005)) == (
        f"EU: the report names 9 of its 25 member states in 2005; the other 16 come from {EEC}; {ENLARGEMENT}."
    )
    assert _note(ViewState(view="process", process="ecowas")) == (
        "ECOWAS: the report names 13 of its 16 member states over the years; the other 3 come from "
        "ECOWAS (organization profile)."
    )
    assert _note(ViewState(view="process", process="ecowas", year=2005, lang="fr")) == (
        "ECOWAS : le rapport nomme 13 de ses 15 États membres en 2005 ; les 2 autres viennent de "
        "ECOWAS (organization profile)."
    )
    # A process whose members the report names in full says nothing.
    assert _note(ViewState(view="process", process="rcm")) == ""


def test_counting_only_the_report_the_profile_says_how_many_more_the_sources_list():
    vs = ViewState(view="process", process="cis", sources="report")
    assert _note(vs) == "CIS: reference sources list 9 more member states over the years. Count them too"
    count_them = next(c for c in walk(views.render(vs)) if getattr(c, "children", None) == "Count them too")
    assert count_them.href == "?view=process&process=cis"
    # "States the report names" counts the report's rows whatever the sources filter says.
    for sources in ("report", "all"):
        facts = text_of(views.render(ViewState(view="process", process="cis", sources=sources)))
        assert "States the report names 3 members, 0 observers" in facts


# --------------------------------------------------------------------------------------------------
# Africa's regional economic communities
# --------------------------------------------------------------------------------------------------

RECS = ViewState(view="overlaps", selection="african_recs", year=2005)


def test_memberships_within_counts_each_states_processes_of_a_selection():
    G = nx.Graph()
    G.add_nodes_from([("state", "A"), ("state", "B"), ("state", "C")], name="x")
    nx.set_node_attributes(
        G, {("state", "A"): "Alpha", ("state", "B"): "Beta", ("state", "C"): "Gamma"}, "name"
    )
    G.add_edges_from(
        [
            (("state", "A"), ("process", "p")),
            (("state", "A"), ("process", "q")),
            (("state", "B"), ("process", "q")),
            (("state", "C"), ("process", "r")),  # r is not selected: C is left out
        ]
    )
    frame = metrics.memberships_within(G, ["q", "p", "missing"])
    assert frame.to_dict("records") == [
        {"iso3": "A", "name": "Alpha", "count": 2, "processes": "p;q"},
        {"iso3": "B", "name": "Beta", "count": 1, "processes": "q"},
    ]
    assert metrics.memberships_within(G, []).empty


def test_the_selection_is_in_the_link():
    assert to_query(RECS) == "?view=overlaps&year=2005&selection=african_recs"
    assert parse_query("?view=overlaps&selection=african_recs")[0].selection == "african_recs"
    vs, messages = parse_query("?view=overlaps&selection=asia")
    assert vs.selection is None
    assert messages == ["Ignored the selection 'asia' in the link: expected one of african_recs."]


def test_the_selection_counts_states_by_how_many_recs_they_belong_to():
    counts = views.table_frame(RECS, "selection-counts").set_index("iso3")
    assert counts["count"].value_counts().to_dict() == {1: 27, 2: 20, 3: 5, 4: 1}
    assert counts.loc["KEN", ["count", "processes"]].tolist() == [3, "COMESA, EAC, IGAD"]
    assert counts.loc["COD", ["count", "processes"]].tolist() == [4, "CEEAC, COMESA, GEPLG, SADC"]
    sentence = text_of(find(views.render(RECS), "selection-sentence"))
    assert sentence == (
        "Africa's regional economic communities: 53 states belong to them under these filters. How many of "
        "them each belongs to: in 4: 1 state; in 3: 5 states; in 2: 20 states; in 1: 27 states. In the most: "
        "Democratic Republic of the Congo sits in 4: CEEAC, COMESA, GEPLG, SADC."
    )
    # Only what the report names: no state sits in two.
    report = views.table_frame(
        ViewState(view="overlaps", selection="african_recs", sources="report"), "selection-counts"
    )
    assert (len(report), int(report["count"].max())) == (21, 1)


def test_the_selection_restricts_the_heatmap_and_its_csv_to_the_recs():
    matrix = views.table_frame(RECS, "overlap")
    assert set(matrix["process_id"]) == {
        "ecowas",
        "uemoa",
        "sadc",
        "comesa",
        "eac",
        "igad",
        "eccas",
        "uma",
        "economic_community_great_lakes",
    }
    page = views.render(RECS)
    graph = find(page, {"type": "pick", "name": "overlap"})
    assert len(graph.figure["layout"]["yaxis"]["ticktext"]) == 9
    # Without the selection the heatmap shows every process of three or more states.
    assert len(views.table_frame(ViewState(view="overlaps", year=2005), "overlap")) > 30


def test_the_selection_bar_links_to_the_selection_and_back():
    plain = views.render(ViewState(view="overlaps"))
    bar = find(plain, "selection-bar")
    links = [c for c in bar.children if getattr(c, "href", None)]
    assert [(c.children, c.href) for c in links] == [
        ("Africa's regional economic communities", "?view=overlaps&cregion=africa&selection=african_recs")
    ]
    chosen = find(views.render(RECS), "selection-bar")
    back = [c for c in chosen.children if getattr(c, "href", None)]
    assert [(c.children, c.href) for c in back] == [("Show every process", "?view=overlaps&year=2005")]


def test_a_selection_filtered_away_says_so():
    vs = ViewState(view="overlaps", selection="african_recs", regions=("europe_central_asia",))
    text = text_of(views.render(vs))
    assert "Africa's regional economic communities: none has 3 or more states under these filters." in text
    assert (
        "Africa's regional economic communities: no state belongs to any of them under these filters." in text
    )


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_selection_speaks_every_language(lang):
    sentence = text_of(find(views.render(RECS.with_changes(lang=lang)), "selection-sentence"))
    expected = {
        "fr": "Communautés économiques régionales d’Afrique : 53 États en font partie avec ces filtres.",
        "es": "Comunidades económicas regionales de África: 53 Estados pertenecen a ellas con estos filtros.",
    }[lang]
    assert sentence.startswith(expected)
