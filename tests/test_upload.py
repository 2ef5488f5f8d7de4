"""Uploads: formats, limits and errors; the session record; export and the round trip."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest

from rcpdash import datasets, upload
from rcpdash.config import DATA_DIR
from rcpdash.data import SCHEMAS, dataset_files, load_dataset, read_dataset
from rcpdash.network import build_graph

from .fixtures import tiny_tables
from .test_cow import COW_FILE


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buffer.getvalue()


def _messages(files: dict[str, bytes]) -> list[str]:
    loaded, issues = upload.load_upload(files, "test")
    assert loaded is None
    return [str(i) for i in issues]


def _data_url(content: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(content).decode()


def test_the_csv_files_themselves_or_zipped_in_a_folder(tiny):
    loaded, issues = upload.load_upload(tiny_tables(), "tiny")
    assert issues == [] and loaded.dataset.fingerprint == tiny.fingerprint
    zipped = _zip(
        {f"my data/{name}": content for name, content in tiny_tables().items()} | {"__MACOSX/._x": b"x"}
    )
    loaded, issues = upload.load_upload({"tiny.zip": zipped}, "tiny.zip")
    assert issues == [] and loaded.dataset.fingerprint == tiny.fingerprint
    assert (loaded.record["name"], loaded.record["states"], loaded.record["arrangements"]) == (
        "tiny.zip",
        4,
        4,
    )


def test_the_apps_own_download_loads_back_with_its_datapackage_json(tiny):
    download = upload.export_zip(tiny)
    with zipfile.ZipFile(io.BytesIO(download)) as archive:
        assert "datapackage.json" in archive.namelist()
    loaded, issues = upload.load_upload({"rcpdash-dataset.zip": download}, "rcpdash-dataset.zip")
    assert issues == [] and loaded.dataset.summary() == tiny.summary()
    # The descriptor alone is no dataset.
    assert _messages({"datapackage.json": b"{}"}) == ["upload: holds no files"]


def test_a_cow_file_alone_or_zipped():
    for files in (
        {"state_year_formatv3.csv": COW_FILE},
        {"igo.zip": _zip({"state_year_formatv3.csv": COW_FILE})},
    ):
        loaded, issues = upload.load_upload(files, "cow")
        assert issues == []
        assert sorted(loaded.dataset.processes.process_id) == ["aaa", "b_b"]
        assert loaded.dataset.memberships.evidence.str.startswith("state_year_formatv3.csv, row").all()


def test_decode_contents_and_the_size_limit(monkeypatch):
    files, issues = upload.decode_contents([_data_url(b"abc"), "data:;base64,@@@"], ["C:\\x\\a.csv", "b.csv"])
    assert files == {"a.csv": b"abc"}
    assert [str(i) for i in issues] == ["b.csv: could not be read (not a file upload)"]
    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 1024 * 1024)
    _, issues = upload.decode_contents([_data_url(b"x" * (1536 * 1024))], ["big.csv"])
    assert [str(i) for i in issues] == ["upload: is 1.5 MB; the limit is 1 MB (zip large files)"]


def test_bad_zip_empty_encoding_unknown_and_missing_files():
    assert _messages({"data.zip": b"PK\x03\x04 not really"}) == ["data.zip: is not a valid zip archive"]
    assert _messages({"states.csv": b"", "notes.txt": b"hello,world\n"}) == [
        "notes.txt: unknown file: expected processes.csv, states.csv, memberships.csv, organizations.csv, "
        "themes.csv, process_links.csv, sources.csv, reference_memberships.csv, a zip of them, or a Correlates of War IGO state-year file "
        "(columns ccode, year, state, then one per organization)",
        "states.csv: is empty",
    ]
    tables = tiny_tables()
    tables["states.csv"] = tables["states.csv"].replace(b"Aland", "Åland".encode("latin-1"))
    assert _messages(tables) == ["states.csv: is not UTF-8 text (invalid continuation byte)"]
    assert _messages({"states.csv": tiny_tables()["states.csv"]}) == [
        "memberships.csv: file is missing",
        "organizations.csv: file is missing",
        "process_links.csv: file is missing",
        "processes.csv: file is missing",
    ]
    assert _messages({"a.zip": _zip({}), "b.zip": _zip({})}) == ["upload: holds no files"]
    assert _messages({"igo.csv": COW_FILE, "states.csv": b"iso3\n"}) == [
        "upload: expected one Correlates of War file on its own, or the dataset's CSV files; got igo.csv, states.csv"
    ]


def test_loader_errors_come_through_with_row_and_column():
    tables = tiny_tables()
    tables["memberships.csv"] = tables["memberships.csv"].replace(b"p1,AAA,member", b"p1,AAA,boss")
    (message,) = _messages(tables)
    assert message.startswith(
        "memberships.csv, row 2, column 'role': expected one of member, founding_member"
    )


def test_row_and_zip_limits(monkeypatch):
    monkeypatch.setattr(upload, "MAX_ROWS", 3)
    assert (
        _messages(tiny_tables())[0] == "memberships.csv: has more than 3 rows; the limit is 3 rows per file"
    )
    monkeypatch.setattr(upload, "MAX_ROWS", 100_000)
    monkeypatch.setattr(upload, "MAX_UNZIPPED_BYTES", 1000)
    bomb = _zip({"memberships.csv": b"x" * 5000})
    assert _messages({"bomb.zip": bomb}) == ["bomb.zip: unpacks to more than 0 MB"]


def test_session_record_restores_in_another_worker(tiny):
    loaded, _ = upload.load_upload(tiny_tables(), "tiny")
    assert upload.restore(loaded.record) is loaded.dataset
    datasets.forget_kept()  # a restart, an eviction or the other gunicorn worker
    restored = upload.restore(loaded.record)
    assert restored is not loaded.dataset and restored.fingerprint == tiny.fingerprint
    assert upload.restore(None) is None
    with pytest.raises(upload.DatasetUnavailable):
        upload.restore({**loaded.record, "fingerprint": "0" * 64, "tables": "not base64!"})
    with pytest.raises(upload.DatasetUnavailable):
        upload.restore({**loaded.record, "fingerprint": "0" * 64})  # tables of another dataset
    forged = base64.b64encode(upload.zip_files({"state_year_formatv3.csv": COW_FILE})).decode()
    with pytest.raises(upload.DatasetUnavailable):
        upload.restore({"fingerprint": "1" * 64, "tables": forged})  # only schema tables are restored


# --------------------------------------------------------------------------------------------------
# Export and the round trip
# --------------------------------------------------------------------------------------------------


def _graph_parts(ds):
    G = build_graph(ds)
    return dict(G.nodes(data=True)), {tuple(sorted(e[:2])): e[2] for e in G.edges(data=True)}


def test_exporting_the_report_data_gives_back_data_byte_for_byte():
    files = dataset_files(load_dataset())
    assert set(files) == {s.file for s in SCHEMAS.values()}
    for name, content in files.items():
        assert content == (DATA_DIR / name).read_bytes(), name
    with zipfile.ZipFile(io.BytesIO(upload.export_zip(load_dataset()))) as z:
        # data/ itself: the CSV files and their datapackage.json.
        assert {n: z.read(n) for n in z.namelist()} == {
            **files,
            "datapackage.json": (DATA_DIR / "datapackage.json").read_bytes(),
        }
    assert upload.export_zip(load_dataset()) == upload.export_zip(load_dataset())  # same bytes each time


@pytest.mark.parametrize("source", ["report", "tiny", "cow"])
def test_load_export_load_gives_the_same_graph(source):
    first = {
        "report": load_dataset,
        "tiny": lambda: read_dataset(tiny_tables()),
        "cow": lambda: upload.load_upload({"igo.csv": COW_FILE}, "cow")[0].dataset,
    }[source]()
    with zipfile.ZipFile(io.BytesIO(upload.export_zip(first))) as z:
        second, issues = upload.load_upload({n: z.read(n) for n in z.namelist()}, "again")
    assert issues == []
    assert _graph_parts(second.dataset) == _graph_parts(first)
    for table in SCHEMAS:
        assert getattr(second.dataset, table).equals(getattr(first, table)), table


def test_exports_are_formula_safe_and_read_back_unescaped():
    tables = tiny_tables()
    tables["processes.csv"] = tables["processes.csv"].replace(b"A European RCP.", b'=HYPERLINK("x")')
    tables["processes.csv"] = tables["processes.csv"].replace(b"An African RCP.", b"''=kept apostrophe")
    first = read_dataset(tables)
    exported = dataset_files(first)["processes.csv"].decode()
    # An apostrophe before a formula character is the escape: the file's "''=kept apostrophe" is the
    # text "'=kept apostrophe", written back with its escape.
    assert "'=HYPERLINK" in exported and "\n''=kept apostrophe," not in exported
    assert ",''=kept apostrophe," in exported
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for line in exported.splitlines() for cell in line.split(",")
    )
    second = read_dataset(dataset_files(first))
    assert second.processes.description.tolist()[:2] == ['=HYPERLINK("x")', "'=kept apostrophe"]
