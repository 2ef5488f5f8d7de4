"""The shell: header with the view tabs, the filter bar, the view options and the view area.

Languages: the shell is built once per page load, in English, and never rebuilt (rebuilding the
controls would reset them). Its words are re-translated by one callback on the page's language
(callbacks.translate_shell): every text of the shell carries an ``ids.ui_text(english)`` id, and the
options, placeholders and marks of the controls are produced by the functions below, which that
callback calls again in the new language. Because the language lives in the URL like the rest of the
state, a link, a reload or back/forward restores it through the same path as any other change.
"""

from __future__ import annotations

from dash import dcc, html

from .. import datasets, i18n
from ..config import KIND_LABELS, PROCESS_KINDS, THEMES
from ..figures import MEASURE_LABELS, METRIC_LABELS
from ..i18n import LANGUAGE_NAMES, LANGUAGES, N_, _
from ..queries import node_options, options
from ..urlstate import DEFAULT, REGION_FILTERS, TOP_CHOICES, ViewState
from . import dataset_panel, ids, presenter
from .dataset_panel import dataset_bar, source_line
from .dataset_values import SLIDER_ALL, compare_options, dataset_line, first_year, slider_marks, year_options
from .labels import REGION_FILTER_LABELS
from .translated import dropdown_labels, text
from .views import VIEW_LABELS, VIEWS

#: One timeline frame every 300 ms while playing.
PLAY_INTERVAL_MS = 300
PLAY_LABEL, PAUSE_LABEL = N_("▶ Play"), N_("❚❚ Pause")


def _labelled(control_id: str, label: str, control, hidden: bool = True) -> html.Div:
    return html.Div(
        [
            html.Label(text(label), htmlFor=control_id, id=f"{control_id}-label", className="option-label"),
            control,
        ],
        id=ids.wrapper(control_id),
        className="view-option",
        hidden=hidden,
    )


def _fieldset(legend: str, control) -> html.Fieldset:
    return html.Fieldset([html.Legend(text(legend)), control], className="filter")


# The options of every control, built in the current language: the layout calls these once, and
# callbacks.translate_shell calls them again when the language changes.


def region_options() -> list[dict]:
    return [{"label": _(REGION_FILTER_LABELS[k]), "value": k} for k in REGION_FILTERS]


#: Said in the year filter's place on the timeline, whose slider is its one year control.
YEAR_FILTER_NOTE = N_("Year: on the timeline, the slider under the filters sets it.")


def matrix_region_options(vs: ViewState | None = None) -> list[dict]:
    """The overlaps matrix's regions: those the region filter leaves out can be seen, not picked
    (the filter wins, see ViewState.matrix_region)."""
    kept = set(REGION_FILTERS) if vs is None else set(vs.regions)
    return [{**option, "disabled": option["value"] not in kept} for option in region_options()]


def kind_options() -> list[dict]:
    return [{"label": _(KIND_LABELS[k]), "value": k} for k in PROCESS_KINDS]


def role_options() -> list[dict]:
    return [
        {"label": _("Members only"), "value": "members"},
        {"label": _("Members and observers"), "value": "all"},
    ]


def source_options() -> list[dict]:
    return [
        {"label": _("Report and reference sources"), "value": "all"},
        {"label": _("Only what the report names"), "value": "report"},
    ]


def edition_options() -> list[dict]:
    return [
        {"label": _("2005 report"), "value": "2005"},
        {"label": _("2013 sources"), "value": "2013"},
        {"label": _("Both, 2005 to 2013"), "value": "both"},
    ]


def theme_options() -> list[dict]:
    return [{"label": _(label), "value": key} for key, label in THEMES.items()]


def metric_options() -> list[dict]:
    return [{"label": _(v), "value": k} for k, v in METRIC_LABELS.items()]


def side_options() -> list[dict]:
    return [{"label": _("States"), "value": "state"}, {"label": _("Processes"), "value": "process"}]


def measure_options() -> list[dict]:
    return [{"label": _(v), "value": k} for k, v in MEASURE_LABELS.items()]


def state_options() -> list[dict]:
    """States in the current language and its alphabetical order."""
    return options(datasets.dataset())[0]


def process_options() -> list[dict]:
    return options(datasets.dataset())[1]


def focus_options() -> list[dict]:
    """Every state and process, as the network's ``focus`` names them, for its search box."""
    return node_options(*options(datasets.dataset()))


def graph_options() -> list[dict]:
    return [
        {"label": _("States and processes"), "value": "two_mode"},
        {"label": _("Processes linked by shared states"), "value": "processes"},
    ]


def multilateral_options() -> list[dict]:
    return [{"label": _("Multilateral only (three or more states)"), "value": "1"}]


def colour_options() -> list[dict]:
    return [
        {"label": _("Regions and continents"), "value": "region"},
        {"label": _("Communities"), "value": "community"},
    ]


#: (component id, property, builder): what translate_shell recomputes in the new language.
TRANSLATED_PROPS: list[tuple[str | dict, str, object]] = [
    (ids.REGION_FILTER, "options", region_options),
    (ids.KIND_FILTER, "options", kind_options),
    (ids.ROLE_FILTER, "options", role_options),
    (ids.SOURCE_FILTER, "options", source_options),
    (ids.EDITION_FILTER, "options", edition_options),
    (ids.THEME_FILTER, "options", theme_options),
    (ids.THEME_FILTER, "placeholder", lambda: _("Any theme")),
    (ids.METRIC_SELECT, "options", metric_options),
    (ids.SIDE_SELECT, "options", side_options),
    (ids.MEASURE_SELECT, "options", measure_options),
    (ids.STATE_SELECT, "placeholder", lambda: _("Pick a state…")),
    (ids.PROCESS_SELECT, "placeholder", lambda: _("Pick a process…")),
    (ids.FOCUS_SELECT, "placeholder", lambda: _("Find a state or process…")),
    (ids.COMPARE_PROCESSES, "placeholder", lambda: _("Pick 2 to 8 processes…")),
    (ids.COMPARE_STATES, "placeholder", lambda: _("Pick 2 to 6 states…")),
    (ids.GRAPH_SELECT, "options", graph_options),
    (ids.MULTILATERAL_SWITCH, "options", multilateral_options),
    (ids.COLOUR_SELECT, "options", colour_options),
    (ids.VIEW_NAV, "aria-label", lambda: _("Views")),
    (ids.FILTER_BAR, "aria-label", lambda: _("Filters")),
    (ids.VIEW_OPTIONS, "aria-label", lambda: _("View options")),
    (ids.LANGUAGE_SWITCH, "aria-label", lambda: _("Language")),
    *[
        (dropdown, "labels", dropdown_labels)
        for dropdown in (
            ids.THEME_FILTER,
            ids.YEAR_FILTER,
            ids.METRIC_SELECT,
            ids.TOP_SELECT,
            ids.CREGION_SELECT,
            ids.STATE_SELECT,
            ids.PROCESS_SELECT,
            ids.FOCUS_SELECT,
            ids.COMPARE_PROCESSES,
            ids.COMPARE_STATES,
        )
    ],
    *presenter.TRANSLATED_PROPS,
    *dataset_panel.TRANSLATED_PROPS,
]


def language_switch() -> html.Div:
    """EN / FR / ES buttons. Each is named in its own language (aria-label and lang), so a reader
    finds theirs whatever the page's language; the current one is pressed (aria-pressed)."""
    return html.Div(
        [
            html.Button(
                code.upper(),
                id=ids.language_button(code),
                type="button",
                lang=code,
                className="language-button",
                title=LANGUAGE_NAMES[code],
                # The name starts with the visible "EN"/"FR"/"ES" (WCAG 2.5.3: speech users say what they see).
                **{
                    "aria-label": f"{code.upper()} {LANGUAGE_NAMES[code]}",
                    "aria-pressed": "true" if code == "en" else "false",
                },
            )
            for code in LANGUAGES
        ],
        id=ids.LANGUAGE_SWITCH,
        className="language-switch",
        role="group",
        **{"aria-label": _("Language")},
    )


def header() -> html.Header:
    return html.Header(
        [
            html.Div(
                [
                    html.H1("rcpdash"),
                    text(
                        N_("Who cooperates with whom on migration · IOM 2005"), html.P, className="subtitle"
                    ),
                ],
                className="brand",
            ),
            # Real links, not tabs: keyboard-operable, open in a new tab, and each is a shareable URL.
            html.Nav(
                [
                    dcc.Link(
                        text(VIEW_LABELS[v]), id=ids.view_link(v), href=f"?view={v}", className="view-link"
                    )
                    for v in VIEWS
                ],
                id=ids.VIEW_NAV,
                className="view-nav",
                **{"aria-label": _("Views")},
            ),
            language_switch(),
            presenter.header_controls(),
        ],
        className="app-header",
    )


def filter_bar() -> html.Section:
    return html.Section(
        [
            _fieldset(
                N_("Regions (where the report places a process)"),
                dcc.Checklist(
                    id=ids.REGION_FILTER, options=region_options(), value=list(DEFAULT.regions), inline=True
                ),
            ),
            _fieldset(
                N_("Kinds of arrangement"),
                dcc.Checklist(
                    id=ids.KIND_FILTER, options=kind_options(), value=list(DEFAULT.kinds), inline=True
                ),
            ),
            _fieldset(
                N_("Roles"),
                dcc.RadioItems(id=ids.ROLE_FILTER, options=role_options(), value=DEFAULT.roles, inline=True),
            ),
            _fieldset(
                N_("Memberships from"),
                dcc.RadioItems(
                    id=ids.SOURCE_FILTER, options=source_options(), value=DEFAULT.sources, inline=True
                ),
            ),
            _fieldset(
                N_("Edition"),
                dcc.RadioItems(
                    id=ids.EDITION_FILTER, options=edition_options(), value=DEFAULT.edition, inline=True
                ),
            ),
            html.Div(
                [
                    html.Label(
                        text(N_("Policy themes")),
                        htmlFor=ids.THEME_FILTER,
                        id=f"{ids.THEME_FILTER}-label",
                        className="option-label",
                    ),
                    dcc.Dropdown(
                        id=ids.THEME_FILTER,
                        options=theme_options(),
                        value=[],
                        multi=True,
                        placeholder=_("Any theme"),
                        labels=dropdown_labels(),
                    ),
                ],
                className="filter filter-themes",
            ),
            html.Div(
                [
                    html.Label(
                        text(N_("As of")),
                        htmlFor=ids.YEAR_FILTER,
                        id=f"{ids.YEAR_FILTER}-label",
                        className="option-label",
                    ),
                    dcc.Dropdown(
                        id=ids.YEAR_FILTER,
                        options=year_options(),
                        value="all",
                        clearable=False,
                        searchable=True,
                        labels=dropdown_labels(),
                    ),
                ],
                className="filter filter-year",
                id=ids.wrapper(ids.YEAR_FILTER),
            ),
            # The timeline has one year control, its slider; the filter's place says so there.
            # (A wrapper with a plain id: a callback cannot target a translated text's id, whose
            # key has a full stop, and Dash reads "id.property" up to the last one.)
            html.Div(
                text(YEAR_FILTER_NOTE, html.P),
                id=ids.YEAR_FILTER_NOTE,
                className="filter filter-note",
                hidden=True,
            ),
        ],
        id=ids.FILTER_BAR,
        className="filter-bar",
        **{"aria-label": _("Filters")},
    )


def filter_panel() -> html.Div:
    """The filters, folded to one line that says what is active (the first screen belongs to the
    chart), with a link that resets them; the words and the link follow the view (callbacks)."""
    return html.Div(
        [
            html.Details(
                [
                    html.Summary(
                        [
                            html.Span(text(N_("Filters")), className="filter-panel-label"),
                            html.Span(id=ids.FILTER_SUMMARY, className="filter-summary"),
                        ],
                        className="filter-panel-summary",
                    ),
                    filter_bar(),
                ],
                id=ids.FILTER_PANEL,
                className="filter-panel",
            ),
            html.Span(
                dcc.Link(text(N_("Reset filters")), id=ids.FILTER_RESET, href="?"),
                id=ids.wrapper(ids.FILTER_RESET),
                className="filter-reset",
                hidden=True,
            ),
        ],
        className="filter-row",
    )


def _compared(control_id: str, label: str, choices: list[dict], placeholder: str) -> html.Div:
    """One of the compare view's searchable multi-selects (its values in the order picked)."""
    return _labelled(
        control_id,
        label,
        dcc.Dropdown(
            id=control_id,
            options=choices,
            value=[],
            multi=True,
            searchable=True,
            placeholder=_(placeholder),
            labels=dropdown_labels(),
        ),
    )


def view_options() -> html.Section:
    return html.Section(
        [
            _labelled(
                ids.METRIC_SELECT,
                N_("Metric"),
                dcc.Dropdown(
                    id=ids.METRIC_SELECT,
                    options=metric_options(),
                    value=DEFAULT.metric,
                    clearable=False,
                    labels=dropdown_labels(),
                ),
            ),
            _labelled(
                ids.SIDE_SELECT,
                N_("Rank"),
                dcc.RadioItems(id=ids.SIDE_SELECT, options=side_options(), value=DEFAULT.side, inline=True),
            ),
            _labelled(
                ids.TOP_SELECT,
                N_("Show top"),
                dcc.Dropdown(
                    id=ids.TOP_SELECT,
                    options=[{"label": str(n), "value": n} for n in TOP_CHOICES],
                    value=DEFAULT.top,
                    clearable=False,
                    labels=dropdown_labels(),
                ),
            ),
            _labelled(
                ids.MEASURE_SELECT,
                N_("Overlap measure"),
                dcc.RadioItems(
                    id=ids.MEASURE_SELECT, options=measure_options(), value=DEFAULT.measure, inline=True
                ),
            ),
            _labelled(
                ids.CREGION_SELECT,
                N_("States of region"),
                dcc.Dropdown(
                    id=ids.CREGION_SELECT,
                    options=matrix_region_options(),
                    value=DEFAULT.cregion,
                    clearable=False,
                    labels=dropdown_labels(),
                ),
            ),
            html.Div(
                [
                    html.Label(
                        text(N_("Year")),
                        htmlFor=ids.YEAR_SLIDER,
                        id=f"{ids.YEAR_SLIDER}-label",
                        className="option-label",
                    ),
                    html.Div(
                        [
                            html.Button(
                                _(PLAY_LABEL), id=ids.PLAY_BUTTON, type="button", className="play-button"
                            ),
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
                                    # No number box: it would read 2006 for "All" (one step past 2005).
                                    # The marks, the headline and the network's title say the year.
                                    allow_direct_input=False,
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
                N_("State"),
                dcc.Dropdown(
                    id=ids.STATE_SELECT,
                    options=state_options(),
                    value=None,
                    placeholder=_("Pick a state…"),
                    labels=dropdown_labels(),
                ),
            ),
            _labelled(
                ids.PROCESS_SELECT,
                N_("Process"),
                dcc.Dropdown(
                    id=ids.PROCESS_SELECT,
                    options=process_options(),
                    value=None,
                    placeholder=_("Pick a process…"),
                    labels=dropdown_labels(),
                ),
            ),
            _labelled(
                ids.FOCUS_SELECT,
                N_("Find in the network"),
                dcc.Dropdown(
                    id=ids.FOCUS_SELECT,
                    options=focus_options(),
                    value=None,
                    placeholder=_("Find a state or process…"),
                    labels=dropdown_labels(),
                ),
            ),
            _labelled(
                ids.GRAPH_SELECT,
                N_("Graph"),
                dcc.RadioItems(
                    id=ids.GRAPH_SELECT, options=graph_options(), value=DEFAULT.graph, inline=True
                ),
            ),
            _labelled(
                ids.MULTILATERAL_SWITCH,
                N_("Arrangements"),
                dcc.Checklist(
                    id=ids.MULTILATERAL_SWITCH, options=multilateral_options(), value=[], inline=True
                ),
            ),
            _labelled(
                ids.COLOUR_SELECT,
                N_("Colour"),
                dcc.RadioItems(
                    id=ids.COLOUR_SELECT, options=colour_options(), value=DEFAULT.colour, inline=True
                ),
            ),
            _compared(
                ids.COMPARE_PROCESSES,
                N_("Processes to compare"),
                compare_options()[1],
                N_("Pick 2 to 8 processes…"),
            ),
            _compared(
                ids.COMPARE_STATES, N_("States to compare"), compare_options()[0], N_("Pick 2 to 6 states…")
            ),
        ],
        id=ids.VIEW_OPTIONS,
        className="view-options",
        **{"aria-label": _("View options")},
    )


def build_layout() -> html.Div:
    """The whole page. Everything a user changes is written to the URL (see callbacks.sync_state)."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW_STATE),
            # Which view the page shows (its cache key): render_view skips a view already drawn.
            dcc.Store(id=ids.VIEW_DRAWN),
            # The uploaded dataset: this browser tab only (kept across reloads), never on the server.
            dcc.Store(id=ids.DATASET_STORE, storage_type="session"),
            # The shell is built in English: only another language needs translate_shell.
            dcc.Store(id=ids.LANGUAGE, data=i18n.DEFAULT_LANGUAGE),
            dcc.Store(id=ids.DOCUMENT_META),
            dcc.Download(id=ids.CSV_DOWNLOAD),
            dcc.Store(id=ids.CSV_REQUEST),
            *presenter.stores(),
            html.A(text(N_("Skip to main content")), href=f"#{ids.VIEW_CONTENT}", className="skip-link"),
            header(),
            presenter.presenter_controls(),
            presenter.tour_bar(),
            dataset_bar(),
            filter_panel(),
            view_options(),
            html.Div(id=ids.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            dcc.Loading(
                # tabIndex -1: the skip link moves keyboard focus here (a plain <main> would only scroll).
                html.Main(id=ids.VIEW_CONTENT, className="view-content main-target", tabIndex="-1"),
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
