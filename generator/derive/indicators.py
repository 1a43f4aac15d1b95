"""Derived indicator data with pandas: composite indices, rankings, peer-group quartiles, changes.

Pure functions of the checked tables and the records; no I/O. Quartiles use pandas' default
linear interpolation (the same as numpy.percentile and Excel's KWARTYL.PRZEDZ.ZAMK).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from generator.content.records import Record
from generator.content.tables import Table

if TYPE_CHECKING:
    from generator.derive.model import SiteModel

HIGHER, LOWER, UNRATED = "wyższa lepsza", "niższa lepsza", "bez oceny"
COLUMNS = ["teryt", "indicator", "year", "value"]
# Like is compared with like: rankings, medians and quartiles only within one class of local
# government (never gminas with powiats), and only over at least MIN_PEERS units.
PEER_CLASS = {"gmina miejska": "gminy", "gmina wiejska": "gminy", "gmina miejsko-wiejska": "gminy",
              "miasto na prawach powiatu": "miasta na prawach powiatu", "powiat": "powiaty", "województwo": "województwa"}
PEER_CLASSES = ("gminy", "miasta na prawach powiatu", "powiaty", "województwa")
MIN_PEERS = 5


def peer_class(jst_type: object) -> str:
    """The class a local government is compared within ("gminy", "powiaty"…); unknown: its own text."""
    return PEER_CLASS.get(str(jst_type), str(jst_type))


def frame_from_tables(tables: Iterable[Table]) -> pd.DataFrame:
    """All checked rows as one tidy frame (teryt, indicator, year, value)."""
    parts = [t.frame[COLUMNS] for t in tables if len(t)]
    if not parts:
        return pd.DataFrame({"teryt": pd.Series(dtype=str), "indicator": pd.Series(dtype=str),
                             "year": pd.Series(dtype="int64"), "value": pd.Series(dtype=float)})
    frame = pd.concat(parts, ignore_index=True)
    return frame.astype({"year": "int64", "value": float})


def direction_of(indicator: Record) -> str:
    return str(indicator.get("direction") or UNRATED)


def scaled(frame: pd.DataFrame, direction: str) -> pd.Series:
    """Values of one indicator rescaled per year to 0–100: 100 for the best, 0 for the weakest."""
    by_year = frame.groupby("year")["value"]
    low, high = by_year.transform("min"), by_year.transform("max")
    span = (high - low).where(high > low)
    score = (frame["value"] - low) / span * 100
    if direction == LOWER:
        score = 100 - score
    return score.fillna(50.0)  # everyone equal: the middle of the scale


def composite_rows(frame: pd.DataFrame, index: Record, directions: dict[str, str]) -> pd.DataFrame:
    """Values of a composite index: the weighted mean of its rescaled components, where all are present."""
    components = [(c["indicator"], float(c.get("weight", 1))) for c in index.get("components", [])]
    parts: list[pd.DataFrame] = []
    for name, weight in components:
        part = frame[frame["indicator"] == name]
        if part.empty:
            return frame.iloc[0:0][COLUMNS]
        parts.append(pd.DataFrame({"teryt": part["teryt"], "year": part["year"],
                                   f"s{len(parts)}": scaled(part, directions.get(name, UNRATED)) * weight}))
    merged = parts[0]
    for part in parts[1:]:
        merged = merged.merge(part, on=["teryt", "year"], how="inner")
    total = sum(weight for _, weight in components)
    value = merged[[f"s{i}" for i in range(len(parts))]].sum(axis=1) / total
    return pd.DataFrame({"teryt": merged["teryt"], "indicator": index.id, "year": merged["year"], "value": value.round(6)})


def with_composites(frame: pd.DataFrame, indicators: list[Record]) -> pd.DataFrame:
    directions = {i.id: direction_of(i) for i in indicators}
    extra = [composite_rows(frame, i, directions) for i in indicators if i.get("components")]
    extra = [e for e in extra if not e.empty]
    return pd.concat([frame, *extra], ignore_index=True) if extra else frame


def ranked(frame: pd.DataFrame, directions: dict[str, str], classes: dict[str, str]) -> pd.DataFrame:
    """Add the peer class, rank (1 = best; ties share the better place) and the number ranked, per
    indicator, year and peer class: a gmina is ranked among gminas, a powiat among powiats."""
    out = frame.copy()
    out["peer"] = out["teryt"].map(classes).fillna("")
    lower = out["indicator"].isin([i for i, d in directions.items() if d == LOWER])
    key = out["value"].where(lower, -out["value"])
    keys = [out["indicator"], out["year"], out["peer"]]
    out["rank"] = key.groupby(keys).rank(method="min").astype("int64")
    out["count"] = out.groupby(["indicator", "year", "peer"])["value"].transform("size").astype("int64")
    return out


def peer_groups(jst: list[Record], projects: list[Record]) -> pd.DataFrame:
    """Which groups each local government belongs to: projects it took part in, its type, its voivodeship.

    The exchange groups (GWD) of the ZMP project are not listed one by one in the source, so the
    participants of a project stand in for the group.
    """
    codes = {r.get("teryt") for r in jst}
    rows = []
    for project in projects:
        for code in project.get("participants", []):
            if code in codes:
                rows.append((code, "projekt", project.id))
    for record in jst:
        rows.append((record.get("teryt"), "rodzaj", peer_class(record.get("type"))))
        rows.append((record.get("teryt"), "województwo", record.get("voivodeship")))
    classes = {r.get("teryt"): peer_class(r.get("type")) for r in jst}
    out = pd.DataFrame(rows, columns=["teryt", "kind", "group"]).drop_duplicates().reset_index(drop=True)
    return out.assign(peer=out["teryt"].map(classes).fillna(""))


def summary(values: Any) -> pd.DataFrame:
    """n, min, quartiles and max of grouped values (a pandas SeriesGroupBy)."""
    table: pd.DataFrame = values.agg(["size", "min", "max", "median"]).rename(columns={"size": "n"})
    table["q1"] = values.quantile(0.25)
    table["q3"] = values.quantile(0.75)
    return table[["n", "min", "q1", "median", "q3", "max"]]


def overall_stats(frame: pd.DataFrame) -> pd.DataFrame:
    """Distribution of every indicator in every year within each peer class (frame has "peer")."""
    return summary(frame.groupby(["indicator", "year", "peer"])["value"]).reset_index()


def peer_stats(frame: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Distribution per indicator, year, peer group (kind, group) and peer class: the members of a
    project or a voivodeship are compared only with members of the same class.

    Every value is repeated once per group of its local government; the text keys are grouped as
    categories (sorted, so the order is that of the texts) and turned back into text at the end.
    """
    values = frame[COLUMNS].assign(indicator=pd.Categorical(frame["indicator"]))
    groups = groups.assign(kind=pd.Categorical(groups["kind"]), group=pd.Categorical(groups["group"]),
                           peer=pd.Categorical(groups["peer"]))
    joined = values.merge(groups, on="teryt", how="inner")
    if joined.empty:
        return pd.DataFrame(columns=["indicator", "year", "kind", "group", "peer", "n", "min", "q1", "median", "q3", "max"])
    keys = ["indicator", "year", "kind", "group", "peer"]
    out = summary(joined.groupby(keys, observed=True, sort=True)["value"]).reset_index()
    return out.astype({"indicator": object, "kind": object, "group": object, "peer": object})


def changes(frame: pd.DataFrame) -> pd.DataFrame:
    """Per local government and indicator: first and last year with a value, and the change between them."""
    ordered = frame.sort_values(["teryt", "indicator", "year"], kind="stable")
    grouped = ordered.groupby(["teryt", "indicator"], sort=True)
    first, last = grouped.first(), grouped.last()
    out = pd.DataFrame({"first_year": first["year"], "first_value": first["value"],
                        "last_year": last["year"], "last_value": last["value"]})
    out["change"] = out["last_value"] - out["first_value"]
    out["change_pct"] = (out["change"] / out["first_value"].abs() * 100).where(out["first_value"] != 0)
    return out.reset_index()


@dataclass
class Derived:
    """Everything the indicator pages and charts are built from."""

    values: pd.DataFrame      # teryt, indicator, year, value, peer (class), rank, count (composites included; rank within class)
    overall: pd.DataFrame     # indicator, year, peer, n, min, q1, median, q3, max
    peers: pd.DataFrame       # indicator, year, kind, group, peer, n, min, q1, median, q3, max
    groups: pd.DataFrame      # teryt, kind, group, peer
    changes: pd.DataFrame     # teryt, indicator, first/last year and value, change, change_pct
    directions: dict[str, str]
    example: frozenset[str] = field(default_factory=frozenset)  # indicators whose values are example data


def example_ids(indicators: list[Record]) -> frozenset[str]:
    """Indicators with example values: those marked example_data, and composites of any of them."""
    example = {i.id for i in indicators if i.get("example_data") is True}
    changed = True
    while changed:  # a composite of example values is example data too
        changed = False
        for record in indicators:
            parts = {c.get("indicator") for c in record.get("components", [])}
            if record.id not in example and parts & example:
                example.add(record.id)
                changed = True
    return frozenset(example)


def derive(tables: Iterable[Table], indicators: list[Record], jst: list[Record], projects: list[Record]) -> Derived:
    """Every derived frame of the indicator pages from the checked tables and the records."""
    directions = {i.id: direction_of(i) for i in indicators}
    frame = with_composites(frame_from_tables(tables), indicators)
    frame = frame.sort_values(["indicator", "year", "teryt"], kind="stable").reset_index(drop=True)
    groups = peer_groups(jst, projects)
    classes = {r.get("teryt"): peer_class(r.get("type")) for r in jst}
    values = ranked(frame, directions, classes)
    return Derived(values, overall_stats(values), peer_stats(frame, groups), groups, changes(frame), directions,
                   example_ids(indicators))


def derive_for(model: SiteModel) -> Derived:
    """The derived indicator data of a site model (its tables, indicators, local governments and projects)."""
    return derive(model.tables, model.all("indicator"), model.all("jst"), model.all("project"))


def position(value: float, q1: float, median: float, q3: float, direction: str) -> str:
    """Where a value lies among its peers, in words (not by colour)."""
    if direction == UNRATED:
        return "powyżej mediany" if value > median else "poniżej mediany" if value < median else "równo z medianą"
    def better(a: float, b: float) -> bool:
        return a > b if direction == HIGHER else a < b
    best_quarter, worst_quarter = (q3, q1) if direction == HIGHER else (q1, q3)
    if better(value, best_quarter):
        return "w najlepszej ćwiartce"
    if better(worst_quarter, value):
        return "w najsłabszej ćwiartce"
    if value == median:
        return "równo z medianą"
    return "lepiej niż mediana" if better(value, median) else "słabiej niż mediana"

