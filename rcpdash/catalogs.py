"""Catalog upkeep (a tool, not used while serving): which English texts the source marks for
translation, and which a catalog still lacks.

    python -m rcpdash.catalogs [fr es]    # JSON: the missing texts and where each is used

Kept out of :mod:`rcpdash.i18n`, which everything imports, because it reads the default tour
(:mod:`rcpdash.tours`) and so sits above the layers that i18n sits below.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, load_catalog
from .tours import DEFAULT_TOUR_FILE, default_tour_texts


def source_messages(root: Path | None = None) -> dict[str, list[str]]:
    """Every string literal passed to ``_()`` or ``N_()`` in the package's source, with where it is
    (``path:line``). Read with :mod:`ast`, so comments and strings that merely mention ``_(`` don't count."""
    root = root or Path(__file__).resolve().parent
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


#: The functions that take a counted text: ``ngettext(singular, plural, n)`` and ``count_text(...)``.
PLURAL_FUNCTIONS = ("ngettext", "count_text")


def source_plurals(root: Path | None = None) -> dict[str, tuple[str, list[str]]]:
    """Every counted text in the package's source: the English singular → (its plural, where it is).
    Its catalog entry holds one form per plural category of the language (see
    :data:`rcpdash.i18n.PLURAL_CATEGORIES`)."""
    root = root or Path(__file__).resolve().parent
    found: dict[str, tuple[str, list[str]]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in PLURAL_FUNCTIONS
                and len(node.args) >= 2
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2])
            ):
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                singular, plural = node.args[0].value, node.args[1].value
                found.setdefault(singular, (plural, []))[1].append(where)
    return found


def catalog_texts() -> dict[str, list[str]]:
    """Everything the catalogs must translate: the marked texts of the source, and the English texts
    shipped as data and shown through ``_()`` (the default guided tour)."""
    texts = source_messages()
    for text in default_tour_texts():
        texts.setdefault(text, []).append(DEFAULT_TOUR_FILE.name)
    return texts


def missing(language: str) -> dict[str, list[str]]:
    """The texts `language`'s catalog does not translate yet (counted texts included)."""
    known = load_catalog(language)
    texts = {**catalog_texts(), **{s: where for s, (_plural, where) in source_plurals().items()}}
    return {text: where for text, where in texts.items() if text not in known}


if __name__ == "__main__":  # python -m rcpdash.catalogs: list what each catalog still lacks, as JSON
    wanted = sys.argv[1:] or [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    print(json.dumps({lang: missing(lang) for lang in wanted}, ensure_ascii=False, indent=1))
