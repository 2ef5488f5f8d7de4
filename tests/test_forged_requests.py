"""Forged callback requests: every callback the app declares, every malformed body, never a 500.

The bodies come from tests/forged_bodies.py, built from ``/_dash-dependencies``: a callback added
later is forged here too. A body that does not fit its callback gets a 400 with a message from
rcpdash.ui.callback_guard; one that fits but carries values a browser would never send gets an
ordinary answer (an update, or none).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import pytest

from app import app, server
from rcpdash.ui.callback_guard import MAX_LIST_ITEMS, Unfit, check_body
from rcpdash.urlstate import ViewState
from rcpdash.whatif import MAX_EDITS

from .callback_requests import render_request
from .forged_bodies import forged_bodies, template

UPDATE = "/_dash-update-component"
REFUSAL = "This callback request does not fit the page: "


@pytest.fixture(scope="module")
def client():
    return server.test_client()


@pytest.fixture(scope="module")
def dependencies(client) -> list[dict]:
    return client.get("/_dash-dependencies").get_json()


def _post(client, body) -> tuple[int, dict | None]:
    response = client.post(UPDATE, data=json.dumps(body), content_type="application/json")
    return response.status_code, (response.get_json(silent=True) if response.data else None)


def test_the_dependencies_list_every_callback(dependencies):
    assert {d["output"] for d in dependencies} == set(app.callback_map)


def test_no_forged_request_gets_a_500(client, dependencies):
    answers: dict[str, tuple[int, dict | None]] = {}
    for name, body in forged_bodies(dependencies):
        answers[name] = _post(client, body)
    assert len(answers) > 1500  # 1,903 when this was written
    # Every callback is forged (by its output; no two callbacks share a description).
    assert len({name.split(": ", 1)[0] for name in answers}) == len(dependencies) == len(app.callback_map)
    failed = {name: status for name, (status, _) in answers.items() if status not in (200, 204, 400)}
    assert failed == {}
    for name, (status, payload) in answers.items():
        if status == 400:
            assert payload["error"].startswith(REFUSAL) and payload["error"].endswith(". Reload the page."), (
                name
            )
        elif status == 200:
            assert isinstance(payload["response"], dict), name
    # What a browser sends is never refused, for any callback; one that runs in the browser has
    # nothing to run here.
    for dep in dependencies:
        status = answers[f"{dep['output'][:60]}: as a browser sends it"][0]
        assert status == 400 if dep.get("clientside_function") else status in (200, 204), dep["output"]


@pytest.mark.parametrize(
    "raw",
    [b"[" * 100_000, b"{not json", b"", b'"a string"', json.dumps({"output": None}).encode()],
    ids=["nested 100,000 deep", "not JSON", "empty", "a string", "output null"],
)
def test_a_body_that_is_not_a_callback_request_gets_a_400(client, raw):
    response = client.post(UPDATE, data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(REFUSAL)


def test_the_refusal_says_what_does_not_fit(client, dependencies):
    body = render_request(dependencies, ViewState(view="map"))
    assert _post(client, {**body, "output": "nothing.children"}) == (
        400,
        {"error": REFUSAL + "'output' names no callback of this page. Reload the page."},
    )
    assert _post(client, {**body, "inputs": body["inputs"][:1]})[1]["error"] == (
        REFUSAL + "'inputs' should be a list of 2. Reload the page."
    )
    sync = template(next(d for d in dependencies if d["output"].startswith("..url.search")))
    sync["inputs"][0]["value"] = {"search": "?view=map"}
    assert _post(client, sync)[1]["error"] == (
        REFUSAL + "inputs[0] (search) should be a string, not dict. Reload the page."
    )


def _sync_body(dependencies, slot: int, matches: list[dict]) -> dict:
    body = template(next(d for d in dependencies if d["output"].startswith("..url.search")))
    body["inputs"][slot] = matches
    body["changedPropIds"] = [json.dumps(matches[0]["id"], separators=(",", ":"), sort_keys=True) + ".value"]
    return body


def test_60000_what_if_edits_in_one_body_are_refused_before_any_callback_runs(client, dependencies):
    sync = next(d for d in dependencies if d["output"].startswith("..url.search"))
    slot = next(i for i, d in enumerate(sync["inputs"]) if '"whatif-edit"' in d["id"])
    edits = [
        {"id": {"type": "whatif-edit", "action": f"+{i}"}, "property": "value", "value": "apc"}
        for i in range(60_000)
    ]
    status, payload = _post(client, _sync_body(dependencies, slot, edits))
    assert (status, payload["error"]) == (
        400,
        REFUSAL + f"inputs[{slot}] has 60,000 matches (at most {MAX_LIST_ITEMS:,}). Reload the page.",
    )
    # In the stored view state, as a list of edits.
    body = render_request(dependencies, ViewState(view="state", state="KEN"))
    body["inputs"][0]["value"] = {
        **asdict(ViewState(view="state", state="KEN")),
        "edits": [["+", "KEN", "apc"]] * 60_000,
    }
    assert _post(client, body)[1]["error"] == (
        REFUSAL + f"inputs[0] has 60,000 items (at most {MAX_LIST_ITEMS:,}). Reload the page."
    )


def test_edits_under_the_list_limit_still_stop_at_max_edits(client, dependencies):
    """25 edits in a forged store (under the protocol's list limit): the view keeps the first MAX_EDITS."""
    short_ids = ["eu", "g8", "au", "igc", "sap", "cis", "apc", "rcm", "ca4", "pta", "eac", "uma", "aec"]
    short_ids += [
        "oau",
        "argo",
        "apec",
        "afta",
        "pidc",
        "ocam",
        "sacm",
        "casa",
        "sadc",
        "igad",
        "gcim",
        "marri",
    ]
    edits = [["+", "KEN", process] for process in short_ids]
    sync = template(next(d for d in dependencies if d["output"].startswith("..url.search")))
    state_slot = next(i for i, d in enumerate(sync["state"]) if d["id"] == "view-state")
    sync["state"][state_slot]["value"] = {**asdict(ViewState(view="state", state="KEN")), "edits": edits}
    region = next(i for i, d in enumerate(sync["inputs"]) if d["id"] == "region-filter")
    sync["inputs"][region]["value"] = ["africa"]
    sync["changedPropIds"] = ["region-filter.value"]
    status, payload = _post(client, sync)
    assert status == 200
    new_state = payload["response"]["view-state"]["data"]
    assert (new_state["regions"], new_state["edits"]) == (["africa"], edits[:MAX_EDITS])


def test_check_body_accepts_what_the_page_sends_and_only_that(dependencies):
    for dep in dependencies:
        if not dep.get("clientside_function"):
            check_body(template(dep), app.callback_map)  # no Unfit
    with pytest.raises(Unfit, match="'output' names a callback that runs in the browser"):
        check_body(template(next(d for d in dependencies if d.get("clientside_function"))), app.callback_map)
    body = render_request(dependencies, ViewState())
    with pytest.raises(
        Unfit, match=re.escape("'changedPropIds' names 'view-drawn.data', which is not one of the inputs")
    ):
        check_body({**body, "changedPropIds": ["view-drawn.data"]}, app.callback_map)
    with pytest.raises(Unfit, match=r"state\[0\] should be the component \"view-drawn\""):
        check_body({**body, "state": [{**body["state"][0], "id": "view-state"}]}, app.callback_map)


def test_a_changed_pattern_component_a_re_render_removed_is_still_the_pages_own(dependencies):
    """The browser lists a what-if row as changed though a re-render removed it before the request
    left (a dataset switch replaces the rows): the guard accepts it, as it fits the ALL input the
    callback declares; an id of another pattern, or of no pattern, is still refused (a CI run met this)."""
    dep = next(d for d in dependencies if any('"whatif-edit"' in i["id"] for i in d["inputs"]))
    body = template(dep)
    slot = next(i for i, d in enumerate(dep["inputs"]) if '"whatif-edit"' in d["id"])
    body["inputs"][slot] = []  # no what-if row on the page any more
    body["changedPropIds"] = ['{"action":"+","type":"whatif-edit"}.value']
    check_body(body, app.callback_map)
    for foreign in (
        '{"action":"+","type":"elsewhere"}.value',
        '{"action":"+","type":"whatif-edit"}.n_clicks',
    ):
        body["changedPropIds"] = [foreign]
        with pytest.raises(Unfit, match="which is not one of the inputs"):
            check_body(body, app.callback_map)
