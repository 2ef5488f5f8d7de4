"""data/datapackage.json: generated from the loader's schema, in step with data/, valid for frictionless."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

from rcpdash import datapackage
from rcpdash.config import DATA_DIR
from rcpdash.data import SCHEMAS, dataset_files, read_dataset, validate_tables

from .fixtures import tiny_tables

DESCRIPTOR = DATA_DIR / "datapackage.json"


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_the_shipped_descriptor_is_the_generated_one():
    # Change rcpdash.data.SCHEMAS (a column, an enum, a key) and this fails until
    # `python -m rcpdash.datapackage` rewrites the file.
    assert DESCRIPTOR.read_bytes() == datapackage.descriptor_bytes()
    assert datapackage.main(["--check"]) == 0


def test_every_csv_in_data_is_described_with_its_exact_header():
    resources = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["resources"]
    assert sorted(r["path"] for r in resources) == sorted(p.name for p in DATA_DIR.glob("*.csv"))
    for resource in resources:
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert names == _header(DATA_DIR / resource["path"]), resource["path"]
        assert names == SCHEMAS[resource["name"]].names


def test_descriptor_carries_the_loaders_rules():
    resources = {r["name"]: r for r in datapackage.descriptor()["resources"]}
    memberships = resources["memberships"]["schema"]
    role = next(f for f in memberships["fields"] if f["name"] == "role")
    assert role == {
        "name": "role",
        "type": "string",
        "constraints": {
            "required": True,
            "enum": [
                "member",
                "founding_member",
                "participant",
                "lead",
                "chair",
                "coordinator",
                "implementer",
                "beneficiary",
                "partner",
                "observer",
                "associate",
            ],
        },
    }
    assert memberships["primaryKey"] == ["process_id", "iso3", "role", "since"]
    assert memberships["foreignKeys"] == [
        {"fields": "process_id", "reference": {"resource": "processes", "fields": "process_id"}},
        {"fields": "iso3", "reference": {"resource": "states", "fields": "iso3"}},
        {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}},
    ]
    states = {f["name"]: f for f in resources["states"]["schema"]["fields"]}
    assert states["iso3"]["constraints"] == {"required": True, "pattern": "[A-Z]{3}"}
    assert states["lat"] == {
        "name": "lat",
        "type": "number",
        "constraints": {"required": True, "minimum": -90, "maximum": 90},
    }
    assert states["source_id"] == {"name": "source_id", "type": "string"}
    assert resources["sources"]["schema"]["primaryKey"] == ["source_id"]
    assert "foreignKeys" not in resources["sources"]["schema"]


def test_frictionless_command_validates_the_shipped_data():
    command = Path(sys.executable).parent / "frictionless"
    done = subprocess.run(
        [str(command), "validate", str(DESCRIPTOR)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("VALID") == len(SCHEMAS)


def _package(folder: Path, change: tuple[str, str, str] | None) -> Path:
    """The tiny dataset in canonical form with its descriptor, one cell (or header) changed."""
    files = dataset_files(read_dataset(tiny_tables()))
    if change:
        file, old, new = change
        text = files[file].decode()
        assert old in text
        files[file] = text.replace(old, new, 1).encode()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / datapackage.FILE_NAME).write_bytes(datapackage.descriptor_bytes())
    return folder


def _frictionless_errors(folder: Path) -> list[tuple[str, int | None, str]]:
    report = frictionless.validate(str(folder / datapackage.FILE_NAME))
    return [
        (task.name, error.get_defined("row_number"), error.type)
        for task in report.tasks
        for error in task.errors
    ]


def _loader_errors(folder: Path) -> list[tuple[str, int | None]]:
    _, issues = validate_tables(folder)
    return [(i.file, i.row) for i in issues]


def test_tiny_package_is_valid_for_both(tmp_path):
    folder = _package(tmp_path, None)
    assert _frictionless_errors(folder) == []
    assert _loader_errors(folder) == []


@pytest.mark.parametrize(
    ("change", "friction", "loader"),
    [
        # An unknown role (enum).
        (
            ("memberships.csv", "p1,BBB,member", "p1,BBB,memebr"),
            ("memberships", 3, "constraint-error"),
            ("memberships.csv", 3),
        ),
        # A latitude out of range.
        (
            ("states.csv", "AAA,Aland,Europe,Northern Europe,60.0", "AAA,Aland,Europe,Northern Europe,95"),
            ("states", 2, "constraint-error"),
            ("states.csv", 2),
        ),
        # A process nobody lists (foreign key).
        (("themes.csv", "p2,trafficking", "p9,trafficking"), ("themes", 3, "foreign-key"), ("themes.csv", 3)),
        # A source_id that sources.csv does not list.
        (
            ("organizations.csv", "quote,3,", "quote,3,nosuch"),
            ("organizations", 2, "foreign-key"),
            ("organizations.csv", 2),
        ),
        # An organization id with capitals (pattern).
        (
            ("organizations.csv", "iom,", "IOM,"),
            ("organizations", 2, "constraint-error"),
            ("organizations.csv", 2),
        ),
        # A column the schema does not know, added to a CSV header.
        (
            ("sources.csv", "licence_note", "licence_note,extra"),
            ("sources", None, "extra-label"),
            ("sources.csv", 1),
        ),
    ],
    ids=["enum", "range", "foreign-key", "source-id", "pattern", "extra-column"],
)
def test_frictionless_and_the_loader_refuse_the_same_rows(tmp_path, change, friction, loader):
    folder = _package(tmp_path, change)
    assert _frictionless_errors(folder) == [friction]
    assert _loader_errors(folder) == [loader]
