"""The ``rcpdash`` command (also ``python -m rcpdash``): serve the dashboard, check, export and convert
datasets, from any folder once the package is installed.

Exit codes: 0 done, 1 the data or a file had a problem (every problem is printed), 2 the command line
was wrong (argparse's usage message).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .config import DATA_DIR

#: Exit codes.
OK, PROBLEM, USAGE = 0, 1, 2


def _fail(message: str) -> int:
    print(f"rcpdash: error: {message}", file=sys.stderr)
    return PROBLEM


def _print_issues(issues: Sequence[object], where: object) -> int:
    print(f"{len(issues)} problem(s) in {where}:", file=sys.stderr)
    for issue in issues:
        print(f"  - {issue}", file=sys.stderr)
    return PROBLEM


def _prefix(text: str) -> str:
    """A URL path prefix as Dash wants it: leading and trailing slash (``rcpdash`` → ``/rcpdash/``)."""
    return "/" + text.strip("/") + "/" if text.strip("/") else "/"


def serve(args: argparse.Namespace) -> int:
    """Validate the dataset, then hand the process over to gunicorn with `make serve`'s settings."""
    from .data import validate_tables

    folder = Path(args.data) if args.data else DATA_DIR
    if not folder.is_dir():
        return _fail(f"{folder} is not a folder (expected the dataset's CSV files in it)")
    if validate_tables(folder)[1]:
        return _fail(f"the dataset in {folder} has problems: run `rcpdash check {folder}` to list them")
    from .server import frame_ancestors

    try:
        frame_ancestors(args.frame_ancestors or os.environ.get("RCPDASH_FRAME_ANCESTORS"))
    except ValueError as error:
        return _fail(str(error))
    env = {**os.environ, "RCPDASH_DATA": str(folder.resolve()), "OPENBLAS_NUM_THREADS": "1"}
    if args.prefix is not None:
        env["DASH_URL_BASE_PATHNAME"] = _prefix(args.prefix)
    if args.frame_ancestors is not None:
        env["RCPDASH_FRAME_ANCESTORS"] = args.frame_ancestors
    command = [sys.executable, "-m", "gunicorn", "--config", "python:rcpdash.gunicorn_conf"]
    command += ["--bind", f"{args.host}:{args.port}"]
    if args.workers is not None:
        command += ["--workers", str(args.workers)]
    command.append("rcpdash.wsgi:server")
    where = env.get("DASH_URL_BASE_PATHNAME", "/")
    print(
        f"rcpdash: serving {folder} on http://{args.host}:{args.port}{where} (Ctrl+C stops)", file=sys.stderr
    )
    sys.stdout.flush()
    sys.stderr.flush()
    # gunicorn takes over this process: signals (Ctrl+C, a supervisor's TERM) reach it directly.
    os.execve(sys.executable, command, env)
    return OK  # not reached


def check(args: argparse.Namespace) -> int:
    """`rcpdash check [DIR]`: the data check of ``python -m rcpdash.data check``."""
    from .data import main as data_main

    return data_main(["check", args.folder] if args.folder else ["check"])


def export(args: argparse.Namespace) -> int:
    """`rcpdash export DIR --to FILE.zip`: the dataset's canonical CSV files in one zip."""
    from .data import validate_tables
    from .upload import export_zip

    folder, target = Path(args.folder), Path(args.to)
    if not folder.is_dir():
        return _fail(f"{folder} is not a folder")
    if target.suffix.lower() != ".zip":
        return _fail(f"{target} should end in .zip")
    if not target.parent.is_dir():
        return _fail(f"{target.parent} is not a folder: cannot write {target.name} there")
    dataset, issues = validate_tables(folder)
    if dataset is None:
        return _print_issues(issues, folder)
    target.write_bytes(export_zip(dataset))
    print(f"wrote {target} ({len(dataset.memberships)} memberships, {len(dataset.processes)} processes)")
    return OK


def convert_cow(args: argparse.Namespace) -> int:
    """`rcpdash convert-cow FILE [--to OUT]`: a Correlates of War IGO state-year file as a dataset
    (a folder of CSV files, or a zip when OUT ends in .zip), checked by the same loader as ``data/``."""
    from .cow import convert
    from .data import validate_tables
    from .upload import zip_files

    source = Path(args.file)
    if not source.is_file():
        return _fail(f"{source} is not a file")
    target = Path(args.to) if args.to else Path(f"{source.stem}-dataset.zip")
    tables, issues, left_out = convert(source.name, source.read_bytes())
    if tables is None:
        return _print_issues(issues, source)
    dataset, issues = validate_tables(tables)
    if dataset is None:
        return _print_issues(issues, source)
    if target.suffix.lower() == ".zip":
        if not target.parent.is_dir():
            return _fail(f"{target.parent} is not a folder: cannot write {target.name} there")
        target.write_bytes(zip_files(tables))
    else:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            return _fail(f"{target} exists and is not an empty folder: choose another --to")
        target.mkdir(parents=True, exist_ok=True)
        for name, content in tables.items():
            (target / name).write_bytes(content)
    print(
        f"wrote {target}: {len(dataset.processes)} organizations, {len(dataset.states)} states, "
        f"{len(dataset.memberships)} membership spells ({left_out} left out: outside the years shown)"
    )
    return OK


def export_tour(args: argparse.Namespace) -> int:
    """`rcpdash export-tour default|TOUR.json FILE`: ``python -m rcpdash.tours export``."""
    from .tours.__main__ import export as export_deck

    return export_deck(args)


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per task, each with its own ``--help``."""
    main_parser = argparse.ArgumentParser(
        prog="rcpdash",
        description="Interstate cooperation on migration (IOM 2005): the dashboard and its data.",
        epilog="`rcpdash COMMAND --help` tells more about a command.",
    )
    main_parser.add_argument("--version", action="version", version=f"rcpdash {__version__}")
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, run: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    sub = command("serve", serve, "Serve the dashboard with gunicorn (the settings of `make serve`).")
    sub.add_argument(
        "--host",
        default=os.environ.get("HOST", "127.0.0.1"),
        help="address to listen on (default: %(default)s; put a reverse proxy in front to publish it)",
    )
    sub.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8050")), help="port (default: %(default)s)"
    )
    sub.add_argument(
        "--data", metavar="DIR", help="dataset folder to serve (default: the report's data, or RCPDASH_DATA)"
    )
    sub.add_argument(
        "--prefix",
        metavar="PATH",
        help="serve under this URL path, e.g. /rcpdash/ (default: DASH_URL_BASE_PATHNAME, else /)",
    )
    sub.add_argument(
        "--frame-ancestors",
        metavar="ORIGINS",
        help="origins allowed to embed the app in a frame, e.g. 'https://uni.example self' (default: RCPDASH_FRAME_ANCESTORS, else none)",
    )
    sub.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default: WEB_CONCURRENCY, else 2)"
    )

    sub = command("check", check, "Validate a dataset folder and print its summary, or every problem.")
    sub.add_argument(
        "folder",
        nargs="?",
        metavar="DIR",
        help="dataset folder (default: the report's data, or RCPDASH_DATA)",
    )

    sub = command("export", export, "Write a dataset folder as a zip of its canonical CSV files.")
    sub.add_argument("folder", metavar="DIR", help="dataset folder")
    sub.add_argument("--to", required=True, metavar="FILE.zip", help="the zip to write")

    sub = command(
        "export-tour", export_tour, "Write a guided tour as one offline HTML file, slides (.pptx) or a PDF."
    )
    from .tours.__main__ import add_arguments as tour_arguments

    tour_arguments(sub)

    sub = command(
        "convert-cow", convert_cow, "Convert a Correlates of War IGO state-year CSV into a dataset."
    )
    sub.add_argument("file", metavar="FILE", help="the CoW file, e.g. state_year_formatv3.csv")
    sub.add_argument(
        "--to",
        metavar="OUT",
        help="a .zip to write, or an empty folder (default: FILE's name + -dataset.zip here)",
    )
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's) and return its exit code."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `rcpdash check | head`: the reader left, nothing more to print
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PROBLEM
    except OSError as error:  # unreadable input, full disk, no permission: a message, not a traceback
        return _fail(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
