"""The examples in the domain layer's docstrings run, and say what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import rcpdash

#: The pure layers (no Dash): their docstrings carry the examples.
MODULES = sorted(
    name
    for _finder, name, _is_package in pkgutil.walk_packages(rcpdash.__path__, "rcpdash.")
    if not name.startswith("rcpdash.ui")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, name


def test_the_examples_are_there():
    finder = doctest.DocTestFinder()
    found = sum(len(t.examples) for name in MODULES for t in finder.find(importlib.import_module(name)))
    assert found >= 8
