"""Languages: complete catalogs, no unwrapped interface string, localised state names, lang in the URL."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from rcpdash import i18n
from rcpdash.catalogs import catalog_texts, source_plurals
from rcpdash.i18n import LANGUAGES, PLURAL_CATEGORIES, _, count_text, format_number, ngettext, using
from rcpdash.names import sort_key, state_name
from rcpdash.urlstate import DEFAULT, ViewState, parse_query, to_query

PACKAGE = Path(i18n.__file__).resolve().parent
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?:![rsa])?(?::[^{}]*)?\}")


# --------------------------------------------------------------------------------------------------
# Catalogs
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messages() -> dict[str, list[str]]:
    return catalog_texts()


def test_the_source_marks_a_few_hundred_texts(messages):
    assert len(messages) > 300
    assert "Overlaps" in messages and "Regional consultative process" in messages


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_text_has_a_translation(messages, language):
    catalog = i18n.load_catalog(language)
    missing = {text: where[0] for text, where in messages.items() if not catalog.get(text, "").strip()}
    assert not missing, (
        f"{len(missing)} texts lack a {language} translation (python -m rcpdash.catalogs): {missing}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(messages, language):
    catalog = i18n.load_catalog(language)
    wrong = {
        text: catalog[text]
        for text in messages
        if text in catalog and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(catalog[text]))
    }
    assert not wrong, wrong
    # And they still format: no stray brace a str.format() would choke on.
    for text in messages:
        if text in catalog and PLACEHOLDER.search(text):
            names = {re.match(r"\{([a-z_0-9]*)", p).group(1): 1 for p in PLACEHOLDER.findall(text)}
            catalog[text].format(**names)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_files_map_text_to_a_translation_or_to_plural_forms(language):
    data = json.loads((PACKAGE / "locales" / f"{language}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and all(isinstance(k, str) for k in data)
    wrong = {
        k: v
        for k, v in data.items()
        if not (isinstance(v, str) or (isinstance(v, dict) and all(isinstance(f, str) for f in v.values())))
    }
    assert not wrong, wrong


@pytest.fixture(scope="module")
def plurals() -> dict[str, tuple[str, list[str]]]:
    return source_plurals()


def test_the_source_has_counted_texts_and_none_is_also_a_plain_text(plurals, messages):
    assert plurals["{n} process"][0] == "{n} processes"
    assert len(plurals) >= 20
    # A counted text's key holds forms, not a string: the same English may not also go through _().
    assert set(plurals) & set(messages) == set()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_counted_text_has_every_plural_form(plurals, language):
    catalog = i18n.load_catalog(language)
    categories = set(PLURAL_CATEGORIES[language])
    wrong = {}
    for singular, (plural, where) in plurals.items():
        forms = catalog.get(singular)
        if (
            not isinstance(forms, dict)
            or set(forms) != categories
            or not all(f.strip() for f in forms.values())
        ):
            wrong[singular] = (forms, where[0])
            continue
        expected = sorted(PLACEHOLDER.findall(singular))
        assert sorted(PLACEHOLDER.findall(plural)) == expected, singular  # the English pair agrees too
        lost = {c: f for c, f in forms.items() if sorted(PLACEHOLDER.findall(f)) != expected}
        if lost:
            wrong[singular] = (lost, where[0])
    assert not wrong, wrong


def test_a_plain_text_whose_entry_is_plural_forms_falls_back_to_english(monkeypatch):
    monkeypatch.setitem(i18n.CATALOGS, "fr", {"Odd": {"one": "x", "other": "y"}})
    with using("fr"):
        assert _("Odd") == "Odd"


# --------------------------------------------------------------------------------------------------
# Plurals and numbers
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["0 processes", "1 process", "2 processes", "0 states", "1 state", "2 states"]),
        # French counts 0 as singular (CLDR "one": i = 0, 1); "processus" is the same in both forms.
        ("fr", ["0 processus", "1 processus", "2 processus", "0 État", "1 État", "2 États"]),
        ("es", ["0 procesos", "1 proceso", "2 procesos", "0 Estados", "1 Estado", "2 Estados"]),
    ],
)
def test_ngettext_picks_the_languages_form_for_0_1_and_2(language, expected):
    with using(language):
        got = [ngettext("{n} process", "{n} processes", n).format(n=n) for n in (0, 1, 2)]
        got += [count_text("{n} state", "{n} states", n) for n in (0, 1, 2)]
    assert got == expected


def test_ngettext_for_a_text_with_no_catalog_entry_uses_the_english_forms():
    with using("es"):
        assert ngettext("{n} unicorn", "{n} unicorns", 1) == "{n} unicorn"
        assert ngettext("{n} unicorn", "{n} unicorns", 3) == "{n} unicorns"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["7", "1,234", "12,345", "1,234,568", "0.42", "2.5", "0.000403", "-3.25"]),
        ("fr", ["7", "1\u202f234", "12\u202f345", "1\u202f234\u202f568", "0,42", "2,5", "0,000403", "-3,25"]),
        # CLDR Spanish (and the RAE) leave four-digit numbers ungrouped: 1234, but 12.345.
        ("es", ["7", "1234", "12.345", "1.234.568", "0,42", "2,5", "0,000403", "-3,25"]),
    ],
)
def test_numbers_are_written_as_the_language_writes_them(language, expected):
    with using(language):
        got = [format_number(v) for v in (7, 1234, 12345, 1234567.8, 0.42, 2.5, 0.000403217)]
        got.append(format_number(-3.254, 2))
    assert got == expected
    assert format_number(float("nan")) == ""


def test_plotly_separators_follow_the_language():
    assert [i18n.plotly_separators(lang) for lang in ("en", "fr", "es")] == [".,", ",\u202f", ",."]


def test_underscore_translates_in_the_current_language_only():
    assert _("Overlaps") == "Overlaps"
    with using("fr"):
        assert _("Overlaps") == "Chevauchements"
        assert _("Regional consultative process") == "Processus consultatif régional"
        with using("es"):
            assert _("Regional consultative process") == "Proceso consultivo regional"
        assert _("a text nobody marked") == "a text nobody marked"
    with using("xx"):
        assert _("Overlaps") == "Overlaps"


# --------------------------------------------------------------------------------------------------
# No unwrapped interface string in rcpdash/ui
# --------------------------------------------------------------------------------------------------

#: Strings that are no language: separators, codes and language names shown in their own language.
ALLOWED = {"rcpdash", "EN", "FR", "ES", "English", "Français", "Español", "en", "fr", "es"}
#: Arguments that carry text a person reads (positional children, and these keywords).
TEXT_KEYWORDS = {
    "children",
    "label",
    "placeholder",
    "title",
    "caption",
    "aria-label",
    "legend",
    "text",
    "message",
}
#: Component factories and the positions of their text arguments (None: all of them).
TEXT_CALLS: dict[str, tuple[int, ...] | None] = {
    "empty_message": (0,),
    "explain": None,
    "figure_card": (3,),
    "data_table": (2,),
    "_labelled": (1,),
    "_fieldset": (0,),
    "_quote_list": (0, 1),
    "text": (0,),
}


def _is_translation(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")


def _literal_text(node: ast.AST) -> list[str]:
    """String pieces with letters in `node` that are not inside _() or N_()."""
    if _is_translation(node):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[^\W\d_]", node.value) and node.value not in ALLOWED else []
    if isinstance(node, ast.JoinedStr):
        return [
            v.value for v in node.values if isinstance(v, ast.Constant) and re.search(r"[^\W\d_]", v.value)
        ]
    if isinstance(node, ast.Call):
        return []  # a nested call is checked on its own (see unwrapped_strings)
    if isinstance(node, ast.Dict):
        return [
            t
            for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant) and k.value in TEXT_KEYWORDS
            for t in _literal_text(v)
        ]
    if isinstance(node, (ast.List, ast.Tuple, ast.BinOp, ast.IfExp, ast.BoolOp)):
        return [t for child in ast.iter_child_nodes(node) for t in _literal_text(child)]
    return []


def _callee(node: ast.Call) -> str:
    func = node.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in ("html", "dcc")
    ):
        return f"{func.value.id}.{func.attr}"
    return func.id if isinstance(func, ast.Name) else ""


def unwrapped_strings(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            callee = _callee(node)
            if not (callee.startswith(("html.", "dcc.")) or callee in TEXT_CALLS):
                continue
            positions = TEXT_CALLS.get(callee)
            args = [a for i, a in enumerate(node.args) if positions is None or i in positions]
            pieces = [t for arg in args for t in _literal_text(arg)]
            if callee == "data_table" and len(node.args) > 3 and isinstance(node.args[3], ast.Dict):
                pieces += [t for v in node.args[3].values for t in _literal_text(v)]  # column headers
            pieces += [t for kw in node.keywords if kw.arg in TEXT_KEYWORDS for t in _literal_text(kw.value)]
            # Option lists: {"label": "..."} anywhere in the call.
            pieces += [
                t
                for kw in node.keywords
                if kw.arg == "options"
                for sub in ast.walk(kw.value)
                if isinstance(sub, ast.Dict)
                for t in _literal_text(sub)
            ]
            found += [f"{path.relative_to(root.parent)}:{node.lineno}: {p!r}" for p in pieces]
    return found


def test_no_interface_string_in_the_ui_escapes_translation():
    assert unwrapped_strings(PACKAGE / "ui") == []


def test_the_unwrapped_string_check_catches_what_it_should(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "bad.py").write_text(
        "from dash import html, dcc\n"
        "html.H3('Plain English', className='x')\n"
        "html.P(f'{n} states')\n"
        "dcc.Dropdown(options=[{'label': 'Members only', 'value': 'm'}], placeholder='Pick…')\n"
        "html.Button(_('Fine'), id='ok-id', title='Also bad')\n"
        "empty_message('Nothing here')\n"
        "data_table(frame, 'table-id', _('Fine'), {'iso3': 'Code', 'name': N_('Name')})\n"
        "html.Span(' · ')\n"
        "html.H1('rcpdash')\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in unwrapped_strings(tmp_path / "ui")]
    assert found == [
        "'Plain English'",
        "' states'",
        "'Pick…'",
        "'Members only'",
        "'Also bad'",
        "'Nothing here'",
        "'Code'",
    ]


# --------------------------------------------------------------------------------------------------
# State names
# --------------------------------------------------------------------------------------------------


def test_state_names_come_from_pycountry_in_the_current_language():
    assert state_name("DEU", "Germany") == "Germany"
    with using("fr"):
        assert state_name("DEU", "Germany") == "Allemagne"
        assert (
            state_name("KOR", "Republic of Korea") == "République de Corée"
        )  # our table, not ISO's inversion
        assert state_name("SUN", "Soviet Union") == "Union soviétique"  # historical: our table
        assert state_name("ZZZ", "Nowhere") == "Nowhere"  # unknown code: the data's own name
    with using("es"):
        assert state_name("DEU", "Germany") == "Alemania"
        assert state_name("CSK", "Czechoslovakia") == "Checoslovaquia"
        assert state_name("CIV", "Côte d'Ivoire") == "Côte d'Ivoire"


def test_every_state_in_the_data_has_a_name_in_each_language():
    from rcpdash import datasets

    states = datasets.dataset().states
    for language in TRANSLATED:
        with using(language):
            names = {r.iso3: state_name(r.iso3, r.name) for r in states.itertuples()}
        assert all(names.values()) and len(set(names.values())) == len(names)
    with using("fr"):
        assert state_name("YUG", "FR Yugoslavia / Serbia and Montenegro").startswith("RF de Yougoslavie")


def test_sorting_ignores_accents_and_case():
    names = ["Équateur", "Espagne", "Egypte", "îles Cook", "Inde", "Zambie", "Érythrée"]
    assert sorted(names, key=sort_key) == [
        "Egypte",
        "Équateur",
        "Érythrée",
        "Espagne",
        "îles Cook",
        "Inde",
        "Zambie",
    ]


def test_state_dropdown_is_in_the_languages_alphabetical_order():
    from rcpdash.ui.layout import state_options

    with using("fr"):
        options = state_options()
    labels = [o["label"] for o in options]
    assert labels == sorted(labels, key=sort_key)
    assert {"label": "Allemagne", "value": "DEU"} in options
    # Accented initials sort with their letter: Égypte between Danemark and Espagne, not after Zimbabwe.
    assert labels.index("Danemark") < labels.index("Égypte") < labels.index("Espagne")


# --------------------------------------------------------------------------------------------------
# The language in the URL
# --------------------------------------------------------------------------------------------------


def test_lang_round_trips_through_the_url_and_english_is_left_out():
    assert to_query(DEFAULT) == ""
    french = ViewState(view="overlaps", lang="fr", year=2000)
    assert to_query(french) == "?view=overlaps&year=2000&lang=fr"
    assert parse_query(to_query(french)) == (french, [])
    assert parse_query("?lang=en") == (DEFAULT, [])


def test_an_unknown_language_gives_the_usual_message():
    vs, messages = parse_query("?view=map&lang=de")
    assert vs == DEFAULT
    assert messages == ["Ignored the lang 'de' in the link: expected one of en, fr, es."]


def test_messages_about_a_link_come_in_the_links_language():
    vs, messages = parse_query("?lang=fr&year=banana")
    assert vs.lang == "fr"
    nbsp = "\u00a0"  # French typography: no-break spaces inside « » and before a colon
    assert messages == [
        f"Année «{nbsp}banana{nbsp}» ignorée dans le lien{nbsp}: une année de 1900 à 2005 était attendue."
    ]
    vs, messages = parse_query("?lang=es&view=galaxy")
    assert messages == [
        "Se ignoró el valor «galaxy» del parámetro view del enlace: se esperaba uno de "
        "map, overlaps, centrality, network, regions, timeline, themes, compare, state, process."
    ]


def test_the_language_buttons_switch_and_keep_every_other_part_of_the_state():
    from rcpdash.ui import ids
    from rcpdash.ui.callbacks import reduce_state

    before = ViewState(view="state", state="THA", year=2000, regions=("asia_pacific",), roles="all")
    after, messages = reduce_state(ids.language_button("es"), "", {}, asdict(before), 1)
    assert after == before.with_changes(lang="es") and messages is None
    unchanged, _ = reduce_state(ids.language_button("de"), "", {}, asdict(before), 1)
    assert unchanged == before


def test_translate_shell_puts_the_whole_shell_into_the_language():
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    from rcpdash.ui import ids
    from rcpdash.ui.callbacks import translate_shell
    from rcpdash.ui.layout import TRANSLATED_PROPS

    keys = ["Overlaps", "Kinds of arrangement", "Skip to main content"]
    outputs = [
        [{"id": ids.ui_text(k), "property": "children"} for k in keys],
        *[{} for _prop in TRANSLATED_PROPS],
        [{"id": ids.language_button(code), "property": "aria-pressed"} for code in LANGUAGES],
        {},
        {},
    ]
    token = context_value.set(
        AttributeDict(
            triggered_inputs=[{"prop_id": f"{ids.LANGUAGE}.data", "value": "fr"}], outputs_list=outputs
        )
    )
    try:
        texts, *props, pressed, meta, play = translate_shell("fr", True)
    finally:
        context_value.reset(token)
    assert texts == ["Chevauchements", "Types d’arrangement", "Aller au contenu principal"]
    by_key = {(str(c), prop): value for (c, prop, _b), value in zip(TRANSLATED_PROPS, props, strict=True)}
    assert {"label": "Membres uniquement", "value": "members"} in by_key[(ids.ROLE_FILTER, "options")]
    assert by_key[(ids.STATE_SELECT, "placeholder")] == "Choisir un État…"
    assert pressed == ["false", "true", "false"]
    assert meta["lang"] == "fr" and play == "▶ Lecture"


def test_the_loaders_problems_come_in_the_uploaders_language():
    """An upload's problem list is read by the person who uploaded: the loader speaks their language."""
    from rcpdash.data import validate_tables

    files = {
        "processes.csv": b"process_id,name,kind,region\nBad Id,X,rcp,africa\n",
        "states.csv": b"iso3,name\n",
    }
    with using("fr"):
        _, issues = validate_tables(files)
    messages = {(i.file, i.row, i.column): i.message for i in issues}
    assert messages[("processes.csv", 2, "process_id")] == (
        "attendu\u00a0: un identifiant en minuscules comme 'budapest_process'\u00a0; trouvé\u00a0: 'Bad Id'"
    )
    assert messages[("memberships.csv", None, None)] == "le fichier est manquant"
    with using("es"):
        _, issues = validate_tables(files)
    messages = {(i.file, i.row, i.column): i.message for i in issues}
    assert messages[("memberships.csv", None, None)] == "falta el archivo"
    _, issues = validate_tables(files)
    assert {i.message for i in issues if i.file == "memberships.csv"} == {"file is missing"}
