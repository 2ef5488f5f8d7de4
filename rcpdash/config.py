"""Paths and constants shared by every layer. Paths come from the package, never the CWD."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
#: The dataset the app serves; RCPDASH_DATA points it elsewhere (a generated large dataset, say).
DATA_DIR = Path(os.environ.get("RCPDASH_DATA") or PROJECT_DIR / "data")
ASSETS_DIR = PROJECT_DIR / "assets"

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
    "europe_central_asia": "Europe & Central Asia",
    "asia_pacific": "Asia-Pacific",
    "americas": "Americas",
    "africa": "Africa",
    "interregional": "Interregional",
    "global": "Global",
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
    "rcp": "Regional consultative process",
    "regional_organization": "Regional organization",
    "programme": "Programme",
    "operation": "Operation",
    "agreement": "Agreement",
    "forum": "Forum",
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
#: Policy themes a process works on (data/themes.csv), with their labels.
THEMES: dict[str, str] = {
    "trafficking_smuggling": "Trafficking and smuggling",
    "border_management": "Border management",
    "irregular_migration": "Irregular migration",
    "return_readmission": "Return and readmission",
    "visas": "Visas",
    "labour_migration": "Labour migration",
    "remittances_development": "Remittances and development",
    "asylum_refugees": "Asylum and refugee protection",
    "migrants_rights": "Migrants' rights",
    "data_information_exchange": "Data and information exchange",
    "integration": "Integration",
    "health": "Health",
}
STATE_KINDS: tuple[str, ...] = ("state", "territory", "historical")
CONTINENTS: tuple[str, ...] = ("Africa", "Americas", "Asia", "Europe", "Oceania")
FIRST_YEAR, LAST_YEAR = 1900, 2005
