"""Every component id in one place (kebab-case, domain first)."""

URL = "url"
VIEW_STATE = "view-state"
VIEW_DRAWN = "view-drawn"
NOTICE = "notice"
VIEW_CONTENT = "view-content"
CSV_DOWNLOAD = "csv-download"
#: Which table's CSV was asked for: {"table": name, "at": time}, set by assets/rcpdash.js on a click.
CSV_REQUEST = "csv-request"

REGION_FILTER = "region-filter"
KIND_FILTER = "kind-filter"
ROLE_FILTER = "role-filter"
SOURCE_FILTER = "source-filter"
EDITION_FILTER = "edition-filter"
YEAR_FILTER = "year-filter"
THEME_FILTER = "theme-filter"

METRIC_SELECT = "metric-select"
SIDE_SELECT = "side-select"
TOP_SELECT = "top-select"
MEASURE_SELECT = "measure-select"
CREGION_SELECT = "cregion-select"
STATE_SELECT = "state-select"
PROCESS_SELECT = "process-select"
FOCUS_SELECT = "focus-select"  # the network's search: find a node and focus it
GRAPH_SELECT = "graph-select"  # the network's graph: two-mode or processes only
MULTILATERAL_SWITCH = "multilateral-switch"
COLOUR_SELECT = "colour-select"  # the network's colours: regions or communities
COMPARE_PROCESSES = "compare-processes"  # the compare view's processes (a searchable multi-select)
COMPARE_STATES = "compare-states"  # the compare view's states
YEAR_SLIDER = "year-slider"
PLAY_BUTTON = "play-button"
PLAY_TIMER = "play-timer"

#: The view options, in the option bar's order; each view declares which it shows (its VIEW.options),
#: and rcpdash.ui.views.OPTION_WRAPPERS shows each wrapper only in those views.
VIEW_OPTION_CONTROLS = (
    METRIC_SELECT,
    SIDE_SELECT,
    TOP_SELECT,
    MEASURE_SELECT,
    CREGION_SELECT,
    YEAR_SLIDER,
    STATE_SELECT,
    PROCESS_SELECT,
    FOCUS_SELECT,
    GRAPH_SELECT,
    MULTILATERAL_SWITCH,
    COLOUR_SELECT,
    COMPARE_PROCESSES,
    COMPARE_STATES,
)


def wrapper(control_id: str) -> str:
    """The id of the labelled wrapper around a view option."""
    return f"{control_id}-wrapper"


WHATIF_PANEL = "whatif-panel"

#: Pattern-matching ids: figures whose clicks select something, tables that download as CSV, and the
#: what-if controls (they appear only in profiles).
PICK = "pick"
WHATIF_EDIT = "whatif-edit"
WHATIF_RESET = "whatif-reset"


def pick(name: str) -> dict[str, str]:
    return {"type": PICK, "name": name}


def view_link(view: str) -> str:
    """The header link that opens `view`."""
    return f"view-link-{view}"


def whatif_edit(action: str) -> dict[str, str]:
    """The what-if dropdown that adds ("+") or removes ("-") a membership."""
    return {"type": WHATIF_EDIT, "action": action}


def whatif_reset() -> dict[str, str]:
    return {"type": WHATIF_RESET, "action": "reset"}


# Presenter mode and guided tours (rcpdash.ui.presenter)
APP_ROOT = "app-root"
PRESENT_TOGGLE = "present-toggle"  # header button: enter presenter mode
PRESENT_EXIT = "present-exit"  # visible in presenter mode (Escape clicks it)
TOUR_BAR = "tour-bar"
TOUR_COUNTER = "tour-counter"  # "Step 3 of 9"
TOUR_TITLE = "tour-title"
TOUR_CAPTION = "tour-caption"
TOUR_END = "tour-end"
TOUR_START_DEFAULT = "tour-start-default"
TOUR_START_OWN = "tour-start-own"
OWN_TOUR = "own-tour"  # dcc.Store(storage_type="local"): the presenter's own tour as its JSON object
OWN_TOUR_STEPS = "own-tour-steps"
TOUR_STEP_TITLE = "tour-step-title"
#: Said in the year filter's place on the timeline, whose slider is its one year control.
YEAR_FILTER_NOTE = "year-filter-note"
#: The presenter's own tour's title: typed in the tour panel, shown beside the step counter.
TOUR_NAME = "tour-name"
TOUR_NAME_SHOWN = "tour-name-shown"
TOUR_STEP_CAPTION = "tour-step-caption"
TOUR_ADD = "tour-add"
TOUR_CLEAR = "tour-clear"
TOUR_SAVE = "tour-save"
TOUR_DOWNLOAD = "tour-download"
TOUR_UPLOAD = "tour-upload"
TOUR_MESSAGE = "tour-message"
#: Taking a tour away: which tour (radio), one button per format ({"type": TOUR_EXPORT, "format": "pdf"}),
#: the download and its message.
TOUR_EXPORT_WHICH = "tour-export-which"
TOUR_EXPORT = "tour-export"
TOUR_EXPORT_DOWNLOAD = "tour-export-download"
TOUR_EXPORT_MESSAGE = "tour-export-message"
#: Pattern-matching ids: the tour's stepping buttons ({"type": TOUR_NAV, "action": "next"}) and the
#: buttons beside each step of the presenter's own tour ({"type": TOUR_EDIT, "action": "up", "index": 2}).
TOUR_NAV = "tour-nav"
TOUR_EDIT = "tour-edit"


def tour_export(kind: str) -> dict[str, str]:
    """The button that takes a tour away as `kind`: "html", "pptx" or "pdf"."""
    return {"type": TOUR_EXPORT, "format": kind}


def tour_nav(action: str) -> dict[str, str]:
    """The button that steps the tour: "first", "previous", "next" or "last"."""
    return {"type": TOUR_NAV, "action": action}


def tour_edit(action: str, index: int) -> dict[str, object]:
    """The button that moves ("up", "down") or removes ("remove") step `index` (0-based) of the own tour."""
    return {"type": TOUR_EDIT, "action": action, "index": index}


#: Bring your own data: the session store (fingerprint, name, counts and the tables of an upload;
#: empty for the report's data), the upload zone, its messages, reset and download.
DATASET_STORE = "dataset-store"
DATASET_UPLOAD = "dataset-upload"
DATASET_MESSAGES = "dataset-messages"
DATASET_LIMIT_NOTICE = "dataset-limit-notice"
DATASET_RESET = "dataset-reset"
DATASET_EXPORT = "dataset-export"
DATASET_DOWNLOAD = "dataset-download"
DATASET_BADGE = "dataset-badge"
DATASET_SUMMARY = "dataset-summary"
DATASET_SOURCE = "dataset-source"
DATASET_BAR = "dataset-bar"
DATASET_HELP = "dataset-help"

#: The interface language of the page (en, fr, es), written by sync_state from the URL's ``lang``.
LANGUAGE = "interface-language"
#: What the browser tab and <html lang> should say, written when the language changes (assets JS).
DOCUMENT_META = "document-meta"
LANGUAGE_SWITCH = "language-switch"
LANGUAGE_BUTTON = "language-button"
#: Text of the static shell (header, filter and option labels, footer): a pattern-matching id whose
#: key is the English text, so one callback re-translates every one of them when the language changes.
UI_TEXT = "ui-text"
VIEW_NAV = "view-nav"
FILTER_BAR = "filter-bar"
#: The collapsible panel around the filter bar, the words for what is active, and its reset link.
FILTER_PANEL = "filter-panel"
FILTER_SUMMARY = "filter-summary"
FILTER_RESET = "filter-reset"
VIEW_OPTIONS = "view-options"


def language_button(language: str) -> dict[str, str]:
    """The header button that switches the interface to `language`."""
    return {"type": LANGUAGE_BUTTON, "lang": language}


def ui_text(english: str) -> dict[str, str]:
    return {"type": UI_TEXT, "key": english}
