"""A tour taken away (rcpdash.tours.deck, rcpdash.ui.tour_export): HTML, slides and PDF read back.

Drawing the figures as images takes about a second each, so the default tour's deck, its images, its
slides and its PDF are made once for the module and every test reads them.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess

import pytest
from pptx import Presentation
from pypdf import PdfReader

from rcpdash import i18n, tours
from rcpdash.cli import main as rcpdash_main
from rcpdash.config import SOURCE_CITATION
from rcpdash.source import load_source
from rcpdash.tours.__main__ import main as tours_main
from rcpdash.tours.deck import (
    IMAGE_HEIGHT,
    IMAGE_SCALE,
    IMAGE_WIDTH,
    MAX_DECK_STEPS,
    Deck,
    DeckError,
    Slide,
    deck_html,
    deck_pdf,
    deck_pptx,
    figure_images,
    render_deck,
    topojson_names,
)
from rcpdash.ui import presenter
from rcpdash.ui.tour_export import build_deck, step_quotes
from rcpdash.urlstate import parse_query

TITLES = [step.title for step in tours.default_tour().steps]
SOURCE_LINE = f"Source: {SOURCE_CITATION}"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return build_deck(tours.default_tour(), "en", shipped=True)


@pytest.fixture(scope="module")
def images(deck) -> list[list[bytes]]:
    with i18n.using("en"):
        return figure_images(deck)


@pytest.fixture(scope="module")
def pptx_bytes(deck, images) -> bytes:
    with i18n.using("en"):
        return deck_pptx(deck, images)


@pytest.fixture(scope="module")
def pdf_bytes(deck, images) -> bytes:
    with i18n.using("en"):
        return deck_pdf(deck, images)


@pytest.fixture(scope="module")
def html_text(deck) -> str:
    with i18n.using("en"):
        return deck_html(deck)


def test_deck_has_every_step_with_its_figures(deck):
    assert [s.title for s in deck.slides] == TITLES
    # The overlaps step shows two figures (heatmap and co-membership), every other step one.
    assert [len(s.figures) for s in deck.slides] == [1, 1, 1, 1, 1, 1, 2, 1, 1]
    assert deck.source == SOURCE_LINE
    assert "IOM 2005" in deck.made_from and "rcpdash 0.1.0" in deck.made_from


def test_quotes_are_the_reports_own_words(deck):
    source = load_source()
    budapest = deck.slides[1].quotes
    assert [q.where for q in budapest] == ["Report, line 101"]
    canada = deck.slides[8].quotes
    assert [q.where for q in canada] == [
        "Regional Conference on Migration (Puebla Process) · Report, line 2113",
        "Stability Pact for South-Eastern Europe · Report, line 623",
        "North American Free Trade Agreement · Report, line 366",
        "Group of Eight · Report, line 624",
    ]
    # A view of everything quotes nothing: its numbers are the data's.
    assert deck.slides[0].quotes == ()
    if source is None:  # as in test_real_data: the report's text lives beside the clone, not in it
        pytest.skip("the report's text is not on this machine")
    for quote in (*budapest, *canada):
        assert source.contains(quote.text), quote.text


def test_step_quotes_of_a_process_profile():
    vs, _messages = parse_query("?view=process&process=midsa&sources=report")
    with i18n.using("fr"):
        quotes = step_quotes(vs)
    assert [q.where for q in quotes] == ["Rapport, ligne 2804"]


def test_html_is_self_contained(html_text):
    assert html_text.count("<script>window.PlotlyGeoAssets={topojson:") == 1
    assert html_text.count('"world_110m":{"type":"Topology"') == 1
    # plotly.js once: its banner comment opens the bundle.
    assert html_text.count("plotly.js v") == 1
    assert "Content-Security-Policy" in html_text and "default-src 'none'" in html_text
    assert ' src="' not in html_text and "<link" not in html_text
    assert html_text.count('<section class="step"') == 9
    assert SOURCE_CITATION in html_text
    assert "Report, line 101" in html_text


def test_html_in_french():
    deck = build_deck(tours.default_tour(), "fr", shipped=True)
    text = render_deck(deck, "html").decode("utf-8")
    assert '<html lang="fr">' in text
    assert "Étape 1 sur 9" in text
    assert "Qui coopère avec qui en matière de migration" in text
    assert "Source\xa0: IOM (2005)" in text  # French puts a no-break space before the colon


def test_topojson_names_of_the_maps(deck):
    figures = [f for s in deck.slides for f in s.figures]
    assert topojson_names(figures) == ["world_110m"]


def test_images_are_crisp(images):
    from PIL import Image

    assert [len(step) for step in images] == [1, 1, 1, 1, 1, 1, 2, 1, 1]
    first = Image.open(io.BytesIO(images[0][0]))
    assert first.size == (IMAGE_WIDTH * IMAGE_SCALE, IMAGE_HEIGHT * IMAGE_SCALE)


def test_pptx_reads_back(pptx_bytes):
    prs = Presentation(io.BytesIO(pptx_bytes))
    assert len(prs.slides) == 9
    titles = [next(s.text_frame.text for s in slide.shapes if s.name == "Title") for slide in prs.slides]
    assert titles == TITLES
    pictures = [sum(s.shape_type == 13 for s in slide.shapes) for slide in prs.slides]
    assert pictures == [1, 1, 1, 1, 1, 1, 2, 1, 1]
    for slide in prs.slides:
        assert SOURCE_LINE in slide.notes_slide.notes_text_frame.text
    assert "Report, line 2113" in prs.slides[8].notes_slide.notes_text_frame.text


def test_pptx_opens_in_libreoffice(pptx_bytes, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice is missing: `make test` installs Debian's libreoffice-impress", pytrace=False
        )
    (tmp_path / "tour.pptx").write_bytes(pptx_bytes)
    # A profile of its own: a LibreOffice already open on this machine would otherwise take the job.
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    convert = ["--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "tour.pptx")]
    result = subprocess.run(
        [soffice, profile, "--headless", *convert],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    converted = PdfReader(tmp_path / "tour.pdf")
    assert len(converted.pages) == 9
    assert TITLES[8] in converted.pages[8].extract_text()


def test_pdf_reads_back(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) == 9
    for page, title in zip(reader.pages, TITLES, strict=True):
        text = " ".join(page.extract_text().split())
        assert title in text
        assert "IOM (2005), Interstate Cooperation and Migration" in text
    assert "Step 9 of 9" in reader.pages[8].extract_text()


def test_too_many_steps_is_refused_before_drawing():
    step = tours.TourStep(query="?", title="Map")
    big = tours.Tour("Big", (step,) * (MAX_DECK_STEPS + 1))
    with pytest.raises(DeckError, match=f"The tour has {MAX_DECK_STEPS + 1} steps; a deck takes at most 40."):
        build_deck(big, "en", shipped=False)
    with pytest.raises(DeckError, match="a deck takes at most 40"):
        render_deck(Deck("Big", (Slide("Map", ""),) * (MAX_DECK_STEPS + 1)), "html")


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------


def test_cli_writes_an_own_tour_as_html(tmp_path, capsys):
    own = tours.Tour(
        "Mine",
        (
            tours.TourStep(query="?view=process&process=midsa", title="MIDSA", caption="Southern Africa."),
            tours.TourStep(query="?view=regions", title="Regions"),
        ),
    )
    (tmp_path / "TOUR.json").write_text(tours.tour_to_json(own), encoding="utf-8")
    target = tmp_path / "mine.html"
    assert tours_main(["export", str(tmp_path / "TOUR.json"), str(target), "--lang", "es"]) == 0
    text = target.read_text(encoding="utf-8")
    assert '<html lang="es">' in text and "Paso 1 de 2" in text and "<h2>MIDSA</h2>" in text
    assert capsys.readouterr().out.startswith(f"wrote {target} (2 steps, ")


def test_cli_bad_json_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "bad.json").write_text('{"steps": [', encoding="utf-8")
    assert tours_main(["export", str(tmp_path / "bad.json"), str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert "The file is not valid JSON (line 1, column 12)." in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_cli_refuses_an_unknown_format_and_a_large_tour(tmp_path, capsys):
    assert rcpdash_main(["export-tour", "default", str(tmp_path / "tour.docx")]) == 2
    assert "tour.docx: the file name should end in .html, .pptx or .pdf." in capsys.readouterr().err
    steps = [{"title": f"Step {n}", "query": "?"} for n in range(MAX_DECK_STEPS + 5)]
    (tmp_path / "big.json").write_text(json.dumps({"steps": steps}), encoding="utf-8")
    assert rcpdash_main(["export-tour", str(tmp_path / "big.json"), str(tmp_path / "big.pdf")]) == 2
    assert "The tour has 45 steps; a deck takes at most 40." in capsys.readouterr().err
    assert tours_main(["export", "missing.json", str(tmp_path / "x.pdf")]) == 2
    assert "missing.json is not a file" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------------
# The tour panel's download
# --------------------------------------------------------------------------------------------------


def test_panel_download_of_the_shipped_tour():
    with i18n.using("fr"):
        payload, message = presenter.export_file("default", "html", None, "fr")
    assert payload["filename"] == "rcpdash-tour-fr.html"
    assert payload["base64"] is True
    page = base64.b64decode(payload["content"]).decode("utf-8")
    assert '<html lang="fr">' in page and "Étape 9 sur 9" not in page.split("<main>")[0]
    assert message == "Prêt : « Une promenade à travers le rapport », 9 étapes."


def test_panel_download_of_an_empty_own_tour_or_an_unknown_format():
    with i18n.using("en"):
        assert presenter.export_file("own", "pdf", None, "en") == (
            None,
            "Your tour has no steps yet: add a view first.",
        )
        assert presenter.export_file("default", "docx", None, "en") == (None, "")


def test_panel_sends_large_tours_to_the_command_line():
    step = {"title": "Map", "caption": "", "query": "?"}
    own = {"format": "rcpdash-tour", "version": 1, "title": "Long", "steps": [step] * 21}
    with i18n.using("en"):
        payload, message = presenter.export_file("own", "pptx", own, "en")
    assert payload is None
    assert message == (
        "Slides and PDF of more than 20 steps take too long for the app: save your tour as a file "
        "and run python -m rcpdash.tours export TOUR.json FILE."
    )
