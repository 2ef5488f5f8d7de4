"""Build data/edition_memberships.csv: the 2013 edition of the principal RCPs' lists.

Run by hand from the repository's root (the table is committed; the app never runs this)::

    python tools/build_edition_2013.py > data/edition_memberships.csv

What it reads:

- ``tools/edition_2013.json``, the edition's recipe. Each entry of ``lists`` names a process, the
  source it comes from, the role the source gives the list, and the exact words just ``before`` and
  ``after`` the list (searched from ``anchor``, where the process's part of the page begins, when the
  page covers several processes), and how much of the process the source lists (``listing``:
  complete, members or partial; rcpdash.data.LISTINGS). Each entry of ``named`` is a single state the source names in a
  role outside a list (a chair). ``note`` says why the role was read so, in the source's own words.
- ``tests/sources/<source_id>.txt``: the text of each source exactly as its stored copy gives it
  (listed with its URL and year in data/sources.csv). The tests check every quote against it.

Every row quotes its page: ``evidence`` is a window of the page's text around the state's name (line
breaks read as spaces), ``name_in_source`` the name as the page spells it; names become ISO3 codes
through :func:`rcpdash.names.match_state`. Nothing is added that the page does not say; a process no
stored 2013 source lists gets no rows (docs/data-notes.md).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rcpdash.names import match_state  # noqa: E402

RECIPE = ROOT / "tools" / "edition_2013.json"
SOURCES = ROOT / "tests" / "sources"
COLUMNS = [
    "edition",
    "process_id",
    "iso3",
    "role",
    "source_id",
    "name_in_source",
    "evidence",
    "note",
    "listing",
]


@cache
def page_text(source_id: str) -> str:
    """The stored page's text with every run of whitespace read as one space."""
    return " ".join((SOURCES / f"{source_id}.txt").read_text(encoding="utf-8").split())


def split_list(listing: str, and_word: str = "and") -> list[str]:
    """'A, B, C and D' -> ['A', 'B', 'C', 'D'] (a leading 'the' is the page's, not the name's);
    `and_word` is the page's language's 'and' (Antara writes Indonesian: 'dan')."""
    names = [n.strip() for n in re.split(rf",? {and_word} |, |; ", listing) if n.strip()]
    return [n.removeprefix("the ") for n in names]


def window(text: str, start: int, names: list[str], index: int) -> str:
    """The words naming ``names[index]`` with its neighbours in the list, as the page has them."""
    first = names[max(index - 1, 0)]
    last = names[min(index + 1, len(names) - 1)]
    begin = text.index(first, start)
    end = text.index(last, text.index(names[index], begin)) + len(last)
    return text[begin:end]


def rows(recipe: dict | None = None) -> list[dict[str, object]]:
    """Every row of the edition the stored pages support, in the recipe's order."""
    recipe = recipe or json.loads(RECIPE.read_text(encoding="utf-8"))
    edition = recipe["edition"]
    states = {
        r["iso3"]: r["name"] for r in csv.DictReader((ROOT / "data" / "states.csv").open(encoding="utf-8"))
    }

    def code(name: str) -> str:
        iso3 = match_state(name, states)
        if iso3 is None:
            raise SystemExit(f"no state matches {name!r}: add it to states.csv or NAME_ALIASES")
        return iso3

    out: list[dict[str, object]] = []
    for cell in recipe["lists"]:
        text = page_text(cell["source_id"])
        start = text.index(cell["before"], text.index(cell.get("anchor", ""))) + len(cell["before"])
        end = text.index(cell["after"], start)
        names = split_list(text[start:end], cell.get("and_word", "and"))
        for i, name in enumerate(names):
            evidence = window(text, start, names, i)
            out.append(_row(edition, cell, code(name), name, evidence))
    for named in recipe["named"]:
        text = page_text(named["source_id"])
        if named["words"] not in text:
            raise SystemExit(f"{named['source_id']}: the words {named['words']!r} are not on the page")
        out.append(_row(edition, named, code(named["name"]), named["name"], named["words"]))
    return out


def _row(edition: int, cell: dict, iso3: str, name: str, evidence: str) -> dict[str, object]:
    return {
        "edition": edition,
        "process_id": cell["process_id"],
        "iso3": iso3,
        "role": cell["role"],
        "source_id": cell["source_id"],
        "name_in_source": name,
        "evidence": evidence,
        "note": cell["note"],
        "listing": cell.get("listing", "complete"),
    }


def main() -> None:
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())


if __name__ == "__main__":
    main()
