"""Presenter mode and guided tours: the components, and the plain functions their callbacks call.

Presenter mode and the tour step live in the URL (``present=1``, ``tour=default&step=3``), so a link
restores them and back/forward steps through a tour. Every control on this panel changes the URL; the
URL then drives the view exactly as a pasted link does (see :mod:`rcpdash.ui.callbacks`). The
presenter's own tour is kept in the browser (a ``dcc.Store`` with local storage). The keys (arrows,
PageUp/PageDown from a clicker, Home/End, Escape) are handled in ``assets/presenter.js``, which clicks
the buttons built here.
"""

from __future__ import annotations

from dash import dcc, html

from .. import tours
from ..i18n import N_, _, count_text
from ..tours import Tour, TourError
from ..urlstate import ViewState, parse_query, to_query
from . import ids
from .translated import text
from .views import VIEW_LABELS

NAV_ACTIONS = (
    # action, button text, accessible name
    ("first", N_("◀◀ First"), N_("First step (Home)")),
    ("previous", N_("◀ Previous"), N_("Previous step (Left arrow or Page Up)")),
    ("next", N_("Next ▶"), N_("Next step (Right arrow or Page Down)")),
    ("last", N_("Last ▶▶"), N_("Last step (End)")),
)


PRESENT_TITLE = N_("Presenter mode: full screen, large type, high contrast, no filter bar")
CLEAR_QUESTION = N_("Remove every step of your tour? Save it as a file first to keep it.")
TOUR_BAR_LABEL = N_("Guided tour")


def default_tour_label() -> str:
    """The button that starts the shipped tour, in the current language."""
    default = tours.default_tour()
    return count_text(
        "Present the tour “{title}” ({n} step)",
        "Present the tour “{title}” ({n} steps)",
        len(default.steps),
        title=_(default.title),
    )


#: The presenter's texts that are props rather than spans: layout.TRANSLATED_PROPS re-translates them
#: when the language changes (the spans follow through translated.text).
TRANSLATED_PROPS: list[tuple[str | dict, str, object]] = [
    (ids.PRESENT_TOGGLE, "title", lambda: _(PRESENT_TITLE)),
    (ids.TOUR_START_DEFAULT, "children", default_tour_label),
    (ids.TOUR_CLEAR, "message", lambda: _(CLEAR_QUESTION)),
    (ids.TOUR_BAR, "aria-label", lambda: _(TOUR_BAR_LABEL)),
    *[
        (ids.tour_nav(action), prop, lambda words=words: _(words))
        for action, label, name in NAV_ACTIONS
        for prop, words in (("children", label), ("title", name), ("aria-label", name))
    ],
]


# --------------------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------------------


def header_controls() -> html.Div:
    """The header's entry points: the presenter-mode button and the tours panel."""
    return html.Div(
        [
            html.Button(
                text(N_("Present")),
                id=ids.PRESENT_TOGGLE,
                type="button",
                className="present-toggle enter-fullscreen",
                title=_(PRESENT_TITLE),
            ),
            tour_panel(),
        ],
        className="presenter-entry",
    )


def tour_panel() -> html.Details:
    """Start the shipped tour; build, save and load your own."""
    return html.Details(
        [
            html.Summary(text(N_("Guided tours")), className="tour-panel-summary"),
            html.Div(
                [
                    html.Button(
                        default_tour_label(),
                        id=ids.TOUR_START_DEFAULT,
                        type="button",
                        className="tour-start enter-fullscreen",
                    ),
                    text(N_("Your tour"), html.H2, className="tour-panel-heading"),
                    html.P(
                        text(
                            N_(
                                "Add the view on screen as a step, with a title and a one-line caption. "
                                "Your tour is kept in this browser; save it as a file to take it elsewhere."
                            )
                        ),
                        className="caption",
                    ),
                    html.Div(
                        [
                            _text_input(
                                ids.TOUR_NAME, N_("Tour title"), tours.MAX_TITLE_CHARS, debounce=True
                            ),
                            _text_input(ids.TOUR_STEP_TITLE, N_("Step title"), tours.MAX_TITLE_CHARS),
                            _text_input(
                                ids.TOUR_STEP_CAPTION, N_("Caption (one line)"), tours.MAX_CAPTION_CHARS
                            ),
                            html.Button(
                                text(N_("Add this view")),
                                id=ids.TOUR_ADD,
                                type="button",
                                className="tour-button",
                            ),
                        ],
                        className="tour-add-row",
                    ),
                    html.Ol(id=ids.OWN_TOUR_STEPS, className="own-tour-steps"),
                    html.Div(
                        [
                            html.Button(
                                text(N_("Present your tour")),
                                id=ids.TOUR_START_OWN,
                                type="button",
                                className="tour-button enter-fullscreen",
                                disabled=True,
                            ),
                            html.Button(
                                text(N_("Save as a file")),
                                id=ids.TOUR_SAVE,
                                type="button",
                                className="tour-button",
                            ),
                            dcc.Upload(
                                html.Button(text(N_("Load a file")), type="button", className="tour-button"),
                                id=ids.TOUR_UPLOAD,
                                accept=".json,application/json",
                                multiple=False,
                                className="tour-upload",
                            ),
                            dcc.ConfirmDialogProvider(
                                html.Button(text(N_("Clear")), type="button", className="tour-button"),
                                id=ids.TOUR_CLEAR,
                                message=_(CLEAR_QUESTION),
                            ),
                        ],
                        className="tour-file-row",
                    ),
                    html.Div(
                        id=ids.TOUR_MESSAGE,
                        className="tour-message",
                        role="status",
                        **{"aria-live": "polite"},
                    ),
                    export_row(),
                ],
                className="tour-panel-body",
            ),
        ],
        className="tour-panel",
    )


#: Most steps the app draws as slides or a PDF (about 1.5 s a step: a request must end within a
#: minute, the server's timeout); the command line takes up to rcpdash.tours.deck.MAX_DECK_STEPS.
MAX_APP_IMAGE_STEPS = 20
#: The formats a tour can be taken away in: (format, button text).
EXPORT_FORMATS = (
    ("html", N_("Offline page (.html)")),
    ("pptx", N_("Slides (.pptx)")),
    ("pdf", N_("PDF")),
)


def export_row() -> html.Details:
    """Take a tour away: the shipped tour or your own, as one offline HTML file, slides or a PDF.
    Folded until asked for, so the open panel covers no more of the page than it did."""
    return html.Details(
        [
            html.Summary(
                text(N_("Take a tour away"), html.H2, className="tour-panel-heading"),
                className="tour-export-summary",
            ),
            html.P(
                text(
                    N_(
                        "One file to present without the app: an HTML page that works offline, "
                        "slides, or a PDF. Slides and PDF take a few seconds per step."
                    )
                ),
                className="caption",
            ),
            dcc.RadioItems(
                id=ids.TOUR_EXPORT_WHICH,
                options=[
                    {"label": text(N_("The shipped tour")), "value": "default"},
                    {"label": text(N_("Your own tour")), "value": "own"},
                ],
                value="default",
                inline=True,
                className="tour-export-which",
            ),
            html.Div(
                [
                    html.Button(
                        text(label),
                        id=ids.tour_export(kind),
                        type="button",
                        className="tour-button",
                    )
                    for kind, label in EXPORT_FORMATS
                ],
                className="tour-file-row",
            ),
            dcc.Loading(
                html.Div(
                    id=ids.TOUR_EXPORT_MESSAGE,
                    className="tour-message",
                    role="status",
                    **{"aria-live": "polite"},
                ),
                delay_show=300,
            ),
            dcc.Download(id=ids.TOUR_EXPORT_DOWNLOAD),
        ],
        className="tour-export",
    )


def _text_input(component_id: str, label: str, max_length: int, debounce: bool = False) -> html.Div:
    return html.Div(
        [
            html.Label(text(label), htmlFor=component_id, className="option-label"),
            dcc.Input(
                id=component_id, type="text", maxLength=max_length, debounce=debounce, className="tour-input"
            ),
        ],
        className="tour-field",
    )


def tour_bar() -> html.Section:
    """Where a tour shows its step: "Step 3 of 9", the title, the caption and the stepping buttons.
    Hidden outside a tour."""
    return html.Section(
        [
            html.Div(
                [
                    # The tour's own title (a presenter names theirs), then "Step 2 of 5".
                    html.P(
                        [
                            html.Span(id=ids.TOUR_NAME_SHOWN, className="tour-name"),
                            html.Span(id=ids.TOUR_COUNTER),
                        ],
                        className="tour-counter",
                    ),
                    html.H2(id=ids.TOUR_TITLE, className="tour-title"),
                    html.P(id=ids.TOUR_CAPTION, className="tour-caption"),
                ],
                className="tour-text",
            ),
            html.Div(
                [
                    *[
                        html.Button(
                            _(text),
                            id=ids.tour_nav(action),
                            type="button",
                            className=f"tour-nav tour-nav--{action}",
                            title=_(label),
                            **{"data-tour-action": action, "aria-label": _(label)},
                        )
                        for action, text, label in NAV_ACTIONS
                    ],
                    html.Button(
                        text(N_("End the tour")), id=ids.TOUR_END, type="button", className="tour-end"
                    ),
                ],
                className="tour-nav-row",
            ),
        ],
        id=ids.TOUR_BAR,
        className="tour-bar",
        hidden=True,
        **{"aria-label": _(TOUR_BAR_LABEL)},
    )


def presenter_controls() -> html.Div:
    """Shown in presenter mode only (by the stylesheet): full screen, and the way out."""
    return html.Div(
        [
            html.Button(
                [
                    text(N_("Full screen"), className="when-windowed"),
                    text(N_("Leave full screen"), className="when-fullscreen"),
                ],
                type="button",
                className="fullscreen-toggle",
            ),
            html.Button(
                text(N_("Leave presenter mode (Esc)")),
                id=ids.PRESENT_EXIT,
                type="button",
                className="present-exit",
            ),
        ],
        className="presenter-controls",
    )


def stores() -> list:
    """The presenter's own tour (kept in the browser across reloads) and the tour file download."""
    return [dcc.Store(id=ids.OWN_TOUR, storage_type="local"), dcc.Download(id=ids.TOUR_DOWNLOAD)]


# --------------------------------------------------------------------------------------------------
# What the callbacks compute
# --------------------------------------------------------------------------------------------------


def own_tour(data: dict | None) -> Tour:
    """The presenter's own tour from its store; an empty tour when there is none or it no longer
    reads (local storage can be edited by hand). Its steps are not checked against the data being
    served: a tour made on an uploaded dataset stays whole while the report's data is shown, and a
    step naming a state this data lacks opens with that part ignored, as a pasted link would."""
    if not data:
        return tours.EMPTY
    try:
        return tours.tour_from_dict(data)
    except TourError:
        return tours.EMPTY


def tour_named(name: str | None, own_data: dict | None, states=(), processes=()) -> Tour | None:
    """The tour a link names: the shipped one, the presenter's own, or None."""
    if name == "default":
        return tours.default_tour()
    if name == "own":
        return own_tour(own_data)
    return None


def navigate(
    trigger: object, search: str | None, own_data: dict | None, states=(), processes=()
) -> str | None:
    """The URL query after a presenter or tour button (`trigger`, a component id) was pressed;
    None when nothing changes."""
    vs, _messages = parse_query(search, states, processes)
    if trigger == ids.PRESENT_TOGGLE:
        return to_query(vs.with_changes(present=True))
    if trigger == ids.PRESENT_EXIT:
        return to_query(vs.with_changes(present=False))
    if trigger == ids.TOUR_END:
        return to_query(vs.with_changes(tour=None, step=None))
    if trigger in (ids.TOUR_START_DEFAULT, ids.TOUR_START_OWN):
        name = "default" if trigger == ids.TOUR_START_DEFAULT else "own"
        tour = tour_named(name, own_data, states, processes)
        if not tour.steps:
            return None
        return tours.step_query(tour, 1, vs.with_changes(present=True, tour=name), states, processes)
    if isinstance(trigger, dict) and trigger.get("type") == ids.TOUR_NAV:
        tour = tour_named(vs.tour, own_data, states, processes)
        if tour is None:
            return None
        step = tours.target_step(trigger["action"], vs.step, len(tour.steps))
        if step is None or (step == vs.step and _on_step(vs, tour, step, states, processes)):
            return None
        return tours.step_query(tour, step, vs, states, processes)
    return None


def _on_step(vs: ViewState, tour: Tour, step: int, states, processes) -> bool:
    """Whether the view on screen is still the one step `step` saved (the presenter may have changed a
    filter since: then pressing the same step again brings its view back)."""
    return to_query(vs) == tours.step_query(tour, step, vs, states, processes)


def tour_bar_content(vs: ViewState, own_data: dict | None, states=(), processes=()) -> dict:
    """What the tour bar shows for state `vs`: hidden, counter, title, caption, and which stepping
    buttons are disabled (first/previous on the first step, next/last on the last)."""
    tour = tour_named(vs.tour, own_data, states, processes)
    if tour is None or not tour.steps:
        return {"hidden": True, "name": "", "counter": "", "title": "", "caption": "", "disabled": [True] * 4}
    count = len(tour.steps)
    step = min(max(vs.step or 1, 1), count)
    saved = tour.steps[step - 1]
    # The shipped tour's texts are English and translated here; a presenter's own are shown as written.
    show = _ if vs.tour == "default" else str
    at_start, at_end = step == 1, step == count
    return {
        "hidden": False,
        "name": show(tour.title) if tour.title else "",
        "counter": _("Step {step} of {count}").format(step=step, count=count),
        "title": show(saved.title),
        "caption": show(saved.caption) if saved.caption else "",
        "disabled": [at_start, at_start, at_end, at_end],
    }


def app_class(vs: ViewState) -> str:
    """The root's class: presenter mode restyles the whole page from the stylesheet; a tour shown in
    it keeps to what fits one screen (assets/presenter.css)."""
    if not vs.present:
        return "app"
    return "app app--present app--touring" if vs.tour else "app app--present"


def step_list(tour: Tour) -> list:
    """The presenter's own steps, each with buttons to move it up or down and to remove it."""
    if not tour.steps:
        return [
            html.Li(_("No steps yet: pick a view, then press “Add this view”."), className="own-tour-empty")
        ]
    items = []
    last = len(tour.steps) - 1
    for index, step in enumerate(tour.steps):
        number = index + 1
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            html.Strong(step.title),
                            html.Span(f" — {step.caption}" if step.caption else ""),
                            html.Code(step.query, className="own-tour-query"),
                        ],
                        className="own-tour-text",
                    ),
                    html.Div(
                        [
                            _edit_button(
                                "up", index, "↑", _("Move step {n} up").format(n=number), index == 0
                            ),
                            _edit_button(
                                "down", index, "↓", _("Move step {n} down").format(n=number), index == last
                            ),
                            _edit_button(
                                "remove", index, _("Remove"), _("Remove step {n}").format(n=number), False
                            ),
                        ],
                        className="own-tour-buttons",
                    ),
                ],
                className="own-tour-step",
            )
        )
    return items


def _edit_button(action: str, index: int, text: str, label: str, disabled: bool) -> html.Button:
    return html.Button(
        text,
        id=ids.tour_edit(action, index),
        type="button",
        className="tour-edit",
        disabled=disabled,
        title=label,
        **{"aria-label": label},
    )


def edit_own_tour(
    trigger: object,
    value: object,
    data: dict | None,
    search: str | None,
    title: str | None,
    caption: str | None,
    filename: str | None = None,
    states=(),
    processes=(),
    tour_name: str | None = None,
) -> tuple[dict | None, list[str], bool]:
    """The presenter's own tour after `trigger` (add, move, remove, clear, or a loaded file whose data
    URL is `value`). Returns the new stored tour, the message for the user (sentences), and whether the
    tour changed. A file that does not read leaves the tour as it was."""
    tour = own_tour(data)
    try:
        if trigger == ids.TOUR_ADD:
            vs, _messages = parse_query(search, states, processes)
            step = tours.step_from_view(vs, title or "", caption or "")
            if not (title or "").strip():
                step = tours.TourStep(query=step.query, title=_(VIEW_LABELS[vs.view]), caption=step.caption)
            named = tour_title(tour_name) or tour.title or _("My tour")
            tour = tours.add_step(Tour(named, tour.steps), step)
            return (
                tour.to_dict(),
                [_("Added step {n}: {title}.").format(n=len(tour.steps), title=step.title)],
                True,
            )
        if trigger == ids.TOUR_CLEAR:
            return None, [_("Your tour is empty now.")], True
        if trigger == ids.TOUR_UPLOAD:
            try:
                loaded = tours.tour_from_json(tours.decode_upload(str(value or "")), states, processes)
            except TourError as exc:
                lead = _("{file} was not loaded; your tour is unchanged.").format(
                    file=filename or _("The file")
                )
                return data, [lead, *exc.problems], False
            message = count_text(
                "Loaded “{title}”: {n} step.",
                "Loaded “{title}”: {n} steps.",
                len(loaded.steps),
                title=loaded.title or filename,
            )
            return loaded.to_dict(), [message], True
        if isinstance(trigger, dict) and trigger.get("type") == ids.TOUR_EDIT:
            index = trigger.get("index")
            if not isinstance(index, int) or isinstance(index, bool):
                return data, [], False  # the page numbers its steps' buttons: a forged request
            action = trigger.get("action")
            if action == "remove":
                removed = tours.remove_step(tour, index)
                message = [_("Removed step {n}.").format(n=index + 1)] if removed != tour else []
                return removed.to_dict(), message, removed != tour
            edited = tours.move_step(tour, index, -1 if action == "up" else 1)
            return edited.to_dict(), [], edited != tour
    except TourError as exc:
        return data, exc.problems, False
    return data, [], False


def export_file(
    which: str | None, kind: str, own_data: dict | None, language: str, states=(), processes=(), record=None
) -> tuple[dict | None, str]:
    """The dcc.Download payload of tour `which` ("default" or "own") as `kind` (html, pptx or pdf),
    and the sentence for the user; no payload when there is nothing to write or it failed."""
    from ..tours.deck import DeckError, render_deck
    from .tour_export import build_deck

    if kind not in {k for k, _label in EXPORT_FORMATS}:
        return None, ""
    shipped = which != "own"
    tour = tours.default_tour() if shipped else own_tour(own_data)
    if not tour.steps:
        return None, _("Your tour has no steps yet: add a view first.")
    if kind != "html" and len(tour.steps) > MAX_APP_IMAGE_STEPS:
        return None, _(
            "Slides and PDF of more than {n} steps take too long for the app: save your tour as a file "
            "and run python -m rcpdash.tours export TOUR.json FILE."
        ).format(n=MAX_APP_IMAGE_STEPS)
    try:
        deck = build_deck(tour, language, shipped, states, processes, record)
        content = render_deck(deck, kind)
    except DeckError as error:
        return None, str(error)
    name = "rcpdash-tour" if shipped else "rcpdash-my-tour"
    payload = dcc.send_bytes(content, f"{name}-{language}.{kind}")
    return payload, count_text(
        "Ready: “{title}”, {n} step.", "Ready: “{title}”, {n} steps.", len(deck.slides), title=deck.title
    )


def tour_title(typed: str | None) -> str:
    """A typed tour title as it is kept: spaces collapsed, at most the title's length ("" for none,
    or for anything a text field cannot send: a forged request's number)."""
    return " ".join(typed.split())[: tours.MAX_TITLE_CHARS] if isinstance(typed, str) else ""


def rename_own_tour(data: dict | None, typed: str | None) -> tuple[dict | None, list[str], bool]:
    """The presenter's tour under the title they typed (kept for the first step while it has none).
    Returns the stored tour, the message and whether it changed, as :func:`edit_own_tour` does."""
    tour, title = own_tour(data), tour_title(typed)
    if not tour.steps or not title or title == tour.title:
        return data, [], False
    return (
        Tour(title, tour.steps).to_dict(),
        [_("Your tour is now called “{title}”.").format(title=title)],
        True,
    )


def tour_file(data: dict | None) -> dict | None:
    """The dcc.Download payload of the presenter's own tour (None when it has no steps)."""
    tour = own_tour(data)
    if not tour.steps:
        return None
    return {"content": tours.tour_to_json(tour), "filename": "rcpdash-tour.json", "type": "application/json"}
