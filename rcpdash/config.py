"""Paths and constants shared by every layer. Paths come from the package, never the CWD."""

from __future__ import annotations

import os
from pathlib import Path

from .i18n import N_

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def _shipped(name: str) -> Path:
    """The repository's top-level `name` folder in a checkout, else the copy an installed wheel
    carries inside the package (``rcpdash/_data``, ``rcpdash/_assets``: pyproject.toml puts them there)."""
    # A checkout is recognised by its pyproject.toml: site-packages may hold some other "data/".
    if (PROJECT_DIR / "pyproject.toml").is_file() and (PROJECT_DIR / name).is_dir():
        return PROJECT_DIR / name
    return PACKAGE_DIR / f"_{name}"


#: The dataset the app serves; RCPDASH_DATA points it elsewhere (a generated large dataset, say).
DATA_DIR = Path(os.environ.get("RCPDASH_DATA") or _shipped("data"))
#: Scripts, styles and map shapes the page loads (Dash serves them under its ``assets/`` URL).
ASSETS_DIR = _shipped("assets")

#: The report's text. Not shipped with the app; used to verify evidence quotes when present.
SOURCE_TEXT = Path(
    os.environ.get(
        "RCPDASH_SOURCE",
        PROJECT_DIR.parent / "shared" / "seeds" / "000_99727f2e46c73f08.txt",
    )
)

SOURCE_CITATION = (
    "IOM (2005), Interstate Cooperation and Migration, Berne Initiative Studies, "
    "International Organization for Migration, Geneva."
)

#: The report's own regions (where a process is placed), in display order.
REPORT_REGIONS: tuple[str, ...] = (
    "europe_central_asia",
    "asia_pacific",
    "americas",
    "africa",
    "interregional",
    "global",
)
REGION_LABELS: dict[str, str] = {
    "europe_central_asia": N_("Europe & Central Asia"),
    "asia_pacific": N_("Asia-Pacific"),
    "americas": N_("Americas"),
    "africa": N_("Africa"),
    "interregional": N_("Interregional"),
    "global": N_("Global"),
}
PROCESS_KINDS: tuple[str, ...] = (
    "rcp",
    "regional_organization",
    "programme",
    "operation",
    "agreement",
    "forum",
)
KIND_LABELS: dict[str, str] = {
    "rcp": N_("Regional consultative process"),
    "regional_organization": N_("Regional organization"),
    "programme": N_("Programme"),
    "operation": N_("Operation"),
    "agreement": N_("Agreement"),
    "forum": N_("Forum"),
}
ROLES: tuple[str, ...] = (
    "member",
    "founding_member",
    "participant",
    "lead",
    "chair",
    "coordinator",
    "implementer",
    "beneficiary",
    "partner",
    "observer",
    "associate",
)
#: Roles that attend without belonging: never counted as members.
OBSERVER_ROLES: frozenset[str] = frozenset({"observer", "partner"})
#: Roles that count as belonging to a process: every other role. That includes ``associate``
#: (Correlates of War status 2, associate membership): associates belong to the organization with fewer
#: rights, and the CoW IGO codebook itself counts statuses 1 and 2 as memberships (docs/data-notes.md).
MEMBER_ROLES: frozenset[str] = frozenset(ROLES) - OBSERVER_ROLES
#: How a role reads in tables and hovers (translated where shown).
ROLE_LABELS: dict[str, str] = {
    "member": N_("member"),
    "founding_member": N_("founding member"),
    "participant": N_("participant"),
    "lead": N_("lead"),
    "chair": N_("chair"),
    "coordinator": N_("coordinator"),
    "implementer": N_("implementer"),
    "beneficiary": N_("beneficiary"),
    "partner": N_("partner"),
    "observer": N_("observer"),
    "associate": N_("associate member"),
}
#: How links between processes and organizations' roles read in a process profile.
LINK_TYPE_LABELS: dict[str, str] = {
    "joint_meeting": N_("joint meeting"),
    "observer_at": N_("observer at"),
    "exchange": N_("exchange"),
    "cooperation": N_("cooperation"),
    "successor": N_("successor"),
    "overlap": N_("overlap"),
}
ORG_ROLE_LABELS: dict[str, str] = {
    "secretariat": N_("secretariat"),
    "support": N_("support"),
    "technical_support": N_("technical support"),
    "funding": N_("funding"),
    "observer": N_("observer"),
    "member": N_("member"),
}
#: Policy themes a process works on (data/themes.csv), with their labels.
THEMES: dict[str, str] = {
    "trafficking_smuggling": N_("Trafficking and smuggling"),
    "border_management": N_("Border management"),
    "irregular_migration": N_("Irregular migration"),
    "return_readmission": N_("Return and readmission"),
    "visas": N_("Visas"),
    "labour_migration": N_("Labour migration"),
    "remittances_development": N_("Remittances and development"),
    "asylum_refugees": N_("Asylum and refugee protection"),
    "migrants_rights": N_("Migrants' rights"),
    "data_information_exchange": N_("Data and information exchange"),
    "integration": N_("Integration"),
    "free_movement": N_("Free movement and residence"),
    "health": N_("Health"),
}
STATE_KINDS: tuple[str, ...] = ("state", "territory", "historical")
STATE_KIND_LABELS: dict[str, str] = {
    "state": N_("state"),
    "territory": N_("territory"),
    "historical": N_("historical entity"),
}
CONTINENTS: tuple[str, ...] = ("Africa", "Americas", "Asia", "Europe", "Oceania")
#: The data names continents and UN M49 subregions in English; these marks let the interface
#: translate them (a dataset with other names shows them as they are).
PLACE_LABELS: tuple[str, ...] = (
    N_("Africa"),
    N_("Americas"),
    N_("Asia"),
    N_("Europe"),
    N_("Oceania"),
    N_("Australia and New Zealand"),
    N_("Caribbean"),
    N_("Central America"),
    N_("Central Asia"),
    N_("Eastern Africa"),
    N_("Eastern Asia"),
    N_("Eastern Europe"),
    N_("Melanesia"),
    N_("Micronesia"),
    N_("Middle Africa"),
    N_("Northern Africa"),
    N_("Northern America"),
    N_("Northern Europe"),
    N_("Polynesia"),
    N_("South America"),
    N_("South-eastern Asia"),
    N_("Southern Africa"),
    N_("Southern Asia"),
    N_("Southern Europe"),
    N_("Western Africa"),
    N_("Western Asia"),
    N_("Western Europe"),
)
FIRST_YEAR, LAST_YEAR = 1900, 2005
#: Which memberships the views count (the link's ``sources``): the report's and the reference sources'
#: full memberships of formal organizations ("all", the default), or only what the report names.
SOURCE_CHOICES: tuple[str, ...] = ("all", "report")
#: Which edition of the memberships the views count (the link's ``edition``, issue 17): the 2005 report
#: (the default), the 2013 sources on the principal RCPs alone, or both joined into spells
#: (rcpdash.data.with_edition). Each with the last year it speaks for: the timeline runs to it.
EDITION_LAST_YEARS: dict[str, int] = {"2005": LAST_YEAR, "2013": 2013, "both": 2013}
EDITION_CHOICES: tuple[str, ...] = tuple(EDITION_LAST_YEARS)
#: The latest year any edition speaks for: the latest year a link may ask for.
LATEST_YEAR = max(EDITION_LAST_YEARS.values())
#: Ready selections of processes the overlap view offers (the link's ``selection``): what it is called,
#: the process ids it keeps (those the data and the filters have), and the region whose states the
#: view's second heatmap then shows (its ``cregion``). Africa's regional economic communities: the seven
#: of the eight the African Union recognises that the report names (ECOWAS, SADC, COMESA, the EAC, IGAD,
#: ECCAS, the UMA; the eighth, CEN-SAD, is not in the data) with UEMOA and the CEPGL, which overlap them;
#: the AU itself, the AEC and the predecessors SADCC and the PTA are left aside.
PROCESS_SELECTIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "african_recs": (
        N_("Africa's regional economic communities"),
        (
            "ecowas",
            "uemoa",
            "sadc",
            "comesa",
            "eac",
            "igad",
            "eccas",
            "uma",
            "economic_community_great_lakes",
        ),
        "africa",
    ),
}
#: Ready comparisons the compare view offers (the questions people bring): what it is called, whether
#: it compares "processes" or "states", and the ids (each in data/; tests/test_compare.py checks).
#: Africa's regional economic communities: the seven of the eight the African Union recognises that
#: the data holds (as in PROCESS_SELECTIONS, without UEMOA and the CEPGL: a comparison takes eight
#: at most). West Africa: the community, the monetary union and the migration dialogue of the region.
#: The Western Hemisphere: the Americas' two consultative processes (RCM, SACM) and the six
#: multilateral arrangements the report places there (OCAM, CA-4, CASA, Mercosur, the Andean
#: Community, NAFTA). The states: the
#: neighbours and the pair a policymaker and a student asked about (issue 20).
COMPARE_SELECTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "african_recs": (
        N_("Africa's regional economic communities"),
        "processes",
        ("ecowas", "sadc", "comesa", "eac", "igad", "eccas", "uma"),
    ),
    "west_africa": (N_("West Africa: ECOWAS, UEMOA and MIDWA"), "processes", ("ecowas", "uemoa", "midwa")),
    "western_hemisphere": (
        N_("The Western Hemisphere processes"),
        "processes",
        ("rcm", "sacm", "ocam", "ca4", "casa", "mercosur", "andean_community", "nafta"),
    ),
    "asia_pacific_rcps": (
        N_("Asia-Pacific consultative processes"),
        "processes",
        ("apc", "bali_process", "colombo_process", "pidc"),
    ),
    "east_africa_states": (N_("Kenya, Uganda and Tanzania"), "states", ("KEN", "UGA", "TZA")),
    "mexico_morocco": (N_("Mexico and Morocco"), "states", ("MEX", "MAR")),
}
