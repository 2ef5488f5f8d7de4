"""The floor for the browser benchmark: a bare Dash page drawing the same choropleth.

    python benchmarks/floor_app.py PORT

One ``dcc.Checklist`` of regions and one ``dcc.Graph`` with the app's own world map (same plotly.js,
same local topojson, same figure builder), redrawn when a region is ticked. Nothing else: no tables,
no stores, no URL state. What the app costs beyond this is what rcpdash adds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dash import Dash, Input, Output, dcc, html  # noqa: E402

from rcpdash import analysis, figures, queries  # noqa: E402
from rcpdash.urlstate import REGION_FILTERS, ViewState  # noqa: E402

app = Dash(__name__, assets_folder=str(ROOT / "assets"), serve_locally=True, update_title=None)
# The floor loads only plotly and the map shapes, not the app's own scripts and stylesheets.
app.config.assets_ignore = r".*\.(js|css)$"
REGIONS = list(REGION_FILTERS)


def world_map(regions: list[str]):
    flt = ViewState(regions=tuple(r for r in REGIONS if r in regions)).graph_filter()
    frame = queries.map_counts(analysis.full_graph(), analysis.graph_incidence(flt))
    return figures.world_map(frame, queries.shaped_codes(), "Processes each state belongs to", height=600)


app.layout = html.Div(
    [
        dcc.Checklist(id="regions", options=REGIONS, value=REGIONS, inline=True),
        dcc.Graph(id="map", config={"topojsonURL": "/assets/topojson/"}),
    ]
)


@app.callback(Output("map", "figure"), Input("regions", "value"))
def redraw(regions):
    return world_map(regions or [])


if __name__ == "__main__":
    analysis.warm_up()
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False, dev_tools_disable_version_check=True)
