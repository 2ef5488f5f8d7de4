"""The dataset's schema as a Frictionless Data Package (``data/datapackage.json``).

The descriptor is generated from the loader's own schema (:data:`rcpdash.data.SCHEMAS`,
:data:`~rcpdash.data.FOREIGN_KEYS`, :data:`~rcpdash.data.SOURCED_TABLES`), so it says exactly what
:func:`rcpdash.data.read_dataset` checks cell by cell: column order, types, required cells, enums,
patterns, ranges, primary and foreign keys. Rules across rows (spells that must not overlap,
observers that are not also members, ``name_in_source`` found in ``evidence``) are only the
loader's; the descriptor names them in its description. Any Table Schema tool can then read
and check the files, e.g. ``frictionless validate data/datapackage.json``.

Command line::

    python -m rcpdash.datapackage            # rewrite data/datapackage.json
    python -m rcpdash.datapackage --check    # exit status 1 when it is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .config import DATA_DIR, SOURCE_CITATION
from .data import FOREIGN_KEYS, SCHEMAS, SOURCED_TABLES, Column, TableSchema

#: The descriptor's file name, beside the CSV files.
FILE_NAME = "datapackage.json"

_TYPES = {"text": "string", "int": "integer", "year": "year", "float": "number"}

#: What each table holds (the descriptor's resource descriptions).
_DESCRIPTIONS = {
    "processes": "Each process, organization, programme or agreement the report names, with the quote naming it.",
    "states": "Each state, territory or historical entity that appears in a membership, with a point for the map.",
    "memberships": "Who takes part in which process, in which role and years, as the report says it (one row per spell).",
    "organizations": "International organizations' roles in processes (secretariat, support, funding, observer, member).",
    "themes": "Policy themes each process works on, with the report's words.",
    "process_links": "Links between two processes the report names (joint meetings, successors, overlaps...).",
    "sources": "The public sources the rows cite: the 2005 report and the reference sources of full memberships.",
    "reference_memberships": (
        "Full memberships of the formal organizations the report names, from public reference sources "
        "(the state's name as the source lists it is quoted in evidence)."
    ),
    "edition_memberships": (
        "Who a later edition (public sources of 2013: IOM's overview of the principal RCPs, IOM news, the "
        "processes' own pages) lists in each process, in which role, with its words (the state's name as listed "
        "is quoted in evidence) and how much of the process the source lists (listing)."
    ),
}

_CROSS_ROW_RULES = (
    "Rules the loader (rcpdash.data) checks beyond this schema: a membership's 'until' is not before its "
    "'since'; an observer is not also a member of the same process in the same years; spells of one state in "
    "one role in one process do not overlap; a process link joins two different processes; every row of a "
    "sourced table names a source_id once sources.csv lists sources; a reference membership's "
    "name_in_source appears in its evidence; an edition row's source is of the edition's year, no state is both observer and member of a process in one edition, and every row of a process in one edition has the same listing."
)


def _pattern(column: Column) -> str:
    # Table Schema patterns match the whole value already: drop the regex's own anchors.
    assert column.pattern is not None
    return column.pattern.pattern.removeprefix("^").removesuffix("$")


def field_descriptor(column: Column) -> dict[str, Any]:
    """One Table Schema field: name, type and the constraints the loader checks on its cells."""
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.choices is not None:
        constraints["enum"] = list(column.choices)
    if column.pattern is not None:
        constraints["pattern"] = _pattern(column)
    for key, bound in (("minimum", column.lo), ("maximum", column.hi)):
        if bound is not None:
            constraints[key] = int(bound) if float(bound).is_integer() else bound
    out: dict[str, Any] = {"name": column.name, "type": _TYPES[column.kind]}
    if column.expected:
        out["description"] = f"Expected: {column.expected}."
    if constraints:
        out["constraints"] = constraints
    return out


def _foreign_keys(table: str) -> list[dict[str, Any]]:
    keys = [
        {"fields": column, "reference": {"resource": target, "fields": target_column}}
        for (source, column), (target, target_column) in FOREIGN_KEYS.items()
        if source == table
    ]
    if table in SOURCED_TABLES:
        keys.append({"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}})
    return keys


def resource_descriptor(table: str, schema: TableSchema) -> dict[str, Any]:
    """One tabular data resource: the CSV file, its fields, primary key and foreign keys."""
    table_schema: dict[str, Any] = {
        "fields": [field_descriptor(c) for c in schema.columns],
        "primaryKey": list(schema.key),
    }
    foreign = _foreign_keys(table)
    if foreign:
        table_schema["foreignKeys"] = foreign
    return {
        "name": table,
        "path": schema.file,
        "profile": "tabular-data-resource",
        "description": _DESCRIPTIONS[table] + (" Optional file." if schema.optional_file else ""),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema,
    }


def descriptor() -> dict[str, Any]:
    """The whole Data Package descriptor, one resource per table of :data:`rcpdash.data.SCHEMAS`.

    >>> d = descriptor()
    >>> [r["path"] for r in d["resources"]][:3]
    ['processes.csv', 'states.csv', 'memberships.csv']
    """
    return {
        "profile": "tabular-data-package",
        "name": "rcpdash-interstate-cooperation-migration",
        "title": "Interstate cooperation on migration (IOM 2005): processes, states and memberships",
        "description": (
            "Who takes part in which regional consultative process, organization, programme or agreement on "
            "migration, as the 2005 IOM report Interstate Cooperation and Migration says it, each row with "
            "a verbatim quote (evidence) and the report's line (source_line); the full memberships of the "
            "formal organizations it names come from the public sources listed in sources.csv, each "
            "row quoting the state's name there. Observers are not members. " + _CROSS_ROW_RULES
        ),
        "sources": [{"title": SOURCE_CITATION}],
        # No single licence: each source's terms are in sources.csv (licence_note), row by row.
        "licenses": [
            {
                "name": "other-at",
                "title": "Quotations under each source's own terms: see licence_note in sources.csv",
            }
        ],
        "resources": [resource_descriptor(table, schema) for table, schema in SCHEMAS.items()],
    }


def descriptor_bytes() -> bytes:
    """The descriptor as the file ``data/`` holds: 2-space JSON, UTF-8, one final newline."""
    return (json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write ``data/datapackage.json`` (or, with ``--check``, say whether it is up to date)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(DATA_DIR) / FILE_NAME
    if args == ["--check"]:
        if target.is_file() and target.read_bytes() == descriptor_bytes():
            print(f"{target} is up to date")
            return 0
        print(f"{target} is out of date: run python -m rcpdash.datapackage", file=sys.stderr)
        return 1
    if args:
        print("usage: python -m rcpdash.datapackage [--check]", file=sys.stderr)
        return 2
    target.write_bytes(descriptor_bytes())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
