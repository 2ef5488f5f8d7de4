"""Build data/edition_memberships.csv: the 2013 edition, from IOM's overview of the principal RCPs.

Run by hand from the repository's root (the table is committed; the app never runs this)::

    python tools/build_edition_2013.py > data/edition_memberships.csv

The input is ``tests/sources/iom_rcp_overview_2013.txt``: the text of IOM's "Overview of Principal
Regional Consultative Processes on Migration (RCPs), arranged by Region (As of October 2013)" exactly
as the stored copy of its yumpu.com page gives it (source ``iom_rcp_overview_2013`` in
data/sources.csv). That stored copy holds the table's first row only, the Budapest Process; the
other processes of the overview are not in it, so they get no rows (docs/data-notes.md).

Every row quotes the page: ``evidence`` is a window of the page's text around the state's name
(line breaks read as spaces), ``name_in_source`` the name as the page spells it; names become ISO3
codes through :func:`rcpdash.names.match_state`. Nothing is added that the page does not say.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rcpdash.names import match_state  # noqa: E402

TEXT = ROOT / "tests" / "sources" / "iom_rcp_overview_2013.txt"
SOURCE_ID = "iom_rcp_overview_2013"
EDITION = 2013
COLUMNS = ["edition", "process_id", "iso3", "role", "source_id", "name_in_source", "evidence", "note"]

#: The Budapest row, cell by cell: (role, the words before the list, the list's end, the note).
#: The page's column "Governments" ends with its total; the Silk Routes countries follow in the same
#: cell as "participating countries"; the column "Observers, Partners" names states first (the
#: observers), then organizations in brackets, then the Silk Routes initiative's partner countries.
BUDAPEST_CELLS = (
    (
        "member",
        "1991 ",
        " (Total: 49)",
        "one of the governments of the Budapest Process (the column 'Governments', 'Total: 49')",
    ),
    (
        "participant",
        "Participating countries of the Silk Routes Region: ",
        ".",
        "'Participating countries of the Silk Routes Region', in the column 'Governments' after its total",
    ),
    (
        "observer",
        "Pakistan. ",
        " (BSEC",
        "the states at the head of the column 'Observers, Partners', before the organizations in brackets "
        "and the partner countries: read as observers",
    ),
    (
        "partner",
        "Initiative: ",
        ".",
        "'Partner Countries for the 'Silk Routes' Initiative' (column 'Observers, Partners')",
    ),
)
#: Roles the page gives by name rather than in a list: (role, the words, the name, the note).
BUDAPEST_CHAIRS = (
    ("chair", "Chair: Turkey", "Turkey", "'Chair: Turkey'"),
    ("chair", "Co-Chair: Hungary", "Hungary", "'Co-Chair: Hungary': the co-chair is recorded as chair"),
)


def page_text() -> str:
    """The stored page's text with every run of whitespace read as one space."""
    return " ".join(TEXT.read_text(encoding="utf-8").split())


def split_list(listing: str) -> list[str]:
    """'A, B, C and D' -> ['A', 'B', 'C', 'D']."""
    return [n.strip() for n in re.split(r", | and ", listing) if n.strip()]


def window(text: str, start: int, names: list[str], index: int) -> str:
    """The words naming ``names[index]`` with its neighbours in the list, as the page has them."""
    first = names[max(index - 1, 0)]
    last = names[min(index + 1, len(names) - 1)]
    begin = text.index(first, start)
    end = text.index(last, text.index(names[index], begin)) + len(last)
    return text[begin:end]


def rows() -> list[dict[str, object]]:
    """Every row of the 2013 edition the stored page supports."""
    text = page_text()
    states = {
        r["iso3"]: r["name"] for r in csv.DictReader((ROOT / "data" / "states.csv").open(encoding="utf-8"))
    }
    out: list[dict[str, object]] = []
    row_start = text.index("Budapest Process")
    for role, before, after, note in BUDAPEST_CELLS:
        start = text.index(before, row_start) + len(before)
        end = text.index(after, start)
        names = split_list(text[start:end].removeprefix("the "))
        for i, name in enumerate(names):
            spelled = name.removeprefix("the ")
            iso3 = match_state(spelled, states)
            if iso3 is None:
                raise SystemExit(f"no state matches {spelled!r}: add it to states.csv or NAME_ALIASES")
            out.append(_row(iso3, role, spelled, window(text, start, names, i), note))
    for role, words, name, note in BUDAPEST_CHAIRS:
        assert words in text, words
        iso3 = match_state(name, states)
        out.append(_row(iso3, role, name, words, note))
    return out


def _row(iso3: str | None, role: str, name: str, evidence: str, note: str) -> dict[str, object]:
    return {
        "edition": EDITION,
        "process_id": "budapest_process",
        "iso3": iso3,
        "role": role,
        "source_id": SOURCE_ID,
        "name_in_source": name,
        "evidence": evidence,
        "note": note,
    }


def main() -> None:
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())


if __name__ == "__main__":
    main()
