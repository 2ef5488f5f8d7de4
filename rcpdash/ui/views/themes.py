"""The themes view: who works on what, in the report's words."""

from __future__ import annotations

from dash import html

from ... import figures
from ...config import REGION_LABELS, THEMES
from ...urlstate import ViewState
from .common import (
    data_table,
    empty_message,
    figure_card,
    filter_summary,
    theme_cells,
)


def render_themes(vs: ViewState) -> list:
    cells = theme_cells(vs)
    if cells.empty:
        return [empty_message("No process under these filters is tied to a policy theme in the report.")]
    fig = figures.theme_matrix(cells, THEMES, f"Who works on what · {filter_summary(vs)}")
    children = [
        figure_card(
            "themes",
            fig,
            "rcpdash-themes",
            "A square marks a theme the report ties to the process; hover for its words, click for every "
            "quote. The theme filter above applies to every view: pick 'Trafficking and smuggling' and "
            "the map, overlaps and centrality show who cooperates on trafficking.",
        )
    ]
    if vs.process and vs.process in set(cells.process_id):
        mine = cells[cells.process_id == vs.process]
        children.append(
            html.Div(
                [
                    html.H3(f"{mine.process.iloc[0]}: {len(mine)} theme(s)", className="table-title"),
                    html.Ul(
                        [
                            html.Li(
                                [
                                    html.Strong(THEMES[r.theme] + ": "),
                                    html.Q(r.evidence),
                                    f" (line {r.source_line})",
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
        cells.assign(region=cells.region.map(REGION_LABELS), theme=cells.theme.map(THEMES))
        .pivot_table(index="theme", columns="region", values="process_id", aggfunc="count", fill_value=0)
        .reset_index()
    )
    children += [
        data_table(counts, "theme-counts", "Processes per theme and region"),
        data_table(
            cells.assign(theme=cells.theme.map(THEMES)).drop(columns=["process_id", "region"]),
            "themes",
            "Every theme with the report's words",
        ),
    ]
    return children
