"""Generate a synthetic dataset the size of the Correlates of War IGO data, in rcpdash's schema.

    python -m rcpdash.synthetic OUT_DIR [--states 200] [--orgs 530] [--years 60] [--seed 1]

About 200 states × 530 organizations × 60 yearly snapshots with ~35,000 memberships standing in the
last year, stored as membership *spells* (joined, left) as the loader expects. Names and codes are
invented (``S001``-style names, ``QAA``-style codes beyond the real ones); evidence cells say
"synthetic". For benchmarks and load tests only: never mix it with the report's data.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from .config import CONTINENTS, LAST_YEAR, PROCESS_KINDS
from .data import SCHEMAS

REGIONS = ("europe_central_asia", "asia_pacific", "americas", "africa", "interregional", "global")
REGION_OF_CONTINENT = {
    "Europe": "europe_central_asia",
    "Asia": "asia_pacific",
    "Oceania": "asia_pacific",
    "Americas": "americas",
    "Africa": "africa",
}


def _codes(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"Q{letters[i // 26 % 26]}{letters[i % 26]}" for i in range(n)]


def generate(out: Path, states: int = 200, orgs: int = 530, years: int = 60, seed: int = 1) -> dict[str, int]:
    """Write the CSVs into `out`; returns row counts per file."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    first_year = LAST_YEAR - years + 1
    codes = _codes(states)
    continents = rng.choice(CONTINENTS, size=states, p=[0.27, 0.18, 0.24, 0.22, 0.09])
    state_rows = [
        (code, f"State {i:03d}", cont, f"{cont} region", round(float(rng.uniform(-50, 65)), 2),
         round(float(rng.uniform(-170, 170)), 2), "state")
        for i, (code, cont) in enumerate(zip(codes, continents, strict=True))
    ]  # fmt: skip
    founded = np.sort(rng.integers(first_year, LAST_YEAR + 1, size=orgs))
    regions = rng.choice(REGIONS, size=orgs, p=[0.22, 0.2, 0.18, 0.2, 0.12, 0.08])
    process_rows, membership_rows = [], []
    # Organization sizes: CoW-like spread, a few near-universal, many small (~70 members on average,
    # ~35,000 memberships standing in the last year).
    sizes = np.clip(rng.lognormal(mean=4.02, sigma=0.75, size=orgs), 3, states).astype(int)
    for j in range(orgs):
        pid = f"org{j:03d}"
        region = str(regions[j])
        process_rows.append(
            (pid, f"Organization {j:03d}", f"O{j:03d}", str(rng.choice(PROCESS_KINDS)), region, int(founded[j]), "",
             "", "", "Synthetic organization for load and scale tests.", "synthetic", 1)
        )  # fmt: skip
        # Members lean to the organization's own region (for regional ones).
        weight = np.ones(states)
        if region in REGION_OF_CONTINENT.values():
            weight[[REGION_OF_CONTINENT[c] == region for c in continents]] *= 6
        members = rng.choice(states, size=min(sizes[j], states), replace=False, p=weight / weight.sum())
        for i in members:
            since = int(founded[j]) if rng.random() < 0.55 else int(rng.integers(founded[j], LAST_YEAR + 1))
            until = int(rng.integers(since, LAST_YEAR + 1)) if rng.random() < 0.06 else None
            role = "observer" if rng.random() < 0.04 else "member"
            membership_rows.append((pid, codes[i], role, since, until, "synthetic", 1, ""))
    tables = {
        "states.csv": state_rows,
        "processes.csv": process_rows,
        "memberships.csv": membership_rows,
        "organizations.csv": [],
        "process_links.csv": [],
        "themes.csv": [],
    }
    # Only the columns a header must have: the invented processes have no translated descriptions.
    names = {schema.file: [c.name for c in schema.columns if c.in_header] for schema in SCHEMAS.values()}
    for file, rows in tables.items():
        with (out / file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(names[file])
            writer.writerows(["" if v is None else v for v in row] for row in rows)
    return {file: len(rows) for file, rows in tables.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--states", type=int, default=200)
    parser.add_argument("--orgs", type=int, default=530)
    parser.add_argument("--years", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.states, args.orgs, args.years, args.seed)
    print(", ".join(f"{k}: {v} rows" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
