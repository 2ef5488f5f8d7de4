"""Words of the interface that several UI modules show (N_ texts, translated where shown).

Depends on i18n only, so any UI module may import it without a cycle.
"""

from __future__ import annotations

from ..i18n import N_

#: The region filter's choices (keys of rcpdash.urlstate.REGION_FILTERS).
REGION_FILTER_LABELS = {
    "europe_central_asia": N_("Europe & Central Asia"),
    "asia_pacific": N_("Asia-Pacific"),
    "americas": N_("Americas"),
    "africa": N_("Africa"),
    "other": N_("Interregional / global"),
}
