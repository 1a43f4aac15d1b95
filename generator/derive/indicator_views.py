"""What each indicator section shows, derived from the frames of generator.derive.indicators as
typed records: the distribution of a year by class, the change over time, and the values of a
practice's local governments around its period. Pure functions; the pages only format them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from generator.derive.indicators import MIN_PEERS, PEER_CLASSES, Derived

OverallKey = tuple[str, int, str]   # (indicator, year, peer class)


@dataclass(frozen=True)
class Quartiles:
    n: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float

    @staticmethod
    def of(row: Any) -> Quartiles:
        """From a row of Derived.overall or Derived.peers."""
        return Quartiles(int(row.n), float(row.min), float(row.q1), float(row.median), float(row.q3), float(row.max))


@dataclass(frozen=True)
class Group:
    """The distribution of one class of local government in one year."""

    label: str
    stats: Quartiles

    def chart_row(self) -> list[Any]:
        s = self.stats
        return [self.label, s.minimum, s.q1, s.median, s.q3, s.maximum, s.n]


@dataclass(frozen=True)
class Distribution:
    groups: list[Group]     # classes with at least MIN_PEERS values, in PEER_CLASSES order
    small: list[Group]      # classes with fewer (named, not described)


@dataclass(frozen=True)
class Trend:
    """The medians of each class over the years, and the middle quartiles of the main class."""

    main: str                                  # the class with the most values over the years
    peers: list[str]                           # every class with enough values in some year
    years: list[int]                           # the years in which the main class has enough values
    band: list[Quartiles]                      # the main class in those years
    medians: dict[str, list[float | None]]     # per class, its median in those years (None: too few values)


@dataclass(frozen=True)
class Change:
    """One local government's last value before a period and first value after it."""

    teryt: str
    before_year: int
    before: float
    after_year: int
    after: float
    context: float | None   # the change of the other local governments' median between the same years


@dataclass(frozen=True)
class Comparison:
    """The values of an indicator in a practice's local governments around the practice's period."""

    years: list[int]               # every year the indicator has values
    peers: list[str]               # the classes of the practice's local governments
    own: dict[int, float]          # the median of the practice's local governments per year
    others: dict[int, float]       # the median of the others of the same classes (years with at least MIN_PEERS)
    others_count: int
    teryt: list[str]               # the practice's local governments with a value
    changes: list[Change]          # those with a value on both sides of the period, in the order of their first value


def overall_index(derived: Derived) -> dict[OverallKey, Quartiles]:
    rows: list[Any] = list(derived.overall.itertuples(index=False))
    return {(str(r.indicator), int(r.year), str(r.peer)): Quartiles.of(r) for r in rows}


def _in_class_order(found: set[str]) -> list[str]:
    return [c for c in PEER_CLASSES if c in found] + sorted(found - set(PEER_CLASSES))


def distribution(derived: Derived, indicator: str, year: int) -> Distribution:
    """The distribution of an indicator's values in a year for each class of local government."""
    peers = derived.peers
    types = peers[(peers["indicator"] == indicator) & (peers["year"] == year) & (peers["kind"] == "rodzaj")]
    every = [Group(str(r.group), Quartiles.of(r)) for r in types.itertuples(index=False)]
    every.sort(key=lambda g: PEER_CLASSES.index(g.label) if g.label in PEER_CLASSES else len(PEER_CLASSES))
    return Distribution([g for g in every if g.stats.n >= MIN_PEERS], [g for g in every if g.stats.n < MIN_PEERS])


def trend(overall: dict[OverallKey, Quartiles], indicator: str, years: list[int]) -> Trend | None:
    """The change over time of an indicator (None when no class ever has enough values)."""
    peers = _in_class_order({peer for (name, _year, peer), s in overall.items() if name == indicator and s.n >= MIN_PEERS})
    if not peers:
        return None
    main = max(peers, key=lambda c: sum(overall[(indicator, y, c)].n for y in years if (indicator, y, c) in overall))
    kept = [(y, s) for y in years if (s := overall.get((indicator, y, main))) is not None and s.n >= MIN_PEERS]
    if not kept:
        return None
    shown = [y for y, _ in kept]

    def median(year: int, peer: str) -> float | None:
        stats = overall.get((indicator, year, peer))
        return stats.median if stats is not None and stats.n >= MIN_PEERS else None
    return Trend(main, peers, shown, [s for _, s in kept], {c: [median(y, c) for y in shown] for c in peers})


def _by_year(medians: pd.Series) -> dict[int, float]:
    return {int(y): float(v) for y, v in zip(medians.index.tolist(), medians.tolist(), strict=True)}


def comparison(values: pd.DataFrame, codes: list[str], start: int, end: int) -> Comparison | None:
    """An indicator's values (one indicator's rows of Derived.values) in a practice's local governments
    (`codes`) around its period start–end (years), beside the others of the same classes; None when
    none of them has a value."""
    mine = values[values["teryt"].isin(codes)]
    if mine.empty:
        return None
    others = values[~values["teryt"].isin(mine["teryt"].unique()) & values["peer"].isin(mine["peer"].unique())]
    by_year = others.groupby("year")["value"]
    enough = by_year.median()[by_year.size() >= MIN_PEERS]
    median_others = _by_year(enough)
    series_of: dict[str, dict[int, float]] = defaultdict(dict)
    for code, year, value in zip(mine["teryt"].tolist(), mine["year"].tolist(), mine["value"].tolist(), strict=True):
        series_of[code][year] = value
    changes = []
    for code, series in series_of.items():
        before = [y for y in series if y < start]
        after = [y for y in series if y > end]
        if not before or not after:
            continue  # a comparison needs a value on both sides of the period
        b, a = max(before), min(after)
        context = median_others[a] - median_others[b] if a in median_others and b in median_others else None
        changes.append(Change(code, b, series[b], a, series[a], context))
    return Comparison(sorted(int(y) for y in values["year"].unique()), sorted(mine["peer"].unique().tolist()),
                      _by_year(mine.groupby("year")["value"].median()), median_others, int(others["teryt"].nunique()), mine["teryt"].unique().tolist(), changes)
