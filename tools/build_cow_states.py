"""Build rcpdash/cow_states.csv: Correlates of War state codes -> ISO 3166 alpha-3 and a point.

Run once by hand (the table is committed; the app never runs this)::

    pip download --no-deps countrycode==0.6.0 && unzip countrycode-0.6.0-py3-none-any.whl
    python tools/build_cow_states.py countrycode/data/codelist.pickle > rcpdash/cow_states.csv

Sources, in the order they are used for each column:

- ``ccode``, ``cow_abb``, ``cow_name`` and ``iso3``: the ``cown``, ``cowc``, ``cow.name`` and ``iso3c``
  columns of the codelist of *countrycode* 0.6.0 (Arel-Bundock, Enevoldsen and Yetman 2018,
  "countrycode: An R package to convert country names and country codes", Journal of Open Source
  Software 3(28), 848; the Python package of the same data on PyPI).
- Codes the codelist leaves without an ISO code, and the codes CoW kept across a change of state
  (365 for the Soviet Union and Russia, 345 for Yugoslavia and Serbia), follow :data:`OVERRIDES`:
  ISO 3166-3 codes of former states where one exists (CSK, DDR, SUN, YUG, YMD), else the CoW
  abbreviation itself (19th-century states such as BAV or SAX; none collides with an ISO code).
- ``name``, ``continent``, ``subregion``, ``lat``, ``lon``, ``kind``: ``data/states.csv`` when the state
  is there; else the codelist's continent and UN M49 intermediate region (sub-region when there is
  none), the centre (``ct``) of its main shape in ``assets/topojson/world_50m.json`` (the shape
  holding its largest polygon, :mod:`rcpdash.shapes`), and :data:`POINTS` for
  states with no shape today (their capital).
"""

from __future__ import annotations

import csv
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rcpdash.shapes import main_shapes  # noqa: E402

#: ccode -> [(first year, last year, iso3, name, continent, subregion, kind)]; None years are open.
OVERRIDES: dict[int, list[tuple]] = {
    300: [(None, None, "AUH", "Austria-Hungary", "Europe", "Western Europe", "historical")],
    267: [(None, None, "BAD", "Baden", "Europe", "Western Europe", "historical")],
    245: [(None, None, "BAV", "Bavaria", "Europe", "Western Europe", "historical")],
    315: [(None, None, "CSK", "Czechoslovakia", "Europe", "Eastern Europe", "historical")],
    265: [(None, None, "DDR", "German Democratic Republic", "Europe", "Western Europe", "historical")],
    240: [(None, None, "HAN", "Hanover", "Europe", "Western Europe", "historical")],
    273: [(None, None, "HSE", "Hesse Electoral", "Europe", "Western Europe", "historical")],
    275: [(None, None, "HSG", "Hesse Grand Ducal", "Europe", "Western Europe", "historical")],
    347: [(None, None, "XKX", "Kosovo", "Europe", "Southern Europe", "state")],
    280: [(None, None, "MEC", "Mecklenburg Schwerin", "Europe", "Western Europe", "historical")],
    332: [(None, None, "MOD", "Modena", "Europe", "Southern Europe", "historical")],
    335: [(None, None, "PMA", "Parma", "Europe", "Southern Europe", "historical")],
    817: [(None, None, "RVN", "Republic of Vietnam", "Asia", "South-eastern Asia", "historical")],
    269: [(None, None, "SAX", "Saxony", "Europe", "Western Europe", "historical")],
    337: [(None, None, "TUS", "Tuscany", "Europe", "Southern Europe", "historical")],
    329: [(None, None, "SIC", "Two Sicilies", "Europe", "Southern Europe", "historical")],
    271: [(None, None, "WRT", "Wuerttemburg", "Europe", "Western Europe", "historical")],
    # ISO 3166 gave YEM to the Yemen Arab Republic before unification, YMD to the south.
    678: [(None, None, "YEM", "Yemen", "Asia", "Western Asia", "state")],
    680: [(None, None, "YMD", "Yemen People's Republic", "Asia", "Western Asia", "historical")],
    511: [(None, None, "ZAN", "Zanzibar", "Africa", "Eastern Africa", "historical")],
    # CoW keeps one code across these changes; ISO does not.
    365: [(None, 1991, "SUN", None, None, None, None), (1992, None, "RUS", None, None, None, None)],
    # West Germany continued as Germany (ISO DEU throughout).
    260: [(None, None, "DEU", None, None, None, None)],
    345: [
        (None, 2005, "YUG", None, None, None, None),
        (2006, None, "SRB", "Serbia", "Europe", "Southern Europe", "state"),
    ],
}
#: CoW codes the codelist lacks: (ccode, abbreviation, CoW name); their rows come from OVERRIDES.
MISSING = [(260, "GFR", "German Federal Republic")]
#: Capitals of states with no shape in world_50m (lat, lon).
POINTS = {
    "AUH": (48.21, 16.37),
    "BAD": (49.01, 8.40),
    "BAV": (48.14, 11.58),
    "DDR": (52.52, 13.40),
    "HAN": (52.37, 9.74),
    "HSE": (51.31, 9.48),
    "HSG": (49.87, 8.65),
    "MEC": (53.63, 11.41),
    "MOD": (44.65, 10.93),
    "PMA": (44.80, 10.33),
    "RVN": (10.82, 106.63),
    "SAX": (51.05, 13.74),
    "TUS": (43.77, 11.26),
    "SIC": (40.85, 14.27),
    "WRT": (48.78, 9.18),
    "YMD": (12.79, 45.02),
    "SMR": (43.94, 12.46),
    "VAT": (41.90, 12.45),
    "ZAN": (-6.16, 39.19),
    "XKX": (42.66, 21.17),
    "SRB": (44.02, 20.92),
    "CSK": (49.8, 15.5),
}
COLUMNS = [
    "ccode",
    "first_year",
    "last_year",
    "cow_abb",
    "cow_name",
    "iso3",
    "name",
    "continent",
    "subregion",
    "lat",
    "lon",
    "kind",
]


def main(codelist_path: str) -> None:
    codes = pickle.loads(Path(codelist_path).read_bytes())
    known = {r["iso3"]: r for r in csv.DictReader((ROOT / "data" / "states.csv").open(encoding="utf-8"))}
    # The centre of each country's main shape: a country drawn as several shapes (Spain and the
    # Canaries) is placed on its mainland, not on whichever shape the file lists last.
    centres = {iso3: list(shape.ct) for iso3, shape in main_shapes().items()}
    rows = []
    for i, cown in enumerate(codes["cown"]):
        if cown is None or cown != cown:
            continue
        ccode = int(cown)
        iso3 = codes["iso3c"][i]
        intermediate = codes["un.regionintermediate.name"][i]
        sub = intermediate if isinstance(intermediate, str) else codes["un.regionsub.name"][i]
        base = (iso3, codes["cow.name"][i], codes["continent"][i], sub, "state")
        for first, last, code, name, continent, subregion, kind in OVERRIDES.get(
            ccode, [(None, None, *base)]
        ):
            row = {
                "ccode": ccode,
                "first_year": first or "",
                "last_year": last or "",
                "cow_abb": codes["cowc"][i],
                "cow_name": codes["cow.name"][i],
                "iso3": code,
            }
            if code in known:
                k = known[code]
                row.update(
                    name=k["name"],
                    continent=k["continent"],
                    subregion=k["subregion"],
                    lat=k["lat"],
                    lon=k["lon"],
                    kind=k["kind"],
                )
            else:
                lat, lon = POINTS.get(code) or tuple(reversed(centres[code]))
                row.update(
                    name=name or codes["cow.name"][i],
                    continent=continent or codes["continent"][i],
                    subregion=subregion or sub,
                    lat=lat,
                    lon=lon,
                    kind=kind or "state",
                )
            rows.append(row)
    for ccode, abb, name in MISSING:
        for first, last, code, *_ in OVERRIDES[ccode]:
            k = known[code]
            rows.append(
                {
                    "ccode": ccode,
                    "first_year": first or "",
                    "last_year": last or "",
                    "cow_abb": abb,
                    "cow_name": name,
                    "iso3": code,
                    **{c: k[c] for c in COLUMNS[6:]},
                }
            )
    rows.sort(key=lambda r: (r["ccode"], r["first_year"] or 0))
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
