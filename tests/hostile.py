"""A dataset whose names try to break out: script tags, spreadsheet formulas, right-to-left text,
very long names. Every view must show them as plain text."""

from __future__ import annotations

from .fixtures import tiny_tables

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
FORMULA = "=cmd|' /C calc'!A0"
RTL = "دولة الاختبار"
LONG = "Very long name " * 40
#: plotly reads <a href> in any text it draws as a live link: a state and a process named so.
LINK = '<a href="https://example.org">Italy</a>'
LINK_PROCESS = '<a href="https://example.org/p2">Process Two</a>'


def _csv_field(text: str) -> bytes:
    return ('"' + text.replace('"', '""') + '"').encode()


def hostile_tables() -> dict[str, bytes]:
    tables = tiny_tables()
    tables["processes.csv"] = tables["processes.csv"].replace(
        b"Process One", SCRIPT.replace('"', "").encode()
    )
    tables["processes.csv"] = tables["processes.csv"].replace(b",P1,", b",<b>P1</b>,")
    tables["states.csv"] = (
        tables["states.csv"]
        .replace(b"Aland", f'"{FORMULA}"'.encode())
        .replace(b"Borduria", RTL.encode())
        .replace(b"Carpania", LONG.strip().encode())
        .replace(b"Dunland", _csv_field(LINK))
    )
    tables["processes.csv"] = tables["processes.csv"].replace(b"Process Two", _csv_field(LINK_PROCESS))
    return tables
