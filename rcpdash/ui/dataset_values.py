"""Values of the controls and footer that come from the dataset (its years, its counts).

Shared by the page's layout and by the dataset panel, which recomputes them when an upload
replaces the data; depends on the data layer and i18n only.
"""

from __future__ import annotations

from .. import datasets
from ..config import LAST_YEAR
from ..i18n import _, count_text
from ..queries import options


def compare_options() -> tuple[list[dict], list[dict]]:
    """The compare view's state and process choices: every one with a membership in the report or a
    reference source (a dropdown drops a value it has no option for, and UEMOA's members, say, come
    only from a reference source)."""
    with datasets.sources_in_use("all"):
        return options(datasets.dataset())


def first_year() -> int:
    """The oldest founding year in the data: where the timeline starts."""
    founded = datasets.dataset().processes["founded"].dropna()
    return int(founded.min()) if len(founded) else 1990


#: The timeline slider's position for "all years" (one step past the report's year).
SLIDER_ALL = LAST_YEAR + 1


def year_options() -> list[dict]:
    """'All years', then every year from 2005 back to the oldest founding year in the data."""
    return [{"label": _("All years"), "value": "all"}] + [
        {"label": str(y), "value": str(y)} for y in range(LAST_YEAR, first_year() - 1, -1)
    ]


def slider_marks() -> dict:
    """Decade marks on the timeline slider, its start, and 'All' one step past 2005."""
    first = first_year()
    marks = {y: str(y) for y in (1960, 1980, 1990, 2000) if y > first + 5}
    marks.update({first: str(first), SLIDER_ALL: _("All")})
    return dict(sorted(marks.items()))


def dataset_line() -> str:
    """The dataset in one line, for the footer: what the counts on every view are counts of."""
    summary = datasets.dataset().summary()
    roles = summary["memberships_by_role"]
    observers = roles.get("observer", 0) + roles.get("partner", 0)
    memberships = count_text("{n} cited membership", "{n} cited memberships", summary["memberships"])
    observed = count_text("{n} as an observer or partner", "{n} as observers or partners", observers)
    return " · ".join(
        [
            count_text("{n} arrangement", "{n} arrangements", summary["processes"]),
            count_text(
                "{n} state or territory", "{n} states and territories", summary["states_with_memberships"]
            ),
            f"{memberships} ({observed})",
            count_text("{n} link between processes", "{n} links between processes", summary["process_links"]),
            count_text("{n} policy theme", "{n} policy themes", summary["themes"]),
        ]
    )
