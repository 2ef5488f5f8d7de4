"""Accessibility without a browser: the page's language, and a table behind every chart."""

from __future__ import annotations

import pandas as pd
import pytest

from app import server
from rcpdash.ui import views
from rcpdash.ui.views.tables import matrix_pairs
from rcpdash.urlstate import VIEWS, ViewState

from .ui_helpers import SELECTED, tables_in, walk


def test_the_page_declares_its_language_and_has_one_footer():
    page = server.test_client().get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "<footer" not in page  # Dash's default page wraps its scripts in a second <footer>


def test_matrix_pairs_lists_each_pair_once_largest_first():
    matrix = pd.DataFrame(
        [[5, 2, 0, 3], [2, 4, 1, 0], [0, 1, 2, 3], [3, 0, 3, 6]],
        index=list("abcd"),
        columns=list("abcd"),
    )
    pairs = matrix_pairs(matrix, {"a": "Alpha", "b": "Beta"}, "first", "second", "shared")
    assert pairs.to_dict("records") == [
        {"first": "Alpha", "second": "d", "shared": 3},
        {"first": "c", "second": "d", "shared": 3},
        {"first": "Alpha", "second": "Beta", "shared": 2},
        {"first": "Beta", "second": "c", "shared": 1},
    ]


@pytest.mark.parametrize("view", VIEWS)
def test_every_chart_names_a_table_with_caption_and_headers_on_its_view(view):
    vs = ViewState(view=view, **SELECTED)
    out = views.render(vs)
    tables = tables_in(out)
    cards = [c for c in walk(out) if getattr(c, "className", None) == "figure-card"]
    assert cards, view
    for card in cards:
        props = card.to_plotly_json()["props"]
        assert props["role"] == "figure" and props["aria-label"], (view, props.get("aria-label"))
        table = tables[props["aria-details"]]
        assert table.caption, (view, table.id)
        assert len(table.headers) >= 2 and all(scope == "col" for _text, scope in table.headers)
