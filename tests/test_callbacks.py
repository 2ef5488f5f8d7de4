"""Callbacks called directly with plain values (the @callback decorator returns the function)."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import pytest
from dash import no_update

import app  # noqa: F401  (registers the callbacks on the one app)
from app import server
from rcpdash.ui import ids
from rcpdash.ui.callbacks import (
    download_csv,
    filter_agreement,
    page_layout,
    reduce_state,
    render_view,
    stored_state,
    sync_state,
)
from rcpdash.ui.controls import CONTROLS, control_values, state_from_controls
from rcpdash.ui.views import OPTION_WRAPPERS, apply_pick
from rcpdash.urlstate import DEFAULT, VIEWS, ViewState, to_query

from .ui_helpers import find, text_of, triggered


def _values(vs: ViewState) -> dict:
    return {control.id: value for control, value in zip(CONTROLS, control_values(vs), strict=True)}


def test_controls_round_trip():
    vs = ViewState(
        view="centrality",
        regions=("asia_pacific", "africa"),
        kinds=("rcp", "forum"),
        roles="all",
        year=2001,
        metric="closeness",
        side="process",
        top=30,
        measure="shared",
        cregion="africa",
        state="KEN",
        process="apc",
    )
    assert control_values(vs)[3] == "2001" and control_values(DEFAULT)[3] == "all"
    assert state_from_controls(_values(vs), ViewState(view="centrality")) == vs


def test_the_matrix_region_control_shows_the_region_the_filter_lets_it_draw():
    """The region filter wins: with Africa filtered out, the matrix's dropdown shows (and the next
    control change keeps) the first region the filter keeps, and Africa cannot be picked."""
    vs = ViewState(view="overlaps", regions=("americas", "asia_pacific"), cregion="africa")
    assert vs.matrix_region == "asia_pacific"  # REGION_FILTERS order: Asia-Pacific before the Americas
    shown = dict(zip((c.id for c in CONTROLS), control_values(vs), strict=True))
    assert shown[ids.CREGION_SELECT] == "asia_pacific"
    assert state_from_controls(shown, vs).cregion == "asia_pacific"
    options, year_hidden, note_hidden = filter_agreement(vs)
    assert [(o["value"], o["disabled"]) for o in options] == [
        ("europe_central_asia", True),
        ("asia_pacific", False),
        ("americas", False),
        ("africa", True),
        ("other", True),
    ]
    assert (year_hidden, note_hidden) == (False, True)
    assert filter_agreement(ViewState(view="timeline"))[1:] == (True, False)


def test_first_load_reads_the_url_and_reports_bad_values():
    vs, messages = reduce_state(None, "?view=state&state=KEN&year=1850", {}, None, None)
    assert vs == ViewState(view="state", state="KEN")
    assert messages == ["Ignored the year '1850' in the link: expected a year from 1900 to 2005."]


def test_a_control_change_keeps_the_rest_of_the_state():
    previous = asdict(ViewState(view="overlaps", pair=("apc", "bali_process")))
    values = _values(ViewState(view="overlaps", measure="overlap"))
    vs, messages = reduce_state(
        ids.MEASURE_SELECT, "?view=overlaps&pair=apc~bali_process", values, previous, None
    )
    assert vs == ViewState(view="overlaps", measure="overlap", pair=("apc", "bali_process"))
    assert messages is None


def _click(**point) -> dict:
    return {"points": [point]}


def test_picks_select_what_was_clicked():
    assert apply_pick(DEFAULT, "map", _click(customdata=["KEN", "Kenya", "x"])) == ViewState(
        view="state", state="KEN"
    )
    assert apply_pick(DEFAULT, "map", _click(location="FRA")) == ViewState(view="state", state="FRA")
    overlaps = ViewState(view="overlaps")
    assert apply_pick(overlaps, "overlap", _click(x="apc", y="bali_process")).pair == ("bali_process", "apc")
    central = ViewState(view="centrality", side="process")
    assert apply_pick(central, "centrality", _click(customdata="midsa")) == central.with_changes(
        view="process", process="midsa"
    )
    net = ViewState(view="network")
    focused = apply_pick(net, "network", _click(customdata="state:KEN"))
    assert focused.focus == "state:KEN"
    assert apply_pick(focused, "network", _click(customdata="state:KEN")).focus is None  # toggles off
    assert apply_pick(net, "state-ego", _click(customdata="process:apc")) == ViewState(
        view="process", process="apc"
    )
    assert apply_pick(ViewState(view="themes"), "themes", _click(y="pidc", x="Visas")) == ViewState(
        view="themes", process="pidc"
    )
    assert apply_pick(net, "network", None) == net
    assert apply_pick(net, "network", {"points": []}) == net


def test_sync_state_from_a_click_updates_url_and_controls():
    pick = ids.pick("map")
    click = _click(customdata=["THA", "Thailand", ""])
    with triggered(pick, "clickData", click):
        out = sync_state(
            "", *control_values(DEFAULT), [click], None, [], [], None, [], asdict(DEFAULT), True, "en"
        )
    search, *controls, stored, notice, language = out
    assert search == "?view=state&state=THA"
    assert controls[[c.id for c in CONTROLS].index(ids.STATE_SELECT)] == "THA"
    assert stored == asdict(ViewState(view="state", state="THA"))
    assert notice is no_update
    assert language is no_update  # unchanged: the shell is not re-translated


def test_sync_state_from_the_url_sets_controls_and_notice():
    with triggered(ids.URL, "search", "?view=centrality&metric=nope"):
        out = sync_state(
            "?view=centrality&metric=nope",
            *control_values(DEFAULT),
            [],
            None,
            [],
            [],
            None,
            [],
            None,
            True,
            None,
        )
    search, *_controls, stored, notice, language = out
    assert language == "en"
    assert search == "?view=centrality"  # the bad value is dropped from the address bar too
    assert stored["view"] == "centrality" and stored["metric"] == "weighted_degree"
    assert "Ignored the metric 'nope'" in text_of(notice)


def test_render_view_shows_only_the_options_of_the_view_and_links_keep_filters():
    data = asdict(ViewState(view="centrality", year=2000))
    content, *rest = render_view(data)
    hidden = dict(zip(OPTION_WRAPPERS, rest[: len(OPTION_WRAPPERS)], strict=True))
    assert [k for k, h in hidden.items() if not h] == [ids.METRIC_SELECT, ids.SIDE_SELECT, ids.TOP_SELECT]
    hrefs = rest[len(OPTION_WRAPPERS) : len(OPTION_WRAPPERS) + len(VIEWS)]
    assert hrefs[VIEWS.index("map")] == "?year=2000"
    assert hrefs[VIEWS.index("network")] == "?view=network&year=2000"
    # After the classes: the filter summary, reset link and its wrapper, filter_agreement (3), the key.
    classes, drawn = rest[-len(VIEWS) - 7 : -7], rest[-1]
    assert classes[VIEWS.index("centrality")] == "view-link view-link--active"
    assert find(content, ids.pick("centrality")) is not None
    # The same view again (an input that fired without changing it): nothing is sent.
    again = render_view(data, None, drawn)
    assert all(out is no_update for out in again)
    assert render_view(asdict(ViewState(view="centrality", year=2001)), None, drawn)[-1] != drawn


def test_the_layout_of_a_link_carries_its_view_already_drawn():
    link = "/?view=network&regions=africa&focus=state:KEN"
    with server.test_request_context("/_dash-layout", headers={"Referer": "http://localhost" + link}):
        page = page_layout()
    stored = find(page, ids.VIEW_STATE).data
    assert (stored["view"], stored["regions"], stored["focus"]) == ("network", ("africa",), "state:KEN")
    assert find(page, ids.REGION_FILTER).value == ["africa"]
    assert find(find(page, ids.VIEW_CONTENT), ids.pick("network")) is not None
    assert find(page, ids.view_link("network")).className == "view-link view-link--active"
    assert find(page, ids.wrapper(ids.PROCESS_SELECT)).hidden is True
    # The first render_view call finds the view drawn and sends nothing.
    assert render_view(stored, None, find(page, ids.VIEW_DRAWN).data)[0] is no_update


@pytest.mark.parametrize(
    "referer",
    [None, "http://elsewhere.example/?view=network", "http://localhost/?view=network&lang=fr"],
)
def test_without_a_same_site_english_link_the_layout_is_the_plain_shell(referer):
    headers = {"Referer": referer} if referer else {}
    with server.test_request_context("/_dash-layout", headers=headers):
        page = page_layout()
    assert getattr(find(page, ids.VIEW_STATE), "data", None) is None
    assert getattr(find(page, ids.VIEW_CONTENT), "children", None) is None


def test_download_csv_sends_what_the_table_shows():
    data = asdict(ViewState(view="process", process="rcm"))
    sent = download_csv({"table": "process-members", "at": 1}, data)
    assert sent["filename"] == "rcpdash-process-members.csv" and sent["type"] == "text/csv"
    lines = sent["content"].splitlines()
    assert lines[0] == (
        "iso3,state,continent,role,since,until,source_id,source,source_url,name_in_source,evidence,"
        "source_line,years_from"
    )
    frame = pd.read_csv(pd.io.common.StringIO(sent["content"]))
    assert set(frame[frame.role == "member"].iso3) == {
        "BLZ",
        "CAN",
        "CRI",
        "DOM",
        "SLV",
        "GTM",
        "HND",
        "MEX",
        "NIC",
        "PAN",
        "USA",
    }
    for forged in ({"table": "no-such-table"}, {"table": ["map"]}, {"table": "x" * 500}, "map", None):
        assert download_csv(forged, data) is no_update


def test_slider_sets_the_year_and_all_clears_it():
    from rcpdash.ui.layout import SLIDER_ALL

    values = {**_values(ViewState(view="timeline")), ids.YEAR_SLIDER: 1995}
    vs, _ = reduce_state(ids.YEAR_SLIDER, "?view=timeline", values, asdict(ViewState(view="timeline")), None)
    assert vs.year == 1995
    assert control_values(vs)[[c.id for c in CONTROLS].index(ids.YEAR_FILTER)] == "1995"
    values = {**values, ids.YEAR_SLIDER: SLIDER_ALL}
    vs, _ = reduce_state(ids.YEAR_SLIDER, "", values, asdict(vs), None)
    assert vs.year is None


def test_play_steps_year_by_year_and_stops_at_2005():
    from rcpdash.ui.callbacks import PAUSE_LABEL, PLAY_LABEL, stop_at_the_end, toggle_play
    from rcpdash.ui.layout import first_year

    assert toggle_play(1, True) == (False, PAUSE_LABEL)  # a stopped timer starts
    assert toggle_play(2, False) == (True, PLAY_LABEL)  # a running one pauses
    timeline = asdict(ViewState(view="timeline"))  # all years: playing starts from the first year
    vs, _ = reduce_state(ids.PLAY_TIMER, "", {}, timeline, None, playing=True)
    assert vs.year == first_year() == 1942
    vs, _ = reduce_state(ids.PLAY_TIMER, "", {}, asdict(vs), None, playing=True)
    assert vs.year == 1943
    paused = asdict(vs.with_changes(year=1990))
    assert reduce_state(ids.PLAY_TIMER, "", {}, paused, None, playing=False)[0].year == 1990  # late tick
    last, _ = reduce_state(ids.PLAY_TIMER, "", {}, asdict(vs.with_changes(year=2004)), None, playing=True)
    assert last.year == 2005
    assert stop_at_the_end(asdict(last), False) == (True, PLAY_LABEL)
    assert stop_at_the_end(asdict(last.with_changes(year=2000)), False) == (no_update, no_update)
    assert stop_at_the_end(asdict(last), True) == (no_update, no_update)


def test_whatif_controls_edit_the_state_and_reset_undoes():
    profile = asdict(ViewState(view="state", state="THA"))
    vs, _ = reduce_state(ids.whatif_edit("+"), "", {}, profile, "pidc")
    assert vs.edits == (("+", "THA", "pidc"),)
    vs, _ = reduce_state(ids.whatif_edit("-"), "", {}, asdict(vs), "asean")
    assert vs.edits == (("+", "THA", "pidc"), ("-", "THA", "asean"))
    assert "edits=%2BTHA:pidc,-THA:asean" in to_query(vs)
    unchanged, _ = reduce_state(ids.whatif_edit("+"), "", {}, asdict(vs), None)  # a dropdown appearing
    assert unchanged == vs
    reset, _ = reduce_state(ids.whatif_reset(), "", {}, asdict(vs), 1)
    assert reset.edits == ()
    process = asdict(ViewState(view="process", process="rcm"))
    vs, _ = reduce_state(ids.whatif_edit("+"), "", {}, process, "BRA")
    assert vs.edits == (("+", "BRA", "rcm"),)


def test_a_forged_store_is_read_as_a_link_would_be():
    # Values a link could never carry are normalised or dropped, not trusted.
    forged = {**asdict(ViewState(view="centrality", metric="betweenness")), "kinds": ["rcp,forum"]}
    assert stored_state(forged).kinds == ("rcp", "forum")
    assert stored_state({**forged, "metric": "no-such-metric"}).metric == DEFAULT.metric
    assert stored_state({**forged, "state": "<script>", "top": "many"}).state is None
    assert stored_state({"view": "network", "junk": 1}) == ViewState(view="network")
    for broken in ("view=map", ["map"], {"regions": 5}, {"edits": [[1, 2]]}, {"pair": "apc"}):
        assert stored_state(broken) == DEFAULT
    # 60,000 what-if edits are cut to 64 before anything is formatted, and then refused as a link
    # that long would be (over the parser's 400-character limit); a few edits stay.
    many = {"view": "state", "state": "KEN", "edits": [["+", "KEN", "midsa"]] * 60_000}
    assert stored_state(many) == ViewState(view="state", state="KEN")
    few = {"view": "state", "state": "KEN", "edits": [["+", "KEN", "midsa"]]}
    assert stored_state(few).edits == (("+", "KEN", "midsa"),)


def test_the_render_cache_key_comes_from_the_validated_state():
    forged = {**asdict(ViewState(view="centrality", metric="betweenness")), "kinds": ["rcp,forum"]}
    honest = asdict(ViewState(view="centrality", metric="betweenness", kinds=("rcp", "forum")))
    assert render_view(forged)[-1] == render_view(honest)[-1]
    assert render_view(forged)[-1].endswith("?view=centrality&kinds=rcp,forum&metric=betweenness")


def test_every_control_shows_a_declared_url_field_and_no_control_is_listed_twice():
    from rcpdash.urlstate import FIELDS

    assert {c.field for c in CONTROLS} <= set(FIELDS)
    assert len({c.id for c in CONTROLS}) == len(CONTROLS)
    # The year has two controls (the filter and the timeline's slider): the one that moved decides.
    values = {**_values(ViewState(year=1990)), ids.YEAR_SLIDER: 2001}
    assert state_from_controls(values, DEFAULT, moved=ids.YEAR_SLIDER).year == 2001
    assert state_from_controls(values, DEFAULT, moved=ids.REGION_FILTER).year == 1990


def test_every_callback_lives_in_a_callbacks_module_imported_by_the_app_factory():
    from dash._callback import GLOBAL_CALLBACK_MAP

    from app import app as dash_app

    # Dash moves them from its global list to the app's map on the first request; clientside
    # callbacks (assets/*.js) have no Python function.
    entries = {**GLOBAL_CALLBACK_MAP, **dash_app.callback_map}.values()
    functions = [entry["callback"] for entry in entries if "callback" in entry]
    modules = {function.__module__ for function in functions}
    assert modules == {"rcpdash.ui.callbacks", "rcpdash.ui.dataset_callbacks", "rcpdash.ui.tour_callbacks"}


def test_request_scope_reads_the_language_from_the_callbacks_arguments():
    from rcpdash import i18n
    from rcpdash.ui.scope import request_scope

    @request_scope
    def says(view_state, language=None):
        return i18n.current()

    assert says(asdict(ViewState(lang="fr"))) == "fr"  # from the view state's validated lang
    assert says(asdict(ViewState(lang="fr")), "es") == "es"  # an explicit language wins
    assert says({"lang": "xx"}) == "en"  # a forged store: the default
