"""A tour taken away: one offline HTML file, a .pptx deck or a PDF, one step per slide or page.

A :class:`Deck` holds what every format shows: each step's title, caption, figures (plotly figure
dicts), the report's quotes for what the step shows and the source line, and what data and date the
deck was made from. Building one from a tour needs the views (:mod:`rcpdash.ui.tour_export`); this
module only writes it. It imports plotly and the writers' libraries, never Dash.

Words are translated when a writer runs (:func:`rcpdash.i18n._`): call the writers inside
``i18n.using(deck.lang)``, as :func:`write_deck` does.

- HTML: plotly.js of the installed plotly package and the map shapes the figures use are embedded
  once; a Content-Security-Policy forbids every request, so the file works from a USB stick.
- Slides and PDF: each figure as a PNG drawn by kaleido with Debian's Chromium (no network: the
  plotly.js of the plotly package, map shapes from the app's assets).
"""

from __future__ import annotations

import html
import io
import json
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import ASSETS_DIR
from ..i18n import _, using

#: Formats by file extension.
FORMATS = {".html": "html", ".pptx": "pptx", ".pdf": "pdf"}
#: Most steps a deck takes (rendering each figure as an image takes about a second).
MAX_DECK_STEPS = 40
#: Most quotes shown for one step (more would not fit a slide).
MAX_QUOTES = 4
#: The figure images' size in CSS pixels (drawn at twice that for a crisp projection).
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 1500, 650, 2
TOPOJSON_DIR = ASSETS_DIR / "topojson"


class DeckError(ValueError):
    """A deck that cannot be written (a plain sentence for the user)."""


@dataclass(frozen=True)
class Quote:
    """The report's own words (English) and where they stand (``"Report, line 926"``)."""

    text: str
    where: str


@dataclass(frozen=True)
class Slide:
    """One step: its texts (already in the deck's language), figures and quotes."""

    title: str
    caption: str
    figures: tuple[dict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    query: str = "?"


@dataclass(frozen=True)
class Deck:
    """A tour ready to be written. `source`: the source line; `made_from`: the data and date."""

    title: str
    slides: tuple[Slide, ...]
    lang: str = "en"
    source: str = ""
    made_from: str = ""


def deck_format(path: str | Path) -> str:
    """The format a file name asks for (``html``, ``pptx`` or ``pdf``); raises :class:`DeckError`."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise DeckError(
            _("{file}: the file name should end in .html, .pptx or .pdf.").format(file=Path(path).name)
        )
    return FORMATS[suffix]


def render_deck(deck: Deck, kind: str) -> bytes:
    """The bytes of `deck` as `kind` (``html``, ``pptx`` or ``pdf``), in the deck's language."""
    if len(deck.slides) > MAX_DECK_STEPS:
        raise DeckError(
            _("The tour has {count} steps; a deck takes at most {n}.").format(
                count=len(deck.slides), n=MAX_DECK_STEPS
            )
        )
    with using(deck.lang):
        if kind == "html":
            return deck_html(deck).encode("utf-8")
        images = figure_images(deck)
        return deck_pptx(deck, images) if kind == "pptx" else deck_pdf(deck, images)


def write_deck(deck: Deck, path: str | Path) -> int:
    """Write `deck` to `path` in the format its extension names; returns the bytes written."""
    data = render_deck(deck, deck_format(path))
    Path(path).write_bytes(data)
    return len(data)


def counter(step: int, count: int) -> str:
    """ "Step 3 of 9" in the current language."""
    return _("Step {step} of {count}").format(step=step, count=count)


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------

#: No request of any kind: everything the page needs is inside it.
HTML_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:"
)

HTML_STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:#1b1b1b;background:#fff;font-size:1rem;line-height:1.4}
html{font-size:18px}
/* One screen: the plot takes whatever height the texts around it leave. */
.deck{display:flex;flex-direction:column;height:100vh;padding:12px 24px}
.deck-head{display:flex;gap:16px;align-items:baseline;justify-content:space-between;flex-wrap:wrap;
 border-bottom:2px solid #0b3d91;padding-bottom:6px}
.deck-title{font-size:1rem;font-weight:600;margin:0;color:#0b3d91}
.counter{margin:0;font-weight:600}
main{flex:1 1 auto;min-height:0;display:flex;flex-direction:column}
.step{flex:1 1 auto;min-height:0;display:flex;flex-direction:column}
.step[hidden]{display:none}
.step h2{font-size:1.9rem;margin:10px 0 4px}
.step .caption{margin:0 0 8px;font-size:1.15rem;max-width:80em}
.figures{flex:1 1 auto;min-height:300px;display:flex;gap:12px}
.figures>.plot{flex:1 1 0;min-width:0;min-height:300px}
@media (min-width:1600px){html{font-size:24px}}
.quotes{margin:8px 0 0;font-size:.95rem}
.quotes blockquote{margin:4px 0;padding:2px 10px;border-left:4px solid #0b3d91;background:#f3f6fb}
.quotes footer{display:inline;color:#444;margin-left:.5em;font-size:.85rem}
nav{display:flex;gap:8px;margin-top:auto;padding-top:10px;flex-wrap:wrap;align-items:center}
nav button{font:inherit;font-size:1rem;padding:6px 14px;border:2px solid #0b3d91;border-radius:6px;
 background:#fff;color:#0b3d91;cursor:pointer}
nav button:disabled{opacity:.4;cursor:default}
nav button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.keys{color:#444;font-size:.85rem;margin-left:8px}
.deck-foot{font-size:.8rem;color:#333;border-top:1px solid #ccc;margin-top:8px;padding-top:4px}
.deck-foot p{margin:2px 0}
@media (max-width:700px){.deck{height:auto;min-height:100vh}.figures{flex-direction:column}
 .figures>.plot{flex:none;height:55vh}}
@media print{nav{display:none}}
"""

# Stepping: the keys of the app's presenter mode (a clicker sends PageDown/PageUp), plus space.
# The step is kept in the address (#3) so a reload stays on it. A step's figures are drawn the first
# time it is shown (plotly needs a visible box to size them).
HTML_SCRIPT = """
(function () {
  "use strict";
  var figures = JSON.parse(document.getElementById("deck-figures").textContent);
  var steps = document.querySelectorAll(".step");
  var count = steps.length, current = 0;
  var config = {responsive: true, displaylogo: false, showSendToCloud: false, showLink: false,
    showEditInChartStudio: false, modeBarButtonsToRemove: ["lasso2d", "select2d", "sendDataToCloud"]};
  var counterText = document.getElementById("deck-counter").dataset.template;
  // Every font size inside `value` (layout, template, traces) times `factor`.
  function scaleFonts(value, factor) {
    if (!value || typeof value !== "object") { return; }
    Object.keys(value).forEach(function (key) {
      var inner = value[key];
      if (/font$/i.test(key) && inner && typeof inner.size === "number") {
        inner.size = Math.max(9, Math.round(inner.size * factor));
      }
      scaleFonts(inner, factor);
    });
  }
  // The figures are made for a projector: type for a full screen, the legend in rows below the
  // plot. Two figures side by side, or a phone, get smaller type; a wide box gets the legend back
  // in a column at the plot's right, where it leaves the plot its height.
  function fit(figure, box, shared) {
    var width = box.clientWidth, legend = figure.layout.legend;
    if (shared || width < 600) { scaleFonts(figure, width < 600 ? 0.55 : 0.65); }
    if (width >= 900 && legend && legend.orientation === "h" && legend.y < 0) {
      figure.layout.legend = Object.assign({}, legend,
        {orientation: "v", x: 1.01, xanchor: "left", y: 1, yanchor: "top"});
    }
    return figure;
  }
  function draw(index) {
    var plots = steps[index].querySelectorAll(".plot");
    for (var i = 0; i < plots.length; i++) {
      if (plots[i].dataset.drawn) { continue; }
      var figure = fit(figures[index][i], plots[i], plots.length > 1);
      Plotly.newPlot(plots[i], figure.data, figure.layout, config);
      plots[i].dataset.drawn = "1";
    }
  }
  function show(index) {
    index = Math.min(Math.max(index, 0), count - 1);
    for (var i = 0; i < count; i++) { steps[i].hidden = i !== index; }
    current = index;
    document.getElementById("deck-counter").textContent =
      counterText.replace("{step}", index + 1).replace("{count}", count);
    document.querySelector("[data-action=first]").disabled = index === 0;
    document.querySelector("[data-action=previous]").disabled = index === 0;
    document.querySelector("[data-action=next]").disabled = index === count - 1;
    document.querySelector("[data-action=last]").disabled = index === count - 1;
    if (location.hash !== "#" + (index + 1)) { history.replaceState(null, "", "#" + (index + 1)); }
    draw(index);
  }
  var ACTIONS = {
    first: function () { show(0); }, previous: function () { show(current - 1); },
    next: function () { show(current + 1); }, last: function () { show(count - 1); }
  };
  var KEYS = {ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "previous",
    PageUp: "previous", Home: "first", End: "last"};
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var action = KEYS[event.key];
    if (event.key === " " && event.shiftKey) { action = "previous"; }
    if (!action) { return; }
    event.preventDefault();
    ACTIONS[action]();
  });
  document.querySelectorAll("nav button").forEach(function (button) {
    button.addEventListener("click", function () { ACTIONS[button.dataset.action](); });
  });
  function fromAddress() {
    var asked = parseInt(location.hash.slice(1), 10);
    return isNaN(asked) ? 0 : asked - 1;
  }
  // A step typed into the address (#7) or reached by back/forward.
  window.addEventListener("hashchange", function () { show(fromAddress()); });
  show(fromAddress());
})();
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (no "</script>" can close it early)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def plain_figure(figure: dict) -> dict:
    """`figure` with its template resolved (a registered template's name → the template itself) and
    its fixed size removed (the page sizes it), as JSON-ready data and layout."""
    import plotly.graph_objects as go

    resolved = json.loads(go.Figure(figure).to_json())
    layout = {k: v for k, v in resolved.get("layout", {}).items() if k not in ("height", "width")}
    layout["autosize"] = True
    return {"data": resolved.get("data", []), "layout": layout}


def topojson_names(figures: Sequence[dict]) -> list[str]:
    """The map shape files (``world_110m``…) the figures' maps need."""
    names = set()
    for figure in figures:
        layout = figure.get("layout", {})
        for key, geo in layout.items():
            if key.startswith("geo") and isinstance(geo, dict):
                resolution = geo.get("resolution", 110)
                scope = geo.get("scope", "world")
                names.add(f"{scope}_{int(resolution)}m")
    return sorted(names)


def deck_html(deck: Deck) -> str:
    """The deck as one self-contained HTML page (see the module's docstring)."""
    from plotly.offline import get_plotlyjs

    figures = [[plain_figure(f) for f in slide.figures] for slide in deck.slides]
    shapes = {}
    for name in topojson_names([f for step in figures for f in step]):
        path = TOPOJSON_DIR / f"{name}.json"
        if path.is_file():
            shapes[name] = json.loads(path.read_text(encoding="utf-8"))
    count = len(deck.slides)
    sections = []
    for number, slide in enumerate(deck.slides, start=1):
        plots = "".join(
            f'<div class="plot" role="img" aria-label="{_esc(_figure_title(f) or slide.title)}"></div>'
            for f in figures[number - 1]
        )
        quotes = ""
        if slide.quotes:
            quotes = (
                f'<aside class="quotes" aria-label="{_esc(_("The report says"))}">'
                + "".join(
                    f'<blockquote lang="en">“{_esc(q.text)}”<footer>{_esc(q.where)}</footer></blockquote>'
                    for q in slide.quotes
                )
                + "</aside>"
            )
        sections.append(
            f'<section class="step" id="step-{number}" aria-label="{_esc(counter(number, count))}"'
            f"{'' if number == 1 else ' hidden'}>"
            f"<h2>{_esc(slide.title)}</h2>"
            + (f'<p class="caption">{_esc(slide.caption)}</p>' if slide.caption else "")
            + f'<div class="figures">{plots}</div>{quotes}</section>'
        )
    buttons = "".join(
        f'<button type="button" data-action="{action}">{_esc(label)}</button>'
        for action, label in (
            ("first", _("◀◀ First")),
            ("previous", _("◀ Previous")),
            ("next", _("Next ▶")),
            ("last", _("Last ▶▶")),
        )
    )
    template = _("Step {step} of {count}")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_esc(deck.lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{HTML_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="rcpdash">'
        f"<title>{_esc(deck.title)}</title><style>{HTML_STYLE}</style></head><body>"
        '<div class="deck">'
        f'<header class="deck-head"><p class="deck-title">{_esc(deck.title)}</p>'
        f'<p class="counter" id="deck-counter" aria-live="polite" data-template="{_esc(template)}">'
        f"{_esc(counter(1, count))}</p></header>"
        f"<main>{''.join(sections)}</main>"
        f'<nav aria-label="{_esc(_("Guided tour"))}">{buttons}'
        f'<span class="keys">{_esc(_("Keys: arrows, Page Up/Page Down (a clicker), space, Home/End."))}'
        "</span></nav>"
        f'<footer class="deck-foot"><p>{_esc(deck.source)}</p><p>{_esc(deck.made_from)}</p></footer>'
        "</div>"
        # Plotly reads the map shapes from here instead of fetching them (set before plotly.js loads).
        f"<script>window.PlotlyGeoAssets={{topojson:{_script_json(shapes)}}};</script>"
        f"<script>{get_plotlyjs()}</script>"
        f'<script type="application/json" id="deck-figures">{_script_json(figures)}</script>'
        f"<script>{HTML_SCRIPT}</script>"
        "</body></html>\n"
    )


def _figure_title(figure: dict) -> str:
    import re

    title = (figure.get("layout", {}).get("title") or {}).get("text") or ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", title)).strip()


# --------------------------------------------------------------------------------------------------
# Figure images (kaleido with Debian's Chromium)
# --------------------------------------------------------------------------------------------------

#: kaleido keeps one browser for all requests of a process; one deck renders at a time.
_KALEIDO_LOCK = threading.Lock()


def image_size(figures: int) -> tuple[int, int]:
    """The CSS size of each image of a step with `figures` figures: one fills the slide's width; two or
    more share it, each taller than wide enough to keep its labels readable."""
    return (IMAGE_WIDTH, IMAGE_HEIGHT) if figures <= 1 else (round(1.2 * IMAGE_WIDTH / figures), 900)


def figure_images(deck: Deck) -> list[list[bytes]]:
    """Every step's figures as PNG images (drawn at :data:`IMAGE_SCALE` times their CSS size)."""
    import kaleido
    import plotly.io as pio

    jobs = [(i, j, f) for i, slide in enumerate(deck.slides) for j, f in enumerate(slide.figures)]
    images: list[list[bytes]] = [[b""] * len(slide.figures) for slide in deck.slides]
    if not jobs:
        return images
    pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"
    with _KALEIDO_LOCK, warnings.catch_warnings():
        # plotly warns that per-call browser options are ignored by a running server: none are passed.
        warnings.simplefilter("ignore", UserWarning)
        try:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            for i, j, figure in jobs:
                width, height = image_size(len(deck.slides[i].figures))
                images[i][j] = pio.to_image(
                    image_figure(figure, len(deck.slides[i].figures) > 1),
                    format="png",
                    width=width,
                    height=height,
                    scale=IMAGE_SCALE,
                )
        except Exception as error:  # no Chromium, a browser that died: a sentence, not a traceback
            raise DeckError(
                _("The figures could not be drawn as images (kaleido needs Chromium): {error}").format(
                    error=str(error)[:200]
                )
            ) from error
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    return images


def scaled_fonts(value: object, factor: float) -> object:
    """`value` (a figure dict or any part of it) with every font size times `factor` (9 at least)."""
    if isinstance(value, list):
        return [scaled_fonts(v, factor) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: scaled_fonts(v, factor) for k, v in value.items()}
    for key, inner in out.items():
        if (
            key.lower().endswith("font")
            and isinstance(inner, dict)
            and isinstance(inner.get("size"), int | float)
        ):
            out[key] = {**inner, "size": max(9, round(inner["size"] * factor))}
    return out


def image_figure(figure: dict, shared: bool = False):
    """`figure` for a still image: the image's size, not the page's; a legend that the presenter
    layout put in rows below the plot goes back to a column at its right, where a wide slide has room.
    `shared`: the image shares the slide with another, so its projector-sized type is made smaller."""
    import plotly.graph_objects as go

    if shared:
        figure = scaled_fonts(go.Figure(figure).to_plotly_json(), 0.75)
    fig = go.Figure(figure)
    fig.update_layout(height=None, width=None)
    legend = fig.layout.legend
    if legend.orientation == "h" and (legend.y is not None and legend.y < 0):
        fig.update_layout(legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"})
    return fig


# --------------------------------------------------------------------------------------------------
# Slides (.pptx)
# --------------------------------------------------------------------------------------------------


def speaker_notes(deck: Deck, slide: Slide) -> str:
    """A slide's notes: the caption, the report's quotes, the source line and the data and date."""
    lines = [slide.caption] if slide.caption else []
    lines += [f"“{q.text}” ({q.where})" for q in slide.quotes]
    lines += [deck.source, deck.made_from]
    return "\n".join(line for line in lines if line)


def deck_pptx(deck: Deck, images: list[list[bytes]]) -> bytes:
    """The deck as a 16:9 .pptx: per step the title, the caption and the figures; the source in the
    notes. A title slide comes first."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]
    navy = RGBColor(0x0B, 0x3D, 0x91)

    def text_box(slide, left, top, width, height, text, size, bold=False, colour=None):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour is not None:
            run.font.color.rgb = colour
        return box

    margin = Inches(0.4)
    width = prs.slide_width - 2 * margin
    count = len(deck.slides)
    for number, (slide, pngs) in enumerate(zip(deck.slides, images, strict=True), start=1):
        page = prs.slides.add_slide(blank)
        text_box(
            page,
            margin,
            Inches(0.2),
            width,
            Inches(0.3),
            f"{deck.title} · {counter(number, count)}",
            12,
            colour=navy,
        )
        # About 60 characters of 28-point bold type fit on a line of the slide's width.
        title_lines = -(-len(slide.title) // 60)
        title = text_box(page, margin, Inches(0.45), width, Inches(0.55 * title_lines), slide.title, 28, True)
        title.name = "Title"
        top = Inches(0.5 + 0.55 * title_lines)
        if slide.caption:
            # About 120 characters of 15-point type fit on a line of this width.
            lines = -(-len(slide.caption) // 120)
            text_box(page, margin, top, width, Inches(0.3 * lines), slide.caption, 15)
            top += Inches(0.3 * lines + 0.1)
        bottom = prs.slide_height - Inches(0.45)
        if pngs:
            gap = Inches(0.15)
            each = (width - gap * (len(pngs) - 1)) // len(pngs)
            for index, png in enumerate(pngs):
                # Fit the image in its box, keeping its proportions.
                box_w, box_h = each, bottom - top
                img_w, img_h = image_size(len(pngs))
                scale = min(box_w / img_w, box_h / img_h)
                w, h = Emu(int(img_w * scale)), Emu(int(img_h * scale))
                left = margin + index * (each + gap) + (box_w - w) // 2
                page.shapes.add_picture(io.BytesIO(png), left, top, w, h)
        text_box(page, margin, prs.slide_height - Inches(0.4), width, Inches(0.3), deck.source, 9)
        page.notes_slide.notes_text_frame.text = speaker_notes(deck, slide)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------

#: A Unicode font Debian ships (fonts-dejavu-core, pulled in by Chromium); PDF's built-in Helvetica
#: (Latin-1 only) when it is missing.
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


def deck_pdf(deck: Deck, images: list[list[bytes]]) -> bytes:
    """The deck as a PDF, one landscape page per step: title, caption, figures, the report's quotes,
    the source and what it was made from (real text, so it can be searched and read aloud)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format=(190.5, 338.7))  # 16:9, the slides' size
    pdf.set_auto_page_break(False)
    pdf.set_title(deck.title)
    pdf.set_creator("rcpdash")
    pdf.set_lang(deck.lang)
    regular, bold = UNICODE_FONTS
    if regular.is_file() and bold.is_file():
        pdf.add_font("deck", "", str(regular))
        pdf.add_font("deck", "B", str(bold))
        family, clean = "deck", str
    else:
        family = "helvetica"

        def clean(text: str) -> str:
            return text.encode("latin-1", "replace").decode("latin-1")

    margin, page_w, page_h = 10, 338.7, 190.5
    width = page_w - 2 * margin
    count = len(deck.slides)
    for number, (slide, pngs) in enumerate(zip(deck.slides, images, strict=True), start=1):
        pdf.add_page()
        pdf.set_text_color(11, 61, 145)
        pdf.set_font(family, "", 10)
        pdf.set_xy(margin, 6)
        pdf.cell(width, 5, clean(f"{deck.title} · {counter(number, count)}"))
        pdf.set_text_color(27, 27, 27)
        pdf.set_font(family, "B", 20)
        pdf.set_xy(margin, 12)
        pdf.multi_cell(width, 8, clean(slide.title))
        if slide.caption:
            pdf.set_font(family, "", 12)
            pdf.set_x(margin)
            pdf.multi_cell(width, 5.5, clean(slide.caption))
        top = pdf.get_y() + 2
        quote_lines = [f"“{q.text}” ({q.where})" for q in slide.quotes]
        footer_h = 12 + 4.2 * min(len(quote_lines), MAX_QUOTES) * 1.6
        bottom = page_h - footer_h
        if pngs:
            gap = 4
            each = (width - gap * (len(pngs) - 1)) / len(pngs)
            img_w, img_h = image_size(len(pngs))
            scale = min(each / img_w, (bottom - top) / img_h)
            w, h = img_w * scale, img_h * scale
            for index, png in enumerate(pngs):
                left = margin + index * (each + gap) + (each - w) / 2
                pdf.image(io.BytesIO(png), x=left, y=top, w=w, h=h)
        pdf.set_xy(margin, bottom + 1)
        pdf.set_font(family, "", 8.5)
        for line in quote_lines:
            pdf.set_x(margin)
            pdf.multi_cell(width, 3.8, clean(line))
        pdf.set_font(family, "", 7.5)
        pdf.set_xy(margin, page_h - 9)
        pdf.multi_cell(width, 3.4, clean(f"{deck.source}\n{deck.made_from}"))
    return bytes(pdf.output())
