"""The country shapes the maps draw (``assets/topojson/world_50m.json``), read without a GIS library.

Used to check that a state's point lies on its main territory (tests) and by
``tools/build_cow_states.py`` to place states that have no point in ``data/states.csv``. A country may be
drawn as several shapes (Spain's mainland and the Canaries, Portugal's mainland, Madeira and the Azores);
its *main* shape is the one holding its largest polygon.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import ASSETS_DIR

WORLD_50M = ASSETS_DIR / "topojson" / "world_50m.json"

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points, the first not repeated at the end


@dataclass(frozen=True)
class MainShape:
    """A country's main shape: the centre plotly.js gives it and the outline of its largest polygon."""

    iso3: str
    ct: tuple[float, float]  # (lon, lat), the shape's ``properties.ct``
    outline: Ring
    pieces: int  # how many shapes the file draws for the country

    def contains(self, lat: float, lon: float) -> bool:
        """Whether (lat, lon) lies inside the outline (even-odd rule; holes are ignored)."""
        inside = False
        points = self.outline
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside


def _area(ring: Ring) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


@lru_cache(maxsize=2)
def main_shapes(path: Path = WORLD_50M) -> dict[str, MainShape]:
    """{iso3: main shape} for every country the topojson file draws."""
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantized and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> Ring:
        out: list[tuple[float, float]] = []
        for i in indices:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return tuple(out[:-1] if len(out) > 1 and out[0] == out[-1] else out)

    best: dict[str, tuple[float, MainShape]] = {}
    pieces: dict[str, int] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso3, ct = geometry.get("id"), geometry.get("properties", {}).get("ct")
        if not iso3 or not ct or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        pieces[iso3] = pieces.get(iso3, 0) + 1
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            outline = ring(polygon[0])
            area = _area(outline)
            if iso3 not in best or area > best[iso3][0]:
                best[iso3] = (area, MainShape(iso3, (float(ct[0]), float(ct[1])), outline, 0))
    return {
        iso3: MainShape(shape.iso3, shape.ct, shape.outline, pieces[iso3])
        for iso3, (_, shape) in best.items()
    }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
    rad = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * rad / 2) ** 2
        + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))
