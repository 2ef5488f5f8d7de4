"""The bring-your-own-data callbacks called directly: upload, errors, every view on the upload,
the header and controls following it, restore after the server forgot it, export and reset."""

from __future__ import annotations

import base64
import io
import zipfile
from dataclasses import asdict

from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

import app  # noqa: F401  (registers the callbacks on the one app)
from rcpdash import datapackage, datasets
from rcpdash.data import dataset_files, read_dataset
from rcpdash.ui import ids
from rcpdash.ui.callbacks import (
    download_csv,
    render_view,
    render_whatif,
    sync_state,
)
from rcpdash.ui.controls import CONTROLS, control_values
from rcpdash.ui.dataset_callbacks import export_dataset, follow_dataset, receive_upload, reset_dataset
from rcpdash.urlstate import DEFAULT, VIEWS, ViewState

from .fixtures import tiny_tables
from .ui_helpers import find, text_of, triggered


def _url(content: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(content).decode()


def _upload(tables: dict[str, bytes]):
    names = sorted(tables)
    return receive_upload([_url(tables[n]) for n in names], names)


def _tiny_record() -> dict:
    record, messages, cleared = _upload(tiny_tables())
    assert cleared is None and "Loaded memberships.csv and 5 more files." in text_of(messages)
    return record


def test_a_broken_upload_lists_every_problem_and_keeps_the_dataset():
    tables = tiny_tables()
    tables["memberships.csv"] = tables["memberships.csv"].replace(b"p1,AAA,member", b"p1,AAA,boss")
    tables["states.csv"] = tables["states.csv"].replace(b"60,20", b"600,20")
    store, messages, _ = _upload(tables)
    assert store is no_update
    rows = (
        [[text_of(cell) for cell in row.children] for row in find(messages[1], None) or []] if False else None
    )
    table = messages[1]
    body = table.children[1].children
    rows = [[text_of(td) for td in tr.children] for tr in body]
    assert rows[0][:3] == ["memberships.csv", "2", "role"]
    assert rows[0][3].startswith("expected one of member, founding_member")
    assert rows[1] == ["states.csv", "2", "lat", "expected a value between -90 and 90, got '600'"]
    assert "2 problems" in text_of(messages[0])


def test_every_view_works_on_the_upload_and_controls_follow_it():
    record = _tiny_record()
    (
        badge,
        footer,
        source,
        reset_hidden,
        states,
        processes,
        nodes,
        compared_states,
        compared_processes,
        years,
        slider_min,
        _marks,
        slider_max,
    ) = follow_dataset(record)
    # The compare view's multi-selects offer the same states and processes.
    assert (compared_states, compared_processes) == (states, processes)
    assert badge == "Data: uploaded: memberships.csv and 5 more files, 4 states, 4 arrangements"
    assert reset_hidden is False
    assert [o["value"] for o in states] == ["AAA", "BBB", "CCC", "DDD"]  # states in at least one process
    assert sorted(o["value"] for o in processes) == ["p1", "p2", "p3"]
    found = [o["value"] for o in nodes]  # the network's search: the upload's states, then its processes
    assert found[:4] == ["state:AAA", "state:BBB", "state:CCC", "state:DDD"]
    assert sorted(found[4:]) == ["process:p1", "process:p2", "process:p3"]
    assert slider_min == 1991 and years[-1]["value"] == "1991"
    assert (years[1]["value"], slider_max) == ("2005", 2006)  # the report's years: the default edition
    assert "4 arrangements" in footer
    assert text_of(source).startswith("Source: your upload, memberships.csv and 5 more files.")
    for view in VIEWS:
        vs = ViewState(
            view=view,
            state="CCC" if view == "state" else None,
            process="p3" if view == "process" else None,
            processes=("p1", "p2", "p3") if view == "compare" else (),
            states=("AAA", "CCC") if view == "compare" else (),
        )
        content, *_ = render_view(asdict(vs), record)
        assert "Traceback" not in text_of(content)
    content, *_ = render_view(asdict(ViewState(view="state", state="CCC")), record)
    assert "Carpania" in text_of(content)
    panel = render_whatif(asdict(ViewState(view="state", state="CCC")), record)
    remove = find(panel, ids.whatif_edit("-"))
    assert remove.placeholder == "Remove Carpania from…"
    assert sorted(o["value"] for o in remove.options) == ["p2", "p3"]
    # Back to the report's data (the store emptied by reset): everything follows again.
    with triggered(ids.DATASET_STORE, "data", None):
        badge, _footer, _source, reset_hidden, states, *_ = follow_dataset(None)
    assert badge.startswith("Data: the report") and reset_hidden is True and len(states) > 100
    # The 2013 edition: years and the slider run to 2013, the footer names its sources and their addresses.
    (
        *_,
        source,
        _reset,
        _states,
        _processes,
        _nodes,
        _compared_states,
        _compared_processes,
        years,
        _min,
        marks,
        slider_max,
    ) = follow_dataset(None, "en", "both")
    assert (years[1]["value"], slider_max, marks[2014]) == ("2013", 2014, "All")
    assert (
        "Memberships of the 2013 edition: Overview of Principal Regional Consultative Processes"
        in text_of(source)
    )
    # Every 2013 source the edition counts is named, each once (Budapest, SACM, EaP Panel, Bali twice, MIDSA).
    assert text_of(source).count("Memberships of the 2013 edition:") == 6
    assert "Konferensi Bali Proses ke-5 (1 April 2013), Antara (bali.antaranews.com)" in text_of(source)
    assert "https://www.yumpu.com/en/document/view/22344016/" in text_of(source)
    # A first page load without an upload leaves the layout's values alone (no dropdown re-render).
    token = context_value.set(AttributeDict(triggered_inputs=[], inputs_list=[], states_list=[]))
    try:
        assert follow_dataset(None) == (no_update,) * 13
    finally:
        context_value.reset(token)


def test_switching_dataset_reads_the_address_again():
    record = _tiny_record()
    with triggered(ids.DATASET_STORE, "data", record):
        out = sync_state(
            "?view=state&state=KEN", *control_values(DEFAULT), [], None, [], [], record, [], None, True, None
        )
    _search, *controls, stored, notice, _language = out
    assert stored["state"] is None  # Kenya is not in the upload
    assert "Ignored the unknown state 'KEN'" in text_of(notice)
    assert controls[[c.id for c in CONTROLS].index(ids.STATE_SELECT)] is None


def test_the_server_forgetting_the_upload_loses_nothing():
    record = _tiny_record()
    datasets.forget_kept()  # a restart, an eviction or the other gunicorn worker
    content, *_ = render_view(asdict(ViewState(view="state", state="DDD")), record)
    assert "Dunland" in text_of(content)
    damaged = {**record, "fingerprint": "f" * 64}
    badge, *_ = follow_dataset(damaged)
    assert badge == "Your uploaded data could not be restored; showing the report's data. Upload it again."


def test_export_and_csv_downloads_use_the_upload_and_reset_goes_back():
    record = _tiny_record()
    sent = export_dataset(1, record)
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(sent["content"]))) as z:
        files = {n: z.read(n) for n in z.namelist()}
    assert files == {
        **dataset_files(read_dataset(tiny_tables())),
        "datapackage.json": datapackage.descriptor_bytes(),
    }
    assert sent["filename"] == "rcpdash-uploaded-dataset.zip"
    csv = download_csv({"table": "map"}, asdict(ViewState(view="map")), record)
    assert "Carpania" in csv["content"] and "Kenya" not in csv["content"]
    assert reset_dataset(1) == (None, [])
    assert reset_dataset(None) == (no_update, no_update)
