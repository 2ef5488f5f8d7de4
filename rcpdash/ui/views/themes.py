"""The themes view: who works on what, in the report's words."""

from __future__ import annotations

import pandas as pd
from dash import html

from ... import figures
from ...config import REGION_LABELS, THEMES
from ...i18n import N_, _, count_text
from ...urlstate import ViewState
from . import tables
from .common import (
    data_table,
    empty_message,
    figure_card,
    filter_summary,
    in_sentence,
    theme_cells,
)
from .headlines import headline, themes_headline
from .registry import View, pick_row_process

#: Rows of the theme matrix in presenter mode: a projector shows this many with legible labels (all
#: 140 squeezed into the presenter's figure height wrote the names over each other).
PRESENT_THEME_ROWS = 20


def most_themed(cells: pd.DataFrame, n: int) -> pd.DataFrame:
    """The cells of the `n` processes tied to the most themes (ties by name, as the matrix sorts)."""
    counts = cells.groupby(["process_id", "process"]).size().reset_index(name="n")
    keep = counts.sort_values(["n", "process"], ascending=[False, True], kind="stable").process_id.head(n)
    return cells[cells.process_id.isin(set(keep))]


def render_themes(vs: ViewState) -> list:
    cells = theme_cells(vs)
    if cells.empty:
        return [empty_message(_("No process under these filters is tied to a policy theme in the report."))]
    shown = cells
    if vs.present and cells.process_id.nunique() > PRESENT_THEME_ROWS:
        shown = most_themed(cells, PRESENT_THEME_ROWS)
    fig = figures.theme_matrix(
        shown, THEMES, _("Who works on what · {filters}").format(filters=filter_summary(vs))
    )
    per_theme = cells.groupby("theme")["process_id"].nunique()
    children = [
        headline(themes_headline({in_sentence(_(THEMES[t])): n for t, n in per_theme.items()})),
        figure_card(
            "themes",
            fig,
            "rcpdash-themes",
            _(
                "A square marks a theme the report ties to the process; hover for its words, click for every "
                "quote. The theme filter above applies to every view: pick '{theme}' and "
                "the map, overlaps and centrality show who cooperates on trafficking."
            ).format(theme=_(THEMES["trafficking_smuggling"]))
            + (
                " "
                + _("Only the {n} processes tied to the most themes are shown.").format(n=PRESENT_THEME_ROWS)
                if shown is not cells
                else ""
            ),
            table="themes",
        ),
    ]
    if vs.process and vs.process in set(cells.process_id):
        mine = cells[cells.process_id == vs.process]
        children.append(
            html.Div(
                [
                    html.H3(
                        count_text(
                            "{name}: {n} theme", "{name}: {n} themes", len(mine), name=mine.process.iloc[0]
                        ),
                        className="table-title",
                    ),
                    html.Ul(
                        [
                            html.Li(
                                [
                                    html.Strong(_("{label}: ").format(label=_(THEMES[r.theme]))),
                                    html.Q(r.evidence, lang="en"),
                                    " " + _("(line {line})").format(line=r.source_line),
                                ]
                            )
                            for r in mine.itertuples()
                        ]
                    ),
                ],
                className="links-panel",
                id="theme-quotes",
            )
        )
    counts = (
        cells.assign(
            region=cells.region.map(lambda r: _(REGION_LABELS[r])),
            theme=cells.theme.map(lambda t: _(THEMES[t])),
        )
        .pivot_table(index="theme", columns="region", values="process_id", aggfunc="count", fill_value=0)
        .reset_index()
    )
    children += [
        data_table(counts, "theme-counts", _("Processes per theme and region")),
        data_table(
            cells.drop(columns=["process_id", "region"]),
            "themes",
            _("Every theme with the report's words"),
        ),
    ]
    return children


VIEW = View(
    name="themes",
    label=N_("Themes"),
    render=render_themes,
    tables={"themes": tables.theme_cells, "theme-counts": tables.theme_counts_table},
    picks={"themes": pick_row_process},
)
