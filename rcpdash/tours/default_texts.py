"""The default tour's texts marked for translation (the catalog check reads ``N_()`` calls).

They are shown through ``_()`` when the tour is on screen; ``default.json`` is the source and
tests/test_tours.py checks that this list is the same, in the same order.
"""

from __future__ import annotations

from ..i18n import N_

TEXTS = (
    N_("A walk through the report"),
    N_("Who cooperates with whom on migration"),
    N_(
        "The report names 154 arrangements and 625 cited memberships of 169 states and territories; the darker a state, the more processes it sits in."
    ),
    N_("Europe & Central Asia: the Budapest Process"),
    N_(
        "19 European arrangements have named members. The Budapest Process, grown out of the 1991 Berlin Process, names 35 member states, from Canada and the United States to the Russian Federation."
    ),
    N_("Asia-Pacific: the densest web"),
    N_(
        "31 arrangements, more than any other region. New Zealand (115 partner meetings) and Australia (112) lead: each sits in 19 processes, among them the APC, the PIDC, APEC and the Bali Process."
    ),
    N_("The Americas: the Puebla Process"),
    N_(
        "21 arrangements among 24 states. The Regional Conference on Migration (Puebla Process) joins 11 states, from Canada and the United States through Mexico and Central America to the Dominican Republic."
    ),
    N_("Africa: the Migration Dialogue for Southern Africa"),
    N_(
        "19 arrangements among 41 states, 2.1 memberships per state: the fewest of the four regions. MIDSA joins 14 states, from the DR Congo and Tanzania to South Africa and Mauritius."
    ),
    N_("The four regions side by side"),
    N_(
        "Asia-Pacific's processes share the most members (mean Jaccard 0.20), Europe's and Africa's the fewest (0.07); 30% of the states in European processes also sit in another region's."
    ),
    N_("Overlaps: processes inside processes"),
    N_(
        "An overlap coefficient of 1 means every member of the smaller process also sits in the larger: 43 pairs nest like this, e.g. all 10 states of the Colombo Process (Asian Migration Ministerial Consultations) are in the APC."
    ),
    N_("Bridges between regions"),
    N_(
        "Betweenness: how often a state lies on the shortest route between two others. Canada ranks first (0.19), ahead of the DR Congo (0.12) and the United States (0.11)."
    ),
    N_("Canada in the network"),
    N_(
        "Canada sits in six processes placed in three regions and beyond: the Puebla Process, the Budapest Process, the Stability Pact, APEC, the G8 and consultations with South Africa."
    ),
)
