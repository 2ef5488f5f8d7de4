"""Every component id in one place (kebab-case, domain first)."""

URL = "url"
VIEW_STATE = "view-state"
NOTICE = "notice"
VIEW_CONTENT = "view-content"
CSV_DOWNLOAD = "csv-download"

REGION_FILTER = "region-filter"
KIND_FILTER = "kind-filter"
ROLE_FILTER = "role-filter"
YEAR_FILTER = "year-filter"
THEME_FILTER = "theme-filter"

METRIC_SELECT = "metric-select"
SIDE_SELECT = "side-select"
TOP_SELECT = "top-select"
MEASURE_SELECT = "measure-select"
CREGION_SELECT = "cregion-select"
STATE_SELECT = "state-select"
PROCESS_SELECT = "process-select"
YEAR_SLIDER = "year-slider"
PLAY_BUTTON = "play-button"
PLAY_TIMER = "play-timer"

#: Wrappers of the view options, shown only in the views that use them.
OPTION_WRAPPERS = {
    METRIC_SELECT: ("centrality",),
    SIDE_SELECT: ("centrality",),
    TOP_SELECT: ("centrality",),
    MEASURE_SELECT: ("overlaps",),
    CREGION_SELECT: ("overlaps",),
    YEAR_SLIDER: ("timeline",),
    STATE_SELECT: ("state",),
    PROCESS_SELECT: ("map", "process"),
}


def wrapper(control_id: str) -> str:
    """The id of the labelled wrapper around a view option."""
    return f"{control_id}-wrapper"


WHATIF_PANEL = "whatif-panel"

#: Pattern-matching ids: figures whose clicks select something, tables that download as CSV, and the
#: what-if controls (they appear only in profiles).
PICK = "pick"
CSV_BUTTON = "csv-button"
WHATIF_EDIT = "whatif-edit"
WHATIF_RESET = "whatif-reset"


def pick(name: str) -> dict[str, str]:
    return {"type": PICK, "name": name}


def csv_button(table: str) -> dict[str, str]:
    return {"type": CSV_BUTTON, "table": table}


def view_link(view: str) -> str:
    """The header link that opens `view`."""
    return f"view-link-{view}"


def whatif_edit(action: str) -> dict[str, str]:
    """The what-if dropdown that adds ("+") or removes ("-") a membership."""
    return {"type": WHATIF_EDIT, "action": action}


def whatif_reset() -> dict[str, str]:
    return {"type": WHATIF_RESET, "action": "reset"}
