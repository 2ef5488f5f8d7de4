"""A tiny hand-built dataset whose every metric is computed by hand in the tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rcpdash.data import SCHEMAS

E = "quote"  # evidence is only checked against the source text for the real data

PROCESSES = [
    # process_id, name, acronym, kind, region, founded, facilitators, stated, count_note, description
    ("p1", "Process One", "P1", "rcp", "europe_central_asia", "1991", "IOM", "", "", "A European RCP."),
    ("p2", "Process Two", "P2", "rcp", "africa", "2000", "", "", "", "An African RCP."),
    ("p3", "Org Three", "O3", "regional_organization", "africa", "1995", "", "3", "", "An organization."),
    ("p4", "Count Only", "", "rcp", "interregional", "2003", "", "10", "no names given", "Count only."),
]
STATES = [
    ("AAA", "Aland", "Europe", "Northern Europe", "60", "20", "state"),
    ("BBB", "Borduria", "Europe", "Eastern Europe", "47", "19", "state"),
    ("CCC", "Carpania", "Africa", "Western Africa", "9", "8", "state"),
    ("DDD", "Dunland", "Africa", "Eastern Africa", "-1", "37", "state"),
    ("EEE", "Elbonia", "Asia", "South-eastern Asia", "13", "101", "territory"),
]
MEMBERSHIPS = [
    # process_id, iso3, role, since, until
    ("p1", "AAA", "member", "", ""),
    ("p1", "BBB", "member", "", ""),
    ("p1", "CCC", "observer", "", ""),
    ("p2", "CCC", "member", "", ""),
    ("p2", "DDD", "member", "2002", ""),
    ("p2", "AAA", "partner", "", ""),
    ("p3", "CCC", "founding_member", "", ""),
    ("p3", "DDD", "founding_member", "", ""),
    ("p3", "BBB", "member", "1999", ""),
]


def _csv(header: list[str], rows: list[tuple[str, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _names(table: str) -> list[str]:
    # The tiny dataset has no sources.csv, so its tables leave the optional source_id column out.
    return [name for name in SCHEMAS[table].names if name != "source_id"]


def tiny_tables() -> dict[str, bytes]:
    """The tiny dataset as {file name: CSV bytes}."""
    return {
        "processes.csv": _csv(_names("processes"), [(*r, E, "1", "", "") for r in PROCESSES]),
        "states.csv": _csv(_names("states"), STATES),
        "memberships.csv": _csv(_names("memberships"), [(*r, f"{E} {r[1]}", "2", "") for r in MEMBERSHIPS]),
        "organizations.csv": _csv(
            _names("organizations"),
            [("iom", "International Organization for Migration", "IOM", "p1", "secretariat", E, "3")],
        ),
        "themes.csv": _csv(
            _names("themes"),
            [
                ("p1", "border_management", E, "5"),
                ("p2", "trafficking_smuggling", E, "6"),
                ("p3", "trafficking_smuggling", E, "7"),
                ("p3", "labour_migration", E, "8"),
            ],
        ),
        "process_links.csv": _csv(
            _names("process_links"), [("p1", "p2", "joint_meeting", "2004", E, "4", "")]
        ),
    }


def write_tables(folder: Path, tables: dict[str, bytes]) -> Path:
    """Write the tables into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in tables.items():
        (folder / name).write_bytes(content)
    return folder
