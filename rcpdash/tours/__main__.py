"""``python -m rcpdash.tours export default|TOUR.json FILE [--lang en|fr|es]``: a tour taken away.

FILE's extension picks the format: ``.html`` (one offline, interactive file), ``.pptx`` (slides) or
``.pdf``. Also ``rcpdash export-tour``. Exit codes: 0 written, 1 the tour or the file could not be
used (the problems are printed), 2 the command line was wrong.

This module is an entry point, like ``app.py``: it draws the views (rcpdash.ui), which the rest of
the tours package never imports.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..i18n import LANGUAGES, using

OK, PROBLEM, USAGE = 0, 1, 2


def add_arguments(sub: argparse.ArgumentParser) -> None:
    """The arguments of the export command (shared with ``rcpdash export-tour``)."""
    sub.add_argument(
        "tour", metavar="default|TOUR.json", help="the shipped tour, or a tour file saved from the app"
    )
    sub.add_argument("file", metavar="FILE", help="the file to write: .html, .pptx or .pdf")
    sub.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the deck (default: en)")


def export(args: argparse.Namespace) -> int:
    """Write the tour `args.tour` to `args.file`; print what was written or every problem."""
    from .. import tours
    from ..datasets import dataset
    from .deck import DeckError, deck_format, write_deck

    with using(args.lang):
        target = Path(args.file)
        try:
            deck_format(target)
        except DeckError as error:
            return _usage(str(error))
        if not target.parent.is_dir():
            return _usage(f"{target.parent} is not a folder: cannot write {target.name} there")
        ds = dataset()
        states, processes = frozenset(ds.states.iso3), frozenset(ds.processes.process_id)
        if args.tour == "default":
            tour, shipped = tours.default_tour(), True
        else:
            source = Path(args.tour)
            if not source.is_file():
                return _usage(f"{source} is not a file (name a tour file saved from the app, or 'default')")
            try:
                tour = tours.tour_from_json(source.read_bytes(), states, processes)
            except tours.TourError as error:
                return _usage(
                    f"{source} is not a tour this app can show:\n  - " + "\n  - ".join(error.problems)
                )
            shipped = False
        from ..ui.tour_export import build_deck

        try:
            deck = build_deck(tour, args.lang, shipped, states, processes)
            size = write_deck(deck, target)
        except DeckError as error:
            return _usage(str(error))
    print(f"wrote {target} ({len(deck.slides)} steps, {size // 1024} KB)")
    return OK


def _usage(message: str) -> int:
    print(f"rcpdash tours: error: {message}", file=sys.stderr)
    return USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m rcpdash.tours`` with `argv` and return its exit code."""
    parser = argparse.ArgumentParser(prog="python -m rcpdash.tours", description="Guided tours.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub = commands.add_parser(
        "export",
        help="Write a tour as one offline HTML file, slides (.pptx) or a PDF.",
        description="Write a tour as one offline HTML file, slides (.pptx) or a PDF.",
    )
    add_arguments(sub)
    args = parser.parse_args(argv)
    try:
        return export(args)
    except OSError as error:  # unreadable tour, full disk, no permission: a message, not a traceback
        print(f"rcpdash tours: error: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return PROBLEM


if __name__ == "__main__":
    sys.exit(main())
