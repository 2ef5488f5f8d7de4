"""Presenter mode and tours in the UI: rcpdash.ui.presenter's functions and the thin callbacks of
rcpdash.ui.tour_callbacks, called with plain values."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict

from dash import no_update

import app  # noqa: F401  (registers the callbacks on the one app)
from rcpdash import tours
from rcpdash.tours import Tour, TourStep
from rcpdash.ui import ids, presenter
from rcpdash.ui.callbacks import reduce_state, render_view
from rcpdash.ui.layout import build_layout
from rcpdash.ui.scope import known_ids
from rcpdash.ui.tour_callbacks import edit_own_tour, navigate, save_tour, show_own_tour, show_tour
from rcpdash.ui.views import OPTION_WRAPPERS
from rcpdash.urlstate import VIEWS, ViewState

from .ui_helpers import find, text_of, triggered

OWN = Tour(
    "Mine", (TourStep("?view=regions", "Regions", "Side by side."), TourStep("?", "Map", ""))
).to_dict()
NEXT, PREVIOUS, LAST = ids.tour_nav("next"), ids.tour_nav("previous"), ids.tour_nav("last")


def _navigate(trigger, search, own=None):
    return presenter.navigate(trigger, search, own, *known_ids())


def test_present_button_and_exit_write_the_url():
    assert _navigate(ids.PRESENT_TOGGLE, "?view=regions") == "?view=regions&present=1"
    assert _navigate(ids.PRESENT_EXIT, "?view=regions&present=1&tour=default&step=2") == (
        "?view=regions&tour=default&step=2"
    )
    assert _navigate(ids.TOUR_END, "?view=regions&present=1&tour=default&step=2") == "?view=regions&present=1"


def test_starting_a_tour_opens_its_first_step_in_presenter_mode():
    assert (
        _navigate(ids.TOUR_START_DEFAULT, "?view=themes&year=2000")
        == "?present=1&tour=default&step=1&sources=report"
    )
    assert _navigate(ids.TOUR_START_OWN, "?", OWN) == "?view=regions&present=1&tour=own&step=1"
    assert _navigate(ids.TOUR_START_OWN, "?", None) is None  # nothing to present
    assert (
        _navigate(ids.TOUR_START_DEFAULT, "?lang=fr")
        == "?present=1&tour=default&step=1&lang=fr&sources=report"
    )
    assert _navigate(NEXT, "?present=1&tour=default&step=8&lang=es") == (
        "?view=network&focus=state:CAN&present=1&tour=default&step=9&lang=es&sources=report"
    )


def test_stepping_the_default_tour():
    search = "?present=1&tour=default&step=1&sources=report"
    step2 = (
        "?regions=europe_central_asia&process=budapest_process&present=1&tour=default&step=2&sources=report"
    )
    assert _navigate(NEXT, search) == step2
    assert _navigate(PREVIOUS, step2) == "?present=1&tour=default&step=1&sources=report"
    assert (
        _navigate(LAST, search)
        == "?view=network&focus=state:CAN&present=1&tour=default&step=9&sources=report"
    )
    assert (
        _navigate(NEXT, "?view=network&focus=state:CAN&tour=default&step=9&sources=report") is None
    )  # the end stops
    assert _navigate(PREVIOUS, "?tour=default&step=1&sources=report") is None
    # The presenter changed a filter on step 2: "previous" on step 1 is no-op, but the same step's view
    # comes back when its own step is asked for again (first on step 1).
    assert (
        _navigate(ids.tour_nav("first"), "?year=2000&tour=default&step=1")
        == "?tour=default&step=1&sources=report"
    )
    assert _navigate(NEXT, "?view=map") is None  # no tour named


def test_tour_bar_shows_step_title_and_caption():
    vs = ViewState(view="regions", tour="default", step=6)
    bar = presenter.tour_bar_content(vs, None, *known_ids())
    assert bar == {
        "hidden": False,
        "name": "A walk through the report",
        "counter": "Step 6 of 9",
        "title": "The four regions side by side",
        "caption": tours.default_tour().steps[5].caption,
        "disabled": [False, False, False, False],
    }
    first = presenter.tour_bar_content(ViewState(tour="own", step=1), OWN)
    assert (first["name"], first["counter"], first["title"], first["caption"]) == (
        "Mine",  # a presenter's own title, shown as written beside the counter
        "Step 1 of 2",
        "Regions",
        "Side by side.",
    )
    assert first["disabled"] == [True, True, False, False]
    assert presenter.tour_bar_content(ViewState(tour="own", step=7), OWN)["disabled"] == [
        False,
        False,
        True,
        True,
    ]
    assert presenter.tour_bar_content(ViewState(), OWN)["hidden"] is True
    assert presenter.tour_bar_content(ViewState(tour="own", step=1), None)["hidden"] is True  # empty own tour


def test_show_tour_callback_sets_presenter_class_and_bar():
    data = asdict(ViewState(view="regions", present=True, tour="default", step=6))
    root, hidden, counter, title, caption, *disabled, name = show_tour(data, None)
    assert name == "A walk through the report"
    assert (root, hidden, counter, title) == (
        "app app--present app--touring",
        False,
        "Step 6 of 9",
        "The four regions side by side",
    )
    assert caption == tours.default_tour().steps[5].caption
    assert disabled == [False, False, False, False]
    assert show_tour(asdict(ViewState()), None)[:3] == ("app", True, "")


def test_navigate_callback_ignores_buttons_that_appear():
    with triggered(NEXT, "n_clicks", None):
        assert (
            navigate(None, None, None, None, None, [None] * 4, "?tour=default&step=1&sources=report", None)
            is no_update
        )
    with triggered(NEXT, "n_clicks", 1):
        out = navigate(
            None, None, None, None, None, [None, None, 1, None], "?tour=default&step=1&sources=report", None
        )
    assert out == "?regions=europe_central_asia&process=budapest_process&tour=default&step=2&sources=report"
    with triggered(ids.PRESENT_EXIT, "n_clicks", 1):
        assert navigate(None, 1, None, None, None, [None] * 4, "?present=1", None) == "?"


def test_add_this_view_then_move_remove_and_clear():
    search = "?view=centrality&metric=betweenness&present=1&tour=default&step=8&sources=report"
    with triggered(ids.TOUR_ADD, "n_clicks", 1):
        data, message, upload = edit_own_tour(
            1, [], None, None, None, search, " Brokers ", "Who bridges.", None
        )
    assert (
        data
        == Tour(
            "My tour",
            (TourStep("?view=centrality&metric=betweenness&sources=report", "Brokers", "Who bridges."),),
        ).to_dict()
    )
    assert text_of(message) == "Added step 1: Brokers." and upload is no_update
    with triggered(ids.TOUR_ADD, "n_clicks", 2):
        data, message, _ = edit_own_tour(2, [], None, None, data, "?view=regions", "", "", None)
    assert [s["title"] for s in data["steps"]] == [
        "Brokers",
        "Regions",
    ]  # an untitled step takes the view's name
    up = ids.tour_edit("up", 1)
    with triggered(up, "n_clicks", 1):
        data, message, _ = edit_own_tour(2, [None, None, 1], None, None, data, "?", "", "", None)
    assert [s["title"] for s in data["steps"]] == ["Regions", "Brokers"] and message == []
    with triggered(ids.tour_edit("remove", 0), "n_clicks", 1):
        data, message, _ = edit_own_tour(2, [1], None, None, data, "?", "", "", None)
    assert [s["title"] for s in data["steps"]] == ["Brokers"] and text_of(message) == "Removed step 1."
    with triggered(ids.tour_edit("remove", 0), "n_clicks", None):  # the list re-drawn: not a click
        assert edit_own_tour(2, [None], None, None, data, "?", "", "", None) == (no_update,) * 3
    with triggered(ids.TOUR_CLEAR, "submit_n_clicks", 1):
        assert edit_own_tour(2, [], 1, None, data, "?", "", "", None)[0] is None


def _upload(raw: bytes) -> str:
    return "data:application/json;base64," + base64.b64encode(raw).decode()


def test_loading_a_file_replaces_the_tour_and_a_bad_file_keeps_it():
    good = _upload(json.dumps(OWN).encode())
    with triggered(ids.TOUR_UPLOAD, "contents", good):
        data, message, upload = edit_own_tour(None, [], None, good, None, "?", "", "", "mine.json")
    assert data == OWN and text_of(message) == "Loaded “Mine”: 2 steps." and upload is None
    bad = _upload(b'{"steps": [{"title": "x", "query": "?view=slides"}]}')
    with triggered(ids.TOUR_UPLOAD, "contents", bad):
        data, message, upload = edit_own_tour(None, [], None, bad, OWN, "?", "", "", "broken.json")
    assert data is no_update and upload is None
    assert [text_of(p) for p in message] == [
        "broken.json was not loaded; your tour is unchanged.",
        "Step 1: Ignored the view 'slides' in the link: expected one of map, overlaps, centrality, network, "
        "regions, timeline, changes, themes, compare, state, process.",
    ]


def test_a_tour_naming_other_data_is_kept_whole():
    # Made on an uploaded dataset (state "ZZZ"), shown while the report's data is served.
    data = Tour("Upload", (TourStep("?view=state&state=ZZZ", "Zed", ""),)).to_dict()
    assert presenter.own_tour(data).steps == (TourStep("?view=state&state=ZZZ", "Zed", ""),)
    with triggered(ids.TOUR_ADD, "n_clicks", 1):
        stored, _message, _upload = edit_own_tour(1, [], None, None, data, "?view=regions", "R", "", None)
    assert [s["query"] for s in stored["steps"]] == ["?view=state&state=ZZZ", "?view=regions"]


def test_a_tampered_store_reads_as_an_empty_tour():
    assert presenter.own_tour({"steps": "nonsense"}) == tours.EMPTY
    items, start_disabled, save_disabled, _title = show_own_tour(
        {"steps": [{"title": "x", "query": "?view=nope"}]}
    )
    assert (start_disabled, save_disabled) == (True, True)
    assert text_of(items) == "No steps yet: pick a view, then press “Add this view”."


def test_step_list_has_buttons_for_each_step():
    items, start_disabled, save_disabled, _title = show_own_tour(OWN)
    assert (start_disabled, save_disabled) == (False, False)
    assert len(items) == 2
    assert find(items, ids.tour_edit("up", 0)).disabled is True
    assert find(items, ids.tour_edit("down", 1)).disabled is True
    assert find(items, ids.tour_edit("down", 0)).disabled is False
    assert text_of(items[0]) == "Regions  — Side by side. ?view=regions ↑ ↓ Remove"


def test_save_sends_the_tour_as_json():
    payload = save_tour(1, OWN)
    assert payload["filename"] == "rcpdash-tour.json" and payload["type"] == "application/json"
    assert json.loads(payload["content"]) == {**OWN, "format": "rcpdash-tour", "version": 1}
    assert save_tour(1, None) is no_update
    assert save_tour(None, OWN) is no_update


def test_presenter_mode_renders_large_figures_and_links_keep_it():
    content, *rest = render_view(asdict(ViewState(view="centrality", present=True, tour="default", step=8)))
    figure = find(content, ids.pick("centrality")).figure
    assert figure["layout"]["template"]["layout"]["font"]["size"] == 22
    hrefs = rest[len(OPTION_WRAPPERS) : len(OPTION_WRAPPERS) + len(VIEWS)]
    assert hrefs[VIEWS.index("regions")] == "?view=regions&present=1"  # leaves the tour, keeps presenting
    plain, *_ = render_view(asdict(ViewState(view="centrality")))
    assert find(plain, ids.pick("centrality")).figure.layout.font.size is None  # the usual template


def test_layout_has_the_presenter_entry_points():
    layout = build_layout()
    assert text_of(find(layout, ids.PRESENT_TOGGLE)) == "Present"
    assert (
        find(layout, ids.TOUR_START_DEFAULT).children
        == "Present the tour “A walk through the report” (9 steps)"
    )
    assert find(layout, ids.TOUR_BAR).hidden is True
    assert find(layout, ids.OWN_TOUR).storage_type == "local"
    assert [find(layout, ids.tour_nav(a)).children for a in ("first", "previous", "next", "last")] == [
        "◀◀ First",
        "◀ Previous",
        "Next ▶",
        "Last ▶▶",
    ]


def test_opening_a_bare_tour_step_link_shows_that_steps_view():
    """`?tour=default&step=2&present=1` (a bookmark) opens step 2's view, and the URL says so."""
    vs, messages = reduce_state(None, "?tour=default&step=2&present=1", {}, None, None)
    assert messages == []
    assert (vs.view, vs.regions, vs.process) == ("map", ("europe_central_asia",), "budapest_process")
    assert (vs.present, vs.tour, vs.step) == (True, "default", 2)


def test_a_presenter_titles_their_own_tour():
    """The title typed in the tour panel names the tour on its first step and renames it after; the
    presenter's counter line shows it."""
    with triggered(ids.TOUR_ADD, "n_clicks", 1):
        data, message, _ = edit_own_tour(
            1, [], None, None, None, "?view=regions", "", "", None, "  Budget   talk "
        )
    assert data["title"] == "Budget talk" and [s["title"] for s in data["steps"]] == ["Regions"]
    renamed, message, changed = presenter.rename_own_tour(data, "Cabinet briefing, 4 May")
    assert changed and renamed["title"] == "Cabinet briefing, 4 May"
    assert message == ["Your tour is now called “Cabinet briefing, 4 May”."]
    assert presenter.rename_own_tour(renamed, "  ") == (renamed, [], False)  # a blank field keeps it
    assert presenter.rename_own_tour(None, "Nothing yet") == (None, [], False)  # no steps: kept for the first
    assert presenter.rename_own_tour(renamed, 1.5e308) == (renamed, [], False)  # not text: refused quietly
    assert presenter.rename_own_tour(renamed, "x" * 100)[0]["title"] == "x" * tours.MAX_TITLE_CHARS
    bar = presenter.tour_bar_content(ViewState(tour="own", step=1), renamed)
    assert (bar["name"], bar["counter"], bar["title"]) == (
        "Cabinet briefing, 4 May",
        "Step 1 of 1",
        "Regions",
    )
    _items, start_disabled, save_disabled, shown_title = show_own_tour(renamed)
    assert shown_title == "Cabinet briefing, 4 May" and not start_disabled and not save_disabled
