"""The questions the views ask, answered as plain frames and dicts (no Dash, no plotly).

Each function takes the dataset and/or an already filtered graph, so every view honours the filters
the same way: a profile lists only what the filtered graph still contains.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import pandas as pd

from .config import ASSETS_DIR, KIND_LABELS, MEMBER_ROLES, REGION_LABELS, ROLE_LABELS
from .data import (
    DATES_SOURCE,
    EDITION_EVIDENCE,
    EDITION_SOURCE,
    FROM_REFERENCE,
    NAME_IN_SOURCE,
    Dataset,
    listing_covers,
    listing_of,
)
from .i18n import _, current
from .names import sort_key, state_name
from .network import (
    PROCESS,
    STATE,
    GraphFilter,
    Incidence,
    incidence,
    process_node,
    spell_mask,
    spell_table,
    state_node,
)

#: What every membership row says of its source (the CSV columns; the tables show them as one cell):
#: the source's id, title and URL, the state's name as the source lists it (reference rows only), the
#: source's words and, for the report, their line; ``years_from`` names the source of years the report
#: does not give.
SOURCE_COLUMNS = [
    "source_id",
    "source",
    "source_url",
    "name_in_source",
    "evidence",
    "source_line",
    "years_from",
]
MEMBERSHIP_COLUMNS = ["process_id", "process", "role", "since", "until", *SOURCE_COLUMNS]
#: Extra source columns of a row when two editions are joined (issue 17): the later edition that lists
#: the same spell too, and its words. Only in tables of joined editions, so the report's stay as they were.
EDITION_TABLE_COLUMNS = ["edition_source", "edition_source_url", "edition_evidence"]


def _with_edition_columns(columns: list[str], rows: pd.DataFrame) -> list[str]:
    return [*columns, *EDITION_TABLE_COLUMNS] if EDITION_TABLE_COLUMNS[0] in rows.columns else columns


@lru_cache(maxsize=2)
def shaped_codes(resolution: str = "110m") -> frozenset[str]:
    """ISO codes with a shape in plotly's world topojson at `resolution` (others need a marker)."""
    import json

    topo = json.loads((ASSETS_DIR / "topojson" / f"world_{resolution}.json").read_text(encoding="utf-8"))
    return frozenset(g["id"] for g in topo["objects"]["countries"]["geometries"] if g.get("id"))


def short_label(text: str, limit: int = 28) -> str:
    """`text` cut to `limit` characters with an ellipsis, for axis ticks and node labels."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(G: nx.Graph, node: tuple[str, str]) -> str:
    data = G.nodes[node]
    return data.get("acronym") or data["name"]


def map_counts(
    G: nx.Graph, inc: Incidence | None = None, reference: Mapping[tuple[str, str], str] | None = None
) -> pd.DataFrame:
    """One row per state: how many processes it is in, and which (for the hover).

    With `inc` (a filtered incidence matrix) the counts come from it and `G` (the full graph) only
    supplies names and places; without, from `G` itself. `reference` maps ``(process_id, iso3)`` to
    the source of a membership the report does not name (:func:`reference_labels`). Columns: ``iso3,
    name, lat, lon, value, processes, from_sources`` (the memberships from other sources than the
    report, "AU (World Population Review), EAC (Kenya Law)"); names in the interface language.
    """
    inc = inc if inc is not None else incidence(G)
    reference = reference or {}
    labels = [_label(G, p) for p in inc.processes]
    matrix = inc.matrix.tocsr()
    rows = []
    for i, node in enumerate(inc.states):
        data = G.nodes[node]
        columns = matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]
        mine = sorted(labels[j] for j in columns)
        if mine:
            name = state_name(data["id"], data["name"])
            elsewhere = sorted(
                f"{labels[j]} ({reference[key]})"
                for j in columns
                if (key := (inc.processes[j][1], data["id"])) in reference
            )
            rows.append(
                (data["id"], name, data["lat"], data["lon"], len(mine), ", ".join(mine), ", ".join(elsewhere))
            )
    return pd.DataFrame(rows, columns=["iso3", "name", "lat", "lon", "value", "processes", "from_sources"])


def reference_labels(dataset: Dataset) -> dict[tuple[str, str], str]:
    """``(process_id, iso3) → publisher(s)`` of every membership only a reference source gives: the
    short form of a source for hovers (the tables give the title and URL)."""
    catalogue = sources_by_id(dataset)
    return {
        pair: "; ".join(catalogue.get(s, (s, s, ""))[1] for s in source_ids)
        for pair, source_ids in reference_pairs(dataset).items()
    }


def membership_list(G: nx.Graph, flt: GraphFilter) -> pd.DataFrame:
    """Every membership `flt` keeps, one row per state and process with its roles, from the spell
    arrays of the full graph `G` (no filtered graph is built). Columns: ``iso3, state, process_id,
    process, roles``; sorted by process, then state."""
    table = spell_table(G)
    mask, _ = spell_mask(G, flt)
    roles: dict[int, set[str]] = {}
    for pair, role in zip(table.pair[mask].tolist(), table.role[mask].tolist(), strict=True):
        roles.setdefault(pair, set()).add(role)
    rows = []
    for pair, names in roles.items():
        s, p = table.pairs[pair]
        state = state_name(s[1], G.nodes[s]["name"])
        rows.append((s[1], state, p[1], G.nodes[p]["name"], ", ".join(sorted(names))))
    frame = pd.DataFrame(rows, columns=["iso3", "state", "process_id", "process", "roles"])
    return frame.sort_values(["process_id", "iso3"], ignore_index=True)


def map_process(
    G: nx.Graph, process_id: str, reference: Mapping[tuple[str, str], str] | None = None
) -> pd.DataFrame:
    """The states of one process in `G` with their status (``member`` or ``observer``) and roles.

    `reference` (:func:`reference_labels`) names the source of the memberships the report does not
    name. Columns: ``iso3, name, lat, lon, status, roles, from_source`` (empty: the report's).
    """
    node = process_node(process_id)
    reference = reference or {}
    rows = []
    if node in G:
        for state in G[node]:
            edge, data = G.edges[state, node], G.nodes[state]
            status = "member" if edge["is_member"] else "observer"
            roles = ", ".join(role_label(r) for r in edge["roles"])
            name = state_name(data["id"], data["name"])
            source = reference.get((process_id, data["id"]), "")
            rows.append((data["id"], name, data["lat"], data["lon"], status, roles, source))
    frame = pd.DataFrame(rows, columns=["iso3", "name", "lat", "lon", "status", "roles", "from_source"])
    return frame.sort_values("iso3", ignore_index=True)


def _rows_for_edges(
    dataset: Dataset, G: nx.Graph, pairs: list[tuple[str, str]], column: str, value: str
) -> pd.DataFrame:
    """Membership rows of the dataset for (process_id, iso3) pairs, keeping only the roles the
    filtered graph shows for that pair. `column` == `value` narrows the rows first (all pairs share it)."""
    keep = set()
    for process_id, iso3 in pairs:
        edge = G.edges[state_node(iso3), process_node(process_id)]
        keep.update((process_id, iso3, role) for role in edge["roles"])
    m = dataset.memberships
    m = m[m[column] == value]
    mask = [(p, s, r) in keep for p, s, r in zip(m.process_id, m.iso3, m.role, strict=True)]
    return m[mask]


def sources_by_id(dataset: Dataset) -> dict[str, tuple[str, str, str]]:
    """``source_id → (title, publisher, url)`` from the dataset's sources table (url empty when the
    source is a citation, not a web page)."""
    sources = dataset.sources
    return {
        row.source_id: (row.title, row.publisher, row.url_or_citation if _is_web(row.url_or_citation) else "")
        for row in sources.itertuples()
    }


def _is_web(text: str) -> bool:
    return isinstance(text, str) and text.startswith(("https://", "http://"))


def with_sources(dataset: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Membership `rows` with the :data:`SOURCE_COLUMNS` filled in from the sources table.

    Reference rows (merged in from reference_memberships.csv) carry the state's name as their source
    lists it; the report's rows carry their line; a report row whose years come from a reference
    names that source in ``years_from``. Works on the files' own rows too (no reference columns)."""
    catalogue = sources_by_id(dataset)

    def column(name: str, default: object) -> pd.Series:
        return rows[name] if name in rows.columns else pd.Series(default, index=rows.index, dtype=object)

    source_ids = column("source_id", "").fillna("")
    dates = column(DATES_SOURCE, "").fillna("")
    if EDITION_SOURCE in rows.columns:
        later = rows[EDITION_SOURCE].fillna("")
        rows = rows.assign(
            edition_source=later.map(lambda s: catalogue.get(s, (s, "", ""))[0] if s else ""),
            edition_source_url=later.map(lambda s: catalogue.get(s, ("", "", ""))[2] if s else ""),
            edition_evidence=rows[EDITION_EVIDENCE].fillna(""),
        )
    return rows.assign(
        source_id=source_ids,
        source=source_ids.map(lambda s: catalogue.get(s, (s, "", ""))[0]),
        source_url=source_ids.map(lambda s: catalogue.get(s, ("", "", ""))[2]),
        name_in_source=column(NAME_IN_SOURCE, "").fillna(""),
        years_from=dates.map(lambda s: catalogue.get(s, (s, "", ""))[0] if s else ""),
    )


def reference_pairs(dataset: Dataset) -> dict[tuple[str, str], tuple[str, ...]]:
    """``(process_id, iso3) → source ids`` for every membership only a reference source gives (the
    report names the state in no row of that process). Empty when the dataset's memberships are the
    report's own (``sources=report``).

    >>> from rcpdash.data import merge_memberships
    """
    m = dataset.memberships
    if FROM_REFERENCE not in m.columns and EDITION_SOURCE not in m.columns:
        return {}
    other = m[FROM_REFERENCE] if FROM_REFERENCE in m.columns else pd.Series(False, index=m.index)
    if EDITION_SOURCE in m.columns:
        # A later edition's own rows (a state the report does not list so) are not the report's either.
        other = other | (m[EDITION_SOURCE] == m["source_id"])
    named = set(zip(m.loc[~other, "process_id"], m.loc[~other, "iso3"], strict=True))
    ref = m[other]
    pairs: dict[tuple[str, str], tuple[str, ...]] = {}
    for process_id, iso3, source_id in zip(ref["process_id"], ref["iso3"], ref["source_id"], strict=True):
        if (process_id, iso3) in named:
            continue  # the report names it: the row is an earlier spell, the membership is the report's
        known = pairs.get((process_id, iso3), ())
        if source_id not in known:
            pairs[(process_id, iso3)] = (*known, source_id)
    return pairs


@dataclass(frozen=True)
class MemberSources:
    """How many of a process's members the report names, and which sources give the others."""

    named: int  # members the report names
    total: int  # members counted (the report's and the reference sources')
    sources: tuple[tuple[str, str], ...]  # (title, url) of the sources of the others, by title

    @property
    def others(self) -> int:
        return self.total - self.named


def member_sources(dataset: Dataset, G: nx.Graph, process_id: str) -> MemberSources:
    """The members of `process_id` in `G` (a filtered graph): how many the report names, how many only a
    reference source gives, and those sources (:func:`reference_pairs`)."""
    node = process_node(process_id)
    members = [s[1] for s in G[node] if G.edges[s, node]["is_member"]] if node in G else []
    pairs = reference_pairs(dataset)
    catalogue = sources_by_id(dataset)
    source_ids = {s for iso3 in members for s in pairs.get((process_id, iso3), ())}
    others = sum((process_id, iso3) in pairs for iso3 in members)
    sources = sorted(
        {(catalogue.get(s, (s, "", ""))[0], catalogue.get(s, ("", "", ""))[2]) for s in source_ids},
        key=lambda pair: pair[0].casefold(),
    )
    return MemberSources(named=len(members) - others, total=len(members), sources=tuple(sources))


def state_memberships(dataset: Dataset, G: nx.Graph, iso3: str) -> pd.DataFrame:
    """The processes a state is in under the filters, with role, years and each row's source
    (:data:`SOURCE_COLUMNS`)."""
    node = state_node(iso3)
    if node not in G:
        return pd.DataFrame(columns=MEMBERSHIP_COLUMNS)
    rows = _rows_for_edges(dataset, G, [(p[1], iso3) for p in G[node]], "iso3", iso3)
    names = dataset.processes.set_index("process_id")["name"]
    out = with_sources(dataset, rows.assign(process=rows["process_id"].map(names)))
    out = out[_with_edition_columns(MEMBERSHIP_COLUMNS, out)]
    return out.sort_values(["process", "role"], ignore_index=True)


def process_members(dataset: Dataset, G: nx.Graph, process_id: str) -> pd.DataFrame:
    """A process's states under the filters: ``iso3, state, continent, role, since, until`` and each
    row's source (:data:`SOURCE_COLUMNS`), members first."""
    columns = ["iso3", "state", "continent", "role", "since", "until", *SOURCE_COLUMNS]
    node = process_node(process_id)
    if node not in G:
        return pd.DataFrame(columns=columns)
    rows = with_sources(
        dataset, _rows_for_edges(dataset, G, [(process_id, s[1]) for s in G[node]], "process_id", process_id)
    )
    states = dataset.states.set_index("iso3")
    names = {iso3: state_name(iso3, name) for iso3, name in states["name"].items()}
    out = rows.assign(state=rows["iso3"].map(names), continent=rows["iso3"].map(states["continent"]))
    out = out.assign(_observer=~out["role"].isin(MEMBER_ROLES))
    return out.sort_values(["_observer", "state", "role"], ignore_index=True)[
        _with_edition_columns(columns, out)
    ]


@dataclass(frozen=True)
class ProcessInfo:
    """What a process profile shows besides its member table."""

    process_id: str
    name: str
    acronym: str
    kind: str
    region: str
    founded: int | None
    facilitators: tuple[str, ...]
    stated_member_count: int | None
    listed_members: int
    listed_observers: int
    count_note: str
    description: str
    evidence: str
    source_line: int
    links: pd.DataFrame  # other process, link type, year, evidence, source_line
    organizations: pd.DataFrame  # organization, role, evidence, source_line

    @property
    def kind_label(self) -> str:
        """The kind in the interface language."""
        return _(KIND_LABELS.get(self.kind, self.kind))

    @property
    def region_label(self) -> str:
        """The report region in the interface language."""
        return _(REGION_LABELS.get(self.region, self.region))

    descriptions: tuple[tuple[str, str], ...] = ()  # (language, text) translations from the data

    def localised_description(self) -> tuple[str, str | None]:
        """The description in the interface language when the data has one, else the English one;
        with the ``lang`` attribute the text needs when it is not in the interface language."""
        language = current()
        translated = dict(self.descriptions).get(language)
        if translated or language == "en":
            return translated or self.description, None
        return self.description, "en"

    @property
    def count_differs(self) -> bool:
        """True when the report's stated count and the states it names disagree."""
        return self.stated_member_count is not None and self.stated_member_count != self.listed_members


def _none(value: object) -> object:
    return None if pd.isna(value) else value


def process_info(dataset: Dataset, process_id: str) -> ProcessInfo | None:
    """Facts about one process from the whole dataset (not filtered), or None if unknown."""
    processes = dataset.processes.set_index("process_id")
    if process_id not in processes.index:
        return None
    row = processes.loc[process_id]
    m = dataset.memberships[dataset.memberships.process_id == process_id]
    if FROM_REFERENCE in m.columns:
        m = m[~m[FROM_REFERENCE]]  # "the states the report names": its own rows, whatever else counts
    member_codes = set(m[m.role.isin(MEMBER_ROLES)]["iso3"])
    members = len(member_codes)
    # An observer that later joined counts once, as a member.
    observers = len(set(m[m.role == "observer"]["iso3"]) - member_codes)
    links = dataset.process_links
    mine = links[(links.process_a == process_id) | (links.process_b == process_id)]
    other = mine.process_a.where(mine.process_b == process_id, mine.process_b)
    link_frame = pd.DataFrame(
        {
            "process_id": other.to_numpy(),
            "process": other.map(processes["name"]).to_numpy(),
            "link": mine.link_type.str.replace("_", " ").to_numpy(),
            "year": mine.year.astype("Int64").to_numpy(),
            "evidence": mine.evidence.to_numpy(),
            "source_line": mine.source_line.to_numpy(),
        }
    )
    orgs = dataset.organizations[dataset.organizations.process_id == process_id]
    org_frame = orgs.assign(organization=orgs["name"])[["organization", "role", "evidence", "source_line"]]
    return ProcessInfo(
        process_id=process_id,
        name=row["name"],
        acronym=row["acronym"],
        kind=row["kind"],
        region=row["region"],
        founded=_none(row["founded"]),
        facilitators=tuple(f.strip() for f in row["facilitators"].split(";") if f.strip()),
        stated_member_count=_none(row["stated_member_count"]),
        listed_members=int(members),
        listed_observers=int(observers),
        count_note=row["count_note"],
        description=row["description"],
        descriptions=tuple(
            (lang, row[f"description_{lang}"])
            for lang in ("fr", "es")
            if f"description_{lang}" in row.index and row[f"description_{lang}"]
        ),
        evidence=row["evidence"],
        source_line=int(row["source_line"]),
        links=link_frame.reset_index(drop=True),
        organizations=org_frame.reset_index(drop=True),
    )


def node_label(G: nx.Graph, node: tuple[str, str]) -> str:
    """A short label: the acronym of a process, the name of a state (in the interface language)."""
    if node[0] == PROCESS:
        return _label(G, node)
    return state_name(node[1], G.nodes[node]["name"]) if node[0] == STATE else str(node)


def role_label(role: str) -> str:
    """A membership role as the interface language says it ("founding member")."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role.replace("_", " ")


def options(dataset: Dataset) -> tuple[list[dict], list[dict]]:
    """Dropdown options for states and for processes (only those with at least one membership).

    States are named and sorted in the current language (accents ignored); processes keep their
    official names.
    """
    used = dataset.memberships
    states = dataset.states[dataset.states.iso3.isin(set(used.iso3))]
    processes = dataset.processes[dataset.processes.process_id.isin(set(used.process_id))]
    processes = processes.assign(label=processes.acronym.where(processes.acronym != "", processes.name))
    process_options = [
        {"label": f"{r.label} — {r.name}" if r.label != r.name else r.name, "value": r.process_id}
        for r in processes.sort_values("label").itertuples()
    ]
    state_options = sorted(
        ({"label": state_name(r.iso3, r.name), "value": r.iso3} for r in states.itertuples()),
        key=lambda option: sort_key(option["label"]),
    )
    return state_options, process_options


def node_options(state_options: list[dict], process_options: list[dict]) -> list[dict]:
    """The options of :func:`options` as network nodes (values ``state:KEN``, ``process:apc``), states
    first, for a search over both.

    >>> node_options([{"label": "Kenya", "value": "KEN"}], [{"label": "APC", "value": "apc"}])
    [{'label': 'Kenya', 'value': 'state:KEN'}, {'label': 'APC', 'value': 'process:apc'}]
    """
    return [{"label": o["label"], "value": f"{STATE}:{o['value']}"} for o in state_options] + [
        {"label": o["label"], "value": f"{PROCESS}:{o['value']}"} for o in process_options
    ]


# --------------------------------------------------------------------------------------------------
# Then and now: what changed between the report and a later edition (issue 17)
# --------------------------------------------------------------------------------------------------

#: The kinds of change between two editions, most telling first (a map colours a state by the first).
#: ``not_named``: listed in the report, not named by a later source that names only some states (its
#: listing, :data:`rcpdash.data.LISTINGS`): that source cannot say the state left.
CHANGES: tuple[str, ...] = ("joined", "left", "role_changed", "stayed", "not_named")
CHANGE_COLUMNS = [
    "process_id",
    "process",
    "region",
    "iso3",
    "state",
    "change",
    "status_then",
    "status_now",
    "roles_then",
    "quote_then",
    "line_then",
    "roles_now",
    "quote_now",
    "source_now",
    "source_now_url",
    "listing",
]


def edition_changes(dataset: Dataset) -> pd.DataFrame:
    """Per process the latest edition covers and per state either edition lists there: what changed
    from the report (``*_then``) to that edition (``*_now``).

    ``change`` is ``joined`` (listed only now, in any role), ``left`` (listed only then, by a later
    source listing that class of role in full), ``not_named`` (listed only then, by a later source
    naming only some states), ``role_changed`` (a member then and an observer or partner now, or the reverse) or ``stayed``;
    ``status_then`` and ``status_now`` are ``member``, ``observer`` (observers and partners) or empty. Roles
    are the rows' roles, the quotes each edition's own words (the report's with its line, the later
    one's with its source's title and URL, ``source_now``, ``source_now_url``); ``listing``
    how much of the process the later source lists (:data:`rcpdash.data.LISTINGS`). `dataset` is
    the dataset as its files hold it (the report's rows, not joined). Columns: :data:`CHANGE_COLUMNS`.
    """
    later = dataset.edition_memberships
    if later.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    later = later[later["edition"] == later["edition"].max()]
    covered = sorted(set(later["process_id"]))
    report = dataset.memberships[dataset.memberships["process_id"].isin(covered)]
    processes = dataset.processes.set_index("process_id")
    states = dataset.states.set_index("iso3")["name"]

    def listing(rows: pd.DataFrame, with_line: bool) -> dict[tuple[str, str], tuple[str, str, str, str, str]]:
        """(process, state) → (class of role, roles, first quote, line, source)."""
        out = {}
        for (process_id, iso3), group in rows.groupby(["process_id", "iso3"], sort=False):
            member = group["role"].isin(MEMBER_ROLES).any()
            roles = ", ".join(role_label(r) for r in dict.fromkeys(group["role"]))
            line = group["source_line"].iloc[0] if with_line else None
            out[(process_id, iso3)] = (
                "member" if member else "observer",
                roles,
                group["evidence"].iloc[0],
                "" if line is None or pd.isna(line) else str(int(line)),
                group["source_id"].iloc[0],
            )
        return out

    then, now = listing(report, True), listing(later, False)
    listed = dict(zip(later["process_id"], listing_of(later), strict=True))
    titles = dict(zip(dataset.sources["source_id"], dataset.sources["title"], strict=True))
    urls = dict(zip(dataset.sources["source_id"], dataset.sources["url_or_citation"], strict=True))
    rows = []
    for key in sorted(set(then) | set(now)):
        process_id, iso3 = key
        before, after = then.get(key), now.get(key)
        if before is None:
            change = "joined"
        elif after is None:
            change = "left" if listing_covers(listed[process_id], before[0]) else "not_named"
        else:
            change = "stayed" if before[0] == after[0] else "role_changed"
        rows.append(
            (
                process_id,
                processes.at[process_id, "name"],
                processes.at[process_id, "region"],
                iso3,
                state_name(iso3, states.get(iso3, iso3)),
                change,
                before[0] if before else "",
                after[0] if after else "",
                before[1] if before else "",
                before[2] if before else "",
                before[3] if before else "",
                after[1] if after else "",
                after[2] if after else "",
                titles.get(after[4], after[4]) if after else "",
                urls.get(after[4], "") if after else "",
                listed[process_id],
            )
        )
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    order = {change: i for i, change in enumerate(CHANGES)}
    frame = frame.assign(_order=frame["change"].map(order), _name=frame["state"].map(sort_key))
    return frame.sort_values(["process", "_order", "_name"], ignore_index=True)[CHANGE_COLUMNS]
