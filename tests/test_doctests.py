"""The examples in the domain layer's docstrings and in docs/api.md run, and say what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import rcpdash

#: Modules that do something when imported: build the one Dash app (wsgi), run the command line
#: (__main__), patch gunicorn (gunicorn_conf).
NOT_IMPORTED = {"rcpdash.wsgi", "rcpdash.__main__", "rcpdash.gunicorn_conf"}
#: The pure layers (no Dash): their docstrings carry the examples.
MODULES = sorted(
    name
    for _finder, name, _is_package in pkgutil.walk_packages(rcpdash.__path__, "rcpdash.")
    if not name.startswith("rcpdash.ui") and name not in NOT_IMPORTED
)
#: The guide for notebooks and scripts.
API_GUIDE = Path(__file__).resolve().parents[1] / "docs" / "api.md"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, name


def test_the_examples_are_there():
    finder = doctest.DocTestFinder()
    found = sum(len(t.examples) for name in MODULES for t in finder.find(importlib.import_module(name)))
    assert found >= 8


def test_the_api_guide_runs_as_written():
    result = doctest.testfile(
        str(API_GUIDE), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted >= 20 and result.failed == 0
