"""The shell: header with the view tabs, the filter bar, the view options and the view area."""

from __future__ import annotations

from dash import dcc, html

from .. import analysis
from ..config import KIND_LABELS, LAST_YEAR, PROCESS_KINDS, THEMES
from ..figures import MEASURE_LABELS, METRIC_LABELS
from ..queries import options
from ..urlstate import DEFAULT, REGION_FILTERS, TOP_CHOICES, VIEWS
from . import ids, presenter
from .dataset_panel import dataset_bar, source_line

VIEW_LABELS = {
    "map": "Map",
    "overlaps": "Overlaps",
    "centrality": "Centrality",
    "network": "Network",
    "regions": "Regions",
    "timeline": "Timeline",
    "themes": "Themes",
    "state": "State profile",
    "process": "Process profile",
}
#: One timeline frame every 300 ms while playing.
PLAY_INTERVAL_MS = 300

REGION_FILTER_LABELS = {
    "europe_central_asia": "Europe & Central Asia",
    "asia_pacific": "Asia-Pacific",
    "americas": "Americas",
    "africa": "Africa",
    "other": "Interregional / global",
}


def first_year() -> int:
    """The oldest founding year in the data: where the timeline starts."""
    founded = analysis.dataset().processes["founded"].dropna()
    return int(founded.min()) if len(founded) else 1990


#: The timeline slider's position for "all years" (one step past the report's year).
SLIDER_ALL = LAST_YEAR + 1


def year_options() -> list[dict]:
    """'All years', then every year from 2005 back to the oldest founding year in the data."""
    return [{"label": "All years", "value": "all"}] + [
        {"label": str(y), "value": str(y)} for y in range(LAST_YEAR, first_year() - 1, -1)
    ]


def slider_marks() -> dict:
    """Decade marks on the timeline slider, its start, and 'All' one step past 2005."""
    first = first_year()
    marks = {y: str(y) for y in (1960, 1980, 1990, 2000) if y > first + 5}
    marks.update({first: str(first), SLIDER_ALL: "All"})
    return dict(sorted(marks.items()))


def _labelled(control_id: str, label: str, control, hidden: bool = True) -> html.Div:
    return html.Div(
        [html.Label(label, htmlFor=control_id, className="option-label"), control],
        id=ids.wrapper(control_id),
        className="view-option",
        hidden=hidden,
    )


def _fieldset(legend: str, control) -> html.Fieldset:
    return html.Fieldset([html.Legend(legend), control], className="filter")


def header() -> html.Header:
    return html.Header(
        [
            html.Div(
                [
                    html.H1("rcpdash"),
                    html.P("Who cooperates with whom on migration · IOM 2005", className="subtitle"),
                ],
                className="brand",
            ),
            # Real links, not tabs: keyboard-operable, open in a new tab, and each is a shareable URL.
            html.Nav(
                [
                    dcc.Link(VIEW_LABELS[v], id=ids.view_link(v), href=f"?view={v}", className="view-link")
                    for v in VIEWS
                ],
                className="view-nav",
                **{"aria-label": "Views"},
            ),
            presenter.header_controls(),
        ],
        className="app-header",
    )


def filter_bar() -> html.Section:
    return html.Section(
        [
            _fieldset(
                "Regions (where the report places a process)",
                dcc.Checklist(
                    id=ids.REGION_FILTER,
                    options=[{"label": REGION_FILTER_LABELS[k], "value": k} for k in REGION_FILTERS],
                    value=list(DEFAULT.regions),
                    inline=True,
                ),
            ),
            _fieldset(
                "Kinds of arrangement",
                dcc.Checklist(
                    id=ids.KIND_FILTER,
                    options=[{"label": KIND_LABELS[k], "value": k} for k in PROCESS_KINDS],
                    value=list(DEFAULT.kinds),
                    inline=True,
                ),
            ),
            _fieldset(
                "Roles",
                dcc.RadioItems(
                    id=ids.ROLE_FILTER,
                    options=[
                        {"label": "Members only", "value": "members"},
                        {"label": "Members and observers", "value": "all"},
                    ],
                    value=DEFAULT.roles,
                    inline=True,
                ),
            ),
            html.Div(
                [
                    html.Label("Policy themes", htmlFor=ids.THEME_FILTER, className="option-label"),
                    dcc.Dropdown(
                        id=ids.THEME_FILTER,
                        options=[{"label": label, "value": key} for key, label in THEMES.items()],
                        value=[],
                        multi=True,
                        placeholder="Any theme",
                    ),
                ],
                className="filter filter-themes",
            ),
            html.Div(
                [
                    html.Label("As of", htmlFor=ids.YEAR_FILTER, className="option-label"),
                    dcc.Dropdown(
                        id=ids.YEAR_FILTER,
                        options=year_options(),
                        value="all",
                        clearable=False,
                        searchable=True,
                    ),
                ],
                className="filter filter-year",
            ),
        ],
        className="filter-bar",
        **{"aria-label": "Filters"},
    )


def view_options() -> html.Section:
    state_options, process_options = options(analysis.dataset())
    return html.Section(
        [
            _labelled(
                ids.METRIC_SELECT,
                "Metric",
                dcc.Dropdown(
                    id=ids.METRIC_SELECT,
                    options=[{"label": v, "value": k} for k, v in METRIC_LABELS.items()],
                    value=DEFAULT.metric,
                    clearable=False,
                ),
            ),
            _labelled(
                ids.SIDE_SELECT,
                "Rank",
                dcc.RadioItems(
                    id=ids.SIDE_SELECT,
                    options=[
                        {"label": "States", "value": "state"},
                        {"label": "Processes", "value": "process"},
                    ],
                    value=DEFAULT.side,
                    inline=True,
                ),
            ),
            _labelled(
                ids.TOP_SELECT,
                "Show top",
                dcc.Dropdown(
                    id=ids.TOP_SELECT,
                    options=[{"label": str(n), "value": n} for n in TOP_CHOICES],
                    value=DEFAULT.top,
                    clearable=False,
                ),
            ),
            _labelled(
                ids.MEASURE_SELECT,
                "Overlap measure",
                dcc.RadioItems(
                    id=ids.MEASURE_SELECT,
                    options=[{"label": v, "value": k} for k, v in MEASURE_LABELS.items()],
                    value=DEFAULT.measure,
                    inline=True,
                ),
            ),
            _labelled(
                ids.CREGION_SELECT,
                "States of region",
                dcc.Dropdown(
                    id=ids.CREGION_SELECT,
                    options=[{"label": REGION_FILTER_LABELS[k], "value": k} for k in REGION_FILTERS],
                    value=DEFAULT.cregion,
                    clearable=False,
                ),
            ),
            html.Div(
                [
                    html.Label("Year", htmlFor=ids.YEAR_SLIDER, className="option-label"),
                    html.Div(
                        [
                            html.Button("▶ Play", id=ids.PLAY_BUTTON, type="button", className="play-button"),
                            html.Div(
                                dcc.Slider(
                                    id=ids.YEAR_SLIDER,
                                    min=first_year(),
                                    max=SLIDER_ALL,
                                    step=1,
                                    value=SLIDER_ALL,
                                    marks=slider_marks(),
                                    tooltip={"placement": "bottom", "always_visible": False},
                                    updatemode="mouseup",
                                ),
                                className="year-slider",
                            ),
                        ],
                        className="timeline-controls",
                    ),
                    dcc.Interval(id=ids.PLAY_TIMER, interval=PLAY_INTERVAL_MS, disabled=True),
                ],
                id=ids.wrapper(ids.YEAR_SLIDER),
                className="view-option view-option--wide",
                hidden=True,
            ),
            _labelled(
                ids.STATE_SELECT,
                "State",
                dcc.Dropdown(
                    id=ids.STATE_SELECT, options=state_options, value=None, placeholder="Pick a state…"
                ),
            ),
            _labelled(
                ids.PROCESS_SELECT,
                "Process",
                dcc.Dropdown(
                    id=ids.PROCESS_SELECT, options=process_options, value=None, placeholder="Pick a process…"
                ),
            ),
        ],
        className="view-options",
        **{"aria-label": "View options"},
    )


def dataset_line() -> str:
    """The dataset in one line, for the footer: what the counts on every view are counts of."""
    summary = analysis.dataset().summary()
    roles = summary["memberships_by_role"]
    observers = roles.get("observer", 0) + roles.get("partner", 0)
    return (
        f"{summary['processes']} arrangements · {summary['states_with_memberships']} states and territories · "
        f"{summary['memberships']} cited memberships ({observers} as observers or partners) · "
        f"{summary['process_links']} links between processes · {summary['themes']} policy themes"
    )


def build_layout() -> html.Div:
    """The whole page. Everything a user changes is written to the URL (see callbacks.sync_state)."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW_STATE),
            # The uploaded dataset: this browser tab only (kept across reloads), never on the server.
            dcc.Store(id=ids.DATASET_STORE, storage_type="session"),
            dcc.Download(id=ids.CSV_DOWNLOAD),
            *presenter.stores(),
            html.A("Skip to the view", href="#view-content", className="skip-link"),
            header(),
            presenter.presenter_controls(),
            presenter.tour_bar(),
            dataset_bar(),
            filter_bar(),
            view_options(),
            html.Div(id=ids.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            dcc.Loading(
                html.Main(id=ids.VIEW_CONTENT, className="view-content"),
                type="dot",
                delay_show=300,
            ),
            html.Footer(
                [
                    html.P(dataset_line(), id=ids.DATASET_SUMMARY, className="dataset-summary"),
                    html.Span(source_line(None), id=ids.DATASET_SOURCE),
                ],
                className="app-footer",
            ),
        ],
        id=ids.APP_ROOT,
        className="app",
    )
