"""rcpdash: network analysis of interstate cooperation on migration (IOM, 2005).

For notebooks and scripts (docs/api.md)::

    import rcpdash
    ds = rcpdash.load()                 # the report's dataset, validated
    rcpdash.overlaps(ds).head()         # pandas DataFrames ...
    rcpdash.membership_map(ds)          # ... and plotly figures

``rcpdash.create_app()`` builds the Dash app. Names are imported on first use, so ``import rcpdash``
stays light (no Dash, no plotly) for the data check and the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: Public name → the module that defines it.
_EXPORTS = {
    "create_app": "rcpdash.ui.app_factory",
    "Dataset": "rcpdash.data",
    "DataValidationError": "rcpdash.data",
    **dict.fromkeys(
        (
            "load",
            "graph",
            "memberships",
            "overlaps",
            "centralities",
            "region_summary",
            "bridges",
            "membership_map",
            "overlap_heatmap",
            "centrality_chart",
            "region_chart",
        ),
        "rcpdash.api",
    ),
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'rcpdash' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    return sorted(__all__)
