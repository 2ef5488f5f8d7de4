"""The one-line headline of every view: exact words from known data, in EN/FR/ES."""

from __future__ import annotations

import pandas as pd
import pytest

from rcpdash import analysis, datasets, i18n
from rcpdash.ui import views
from rcpdash.ui.views import headlines
from rcpdash.urlstate import ViewState

from .ui_helpers import find

SHARED = pd.DataFrame(
    [[5, 3, 1, 0], [3, 4, 0, 3], [1, 0, 2, 0], [0, 3, 0, 3]],
    index=["a", "b", "c", "d"],
    columns=["a", "b", "c", "d"],
)
LABELS = {"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Mexico sits in 7 processes, more than any other state."),
        ("fr", "Mexique participe à 7 processus, plus que tout autre État."),
        ("es", "México participa en 7 procesos, más que cualquier otro Estado."),
    ],
)
def test_map_headline_names_the_state_in_the_most_processes(language, expected):
    names = {"en": "Mexico", "fr": "Mexique", "es": "México"}
    with i18n.using(language):
        assert headlines.map_headline({names[language]: 7, "Chile": 3, "Peru": 1}) == expected


def test_map_headline_plurals_ties_and_equal_counts():
    assert headlines.map_headline({"Aland": 1, "Borduria": 0}) == (
        "Aland sits in 1 process, more than any other state."
    )
    with i18n.using("es"):
        assert headlines.map_headline({"Aland": 1, "Borduria": 0}) == (
            "Aland participa en 1 proceso, más que cualquier otro Estado."
        )
    tie = {"Dunland": 4, "Carpania": 4, "Borduria": 4, "Aland": 4, "Elbonia": 2}
    assert headlines.map_headline(tie) == (
        "Aland, Borduria, Carpania and 1 more sit in 4 processes each, more than any other state."
    )
    with i18n.using("fr"):
        assert headlines.map_headline({"Élbonie": 2, "Aland": 2, "Borduria": 1}) == (
            "Aland et Élbonie participent chacun à 2 processus, plus que tout autre État."
        )
    assert headlines.map_headline({"Aland": 2, "Borduria": 2}) == "Every state shown sits in 2 processes."
    assert headlines.map_headline({}) == ""


def test_overlap_headline_names_the_pair_sharing_the_most_states():
    # a–b and b–d both share 3: the first pair is named, the other counted.
    assert headlines.overlap_headline(SHARED, LABELS) == (
        "Alpha and Beta share 3 states. 1 other pair shares as many."
    )
    with i18n.using("fr"):
        assert headlines.overlap_headline(SHARED, LABELS) == (
            "Alpha et Beta ont 3 États en commun. 1 autre paire en a autant."
        )
    one = SHARED.loc[["a", "b", "c"], ["a", "b", "c"]]
    assert headlines.overlap_headline(one, LABELS) == (
        "Alpha and Beta share 3 states, more than any other pair of processes."
    )
    with i18n.using("fr"):
        assert headlines.overlap_headline(one, LABELS) == (
            "Alpha et Beta ont 3 États en commun, plus que toute autre paire de processus."
        )
    with i18n.using("es"):
        assert headlines.overlap_headline(SHARED.loc[["a", "c"], ["a", "c"]], LABELS) == (
            "Alpha y Gamma comparten 1 Estado, más que cualquier otro par de procesos."
        )
    apart = SHARED.loc[["c", "d"], ["c", "d"]]
    assert headlines.overlap_headline(apart, LABELS) == "No two of the processes shown share a state."


def test_centrality_headline_ranks_without_raw_numbers():
    frame = pd.DataFrame({"name": ["Kenya", "Uganda", "Djibouti"], "betweenness": [0.4213, 0.3, 0.1]})
    assert headlines.centrality_headline(frame, "betweenness", "betweenness (brokerage)", True) == (
        "By betweenness (brokerage), Kenya ranks first among the states, ahead of Uganda and Djibouti."
    )
    with i18n.using("fr"):
        assert headlines.centrality_headline(frame, "betweenness", "intermédiarité", True) == (
            "Selon le critère « intermédiarité », Kenya arrive en tête des États, devant Uganda et Djibouti."
        )
    tied = frame.assign(betweenness=[0.5, 0.5, 0.1])
    with i18n.using("es"):
        assert headlines.centrality_headline(tied, "betweenness", "intermediación", False) == (
            "Según «intermediación», Kenya y Uganda comparten el primer lugar entre los procesos."
        )


def test_network_regions_timeline_themes_and_process_headlines():
    assert headlines.network_headline({"AU": 53, "EU": 25}, {"Kenya": 7, "Uganda": 7, "Chad": 2}) == (
        "AU gathers the most states: 53. Kenya and Uganda sit in the most processes: 7 each."
    )
    assert headlines.process_network_headline({"Budapest Process": 75, "APC": 40}) == (
        "Budapest Process shares states with more processes than any other: 75."
    )
    assert headlines.regions_headline({"Africa": 17, "Americas": 12}) == (
        "Africa has 17 processes, more than any other region."
    )
    with i18n.using("es"):
        assert headlines.regions_headline({"África": 1}) == "África: 1 proceso con estos filtros."
    growth = {1989: 1, 1990: 2, 1995: 6, 2001: 9}
    assert headlines.timeline_headline(growth, None) == (
        "The 1990s added the most processes: 5 of the 9 standing in 2001."
    )
    with i18n.using("fr"):
        assert headlines.timeline_headline(growth, 1995) == "En 1995, 6 processus existaient."
        assert headlines.timeline_headline(growth, 1989) == "En 1989, 1 processus existait."
    assert headlines.themes_headline({"trafficking": 9, "labour migration": 4}) == (
        "Most processes work on trafficking: 9."
    )
    assert headlines.process_headline("MIDSA", 14, {"AU": 14, "SADC": 14, "APC": 1}) == (
        "MIDSA has 14 member states under these filters. It shares the most with AU and SADC: 14 states."
    )
    with i18n.using("fr"):
        assert headlines.process_headline("P1", 1, {}) == "P1 compte 1 État membre avec ces filtres."
    assert headlines.process_map_headline("MIDSA", 14, 2) == (
        "MIDSA has 14 member states under these filters. 2 more states observe it."
    )


def _headline(vs: ViewState) -> str:
    found = find(views.render(vs), "view-headline")
    return found.children if found is not None else ""


def test_every_view_has_a_headline_computed_from_what_it_shows():
    """On the report's data, each headline agrees with the numbers the view draws."""
    for view in ("map", "overlaps", "centrality", "network", "regions", "timeline", "themes"):
        assert _headline(ViewState(view=view)), view
    assert _headline(ViewState(view="state", state="KEN")).startswith("Kenya takes part in 7 processes")
    assert _headline(ViewState(view="process", process="midsa")).startswith(
        "MIDSA has 14 member states under these filters."
    )
    # The map: the state(s) in the most processes under the filters, read off the graph itself.
    vs = ViewState(regions=("africa",))
    with datasets.sources_in_use(vs.sources):
        G = analysis.graph(vs.graph_filter())
    degrees = {n[1]: d for n, d in G.degree() if n[0] == "state"}
    top = max(degrees.values())
    assert top == 13
    assert [iso for iso, d in degrees.items() if d == top] == ["COD"]
    assert (
        _headline(vs) == "Democratic Republic of the Congo sits in 13 processes, more than any other state."
    )
    with i18n.using("fr"):
        assert _headline(vs.with_changes(lang="fr")) == (
            "République démocratique du Congo participe à 13 processus, plus que tout autre État."
        )
    # The timeline at a year counts the processes standing then, as its growth chart does.
    with datasets.sources_in_use(vs.sources):
        standing = analysis.growth(ViewState(year=1995).graph_filter())
    n_1995 = int(standing[standing.year == 1995].processes.sum())
    assert _headline(ViewState(view="timeline", year=1995)) == f"In 1995, {n_1995} processes existed."


def test_the_compare_and_then_and_now_views_open_with_their_answer():
    """The compare view's lead sentence is its headline; "Then and now" counts who is newly listed since 2005
    (Budapest 24, Bali 11, Söderköping 3, SACM 2: a state in a process the report did not list it in)."""
    assert _headline(ViewState(view="changes")) == (
        "The 2013 edition adds 40 listings the 2005 report did not have: a state in a process, as member, "
        "observer or partner."
    )
    with i18n.using("es"):
        assert _headline(ViewState(view="changes", lang="es")) == (
            "La edición de 2013 añade 40 inscripciones que el informe de 2005 no tenía: un Estado en un proceso, "
            "como miembro, observador o socio."
        )
    lead = find(
        views.render(ViewState(view="compare", processes=("ecowas", "midwa"))), "compare-processes-sentence"
    )
    assert "headline" in lead.className.split()
    assert lead.children.startswith("16 states belong to at least one of these processes")
