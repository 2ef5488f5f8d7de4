"""State names in the interface language, and the language's alphabetical order.

State names come from pycountry's ISO 3166 translations (the English pycountry name of the ISO code,
translated by its ``iso3166-1`` gettext catalog). A small checked table covers what pycountry lacks
(historical entities, Kosovo) and the few places where its ISO form reads badly or differs from the
form the United Nations uses ("Corée, République de" → "République de Corée"). Pure: no Dash.
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

from .i18n import DEFAULT_LANGUAGE, current

#: Names pycountry does not have, or has in an inverted ISO or misspelt form, by language. Checked
#: against UNTERM's short names; the historical forms follow the English labels of states.csv.
OWN_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "CSK": "Tchécoslovaquie",
        "SUN": "Union soviétique",
        "YUG": "RF de Yougoslavie / Serbie-et-Monténégro",
        "XKX": "Kosovo",
        "TWN": "Taipei chinois",
        "HKG": "Hong Kong (RAS de Chine)",
        "KOR": "République de Corée",
        "PRK": "République populaire démocratique de Corée",
        "RUS": "Fédération de Russie",
        "SLB": "Îles Salomon",
        "BOL": "Bolivie",
        "VEN": "Venezuela",
        "TZA": "Tanzanie",
        "MDA": "République de Moldova",
        "FSM": "Micronésie (États fédérés de)",
        "LAO": "RDP lao",
        "IRN": "Iran",
        "SYR": "Syrie",
        "MMR": "Myanmar",
        "SLV": "El Salvador",
        "SUR": "Suriname",
        "TLS": "Timor-Leste",
        "VNM": "Viet Nam",
    },
    "es": {
        "CSK": "Checoslovaquia",
        "SUN": "Unión Soviética",
        "YUG": "RF de Yugoslavia / Serbia y Montenegro",
        "XKX": "Kosovo",
        "TWN": "Taipéi Chino",
        "HKG": "Hong Kong (RAE de China)",
        "KOR": "República de Corea",
        "PRK": "República Popular Democrática de Corea",
        "RUS": "Federación de Rusia",
        "BOL": "Bolivia",
        "VEN": "Venezuela",
        "TZA": "Tanzania",
        "MDA": "República de Moldova",
        "FSM": "Micronesia (Estados Federados de)",
        "LAO": "RDP Lao",
        "IRN": "Irán",
        "SYR": "Siria",
        "COD": "República Democrática del Congo",
        "COG": "República del Congo",
        "CIV": "Côte d'Ivoire",
        "COM": "Comoras",
        "MDV": "Maldivas",
        "TUN": "Túnez",
        "SUR": "Suriname",
        "BFA": "Burkina Faso",
        "MMR": "Myanmar",
        "TLS": "Timor-Leste",
        "BLR": "Belarús",
        "VNM": "Viet Nam",
    },
}


@lru_cache(maxsize=4)
def _iso_catalog(language: str) -> gettext.NullTranslations:
    import pycountry  # only when a state name is first localised

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


@lru_cache(maxsize=2048)
def _localised(iso3: str, english: str, language: str) -> str:
    own = OWN_NAMES.get(language, {}).get(iso3)
    if own:
        return own
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return english  # a code neither pycountry nor our table knows (e.g. in an uploaded dataset)
    translated = _iso_catalog(language).gettext(country.name)
    return translated if translated != country.name or language == DEFAULT_LANGUAGE else english


def state_name(iso3: str, english: str) -> str:
    """The name of the state `iso3` in the current language; `english` (the dataset's name) in
    English or when no translation is known.

    >>> from rcpdash.i18n import using
    >>> with using("fr"):
    ...     state_name("DEU", "Germany")
    'Allemagne'
    """
    language = current()
    if language == DEFAULT_LANGUAGE:
        return english
    return _localised(iso3, english, language)


def sort_key(text: str) -> str:
    """Alphabetical order as a reader of any of our languages expects: accents and case ignored
    ("Émirats" files under E, "Îles" under I)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


#: How sources spell states that neither states.csv nor pycountry's lookup reads as the same state.
#: Checked by hand against the source each spelling comes from (docs/data-notes.md).
NAME_ALIASES: dict[str, str] = {
    "bosnia-herzegovina": "BIH",
    "macedonia (fyr)": "MKD",
    "the usa": "USA",
    "usa": "USA",
    "iran": "IRN",
    "moldova": "MDA",
    "russian federation": "RUS",
    "syrian arab republic": "SYR",
    "turkey": "TUR",
    "democratic republic of congo": "COD",
    "surinam": "SUR",
    # Indonesian, as Antara's 2013 report on the Bali Process names them.
    "amerika serikat": "USA",
    "filipina": "PHL",
    "selandia baru": "NZL",
}


def match_state(name: str, states: dict[str, str]) -> str | None:
    """The ISO3 code of the state a source calls `name`, or None when nothing matches.

    `states` maps ISO3 codes to the dataset's English names (states.csv). Tried in order: the
    dataset's own name, a checked alias (:data:`NAME_ALIASES`), then pycountry's exact lookup (never its
    fuzzy search, which reads "Republic of Korea" as North Korea). A match pycountry finds counts
    only when the dataset lists that code.

    >>> match_state("Macedonia (FYR)", {"MKD": "North Macedonia"})
    'MKD'
    >>> match_state("Atlantis", {"MKD": "North Macedonia"}) is None
    True
    """
    key = " ".join(name.split()).casefold()
    by_name = {english.casefold(): iso3 for iso3, english in states.items()}
    if key in by_name:
        return by_name[key]
    if key in NAME_ALIASES:
        return NAME_ALIASES[key]
    import pycountry

    try:
        found = pycountry.countries.lookup(" ".join(name.split()))
    except LookupError:
        return None
    return found.alpha_3 if found.alpha_3 in states else None
