"""Side-by-side comparison: each local government's latest indicator values within its peer class.

Pure: a function of the derived indicator frames (generator/derive/indicators.py); the page and its
data file are generator/render/pages/compare.py's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.derive.indicators import MIN_PEERS, UNRATED, Derived, position


@dataclass(frozen=True)
class PeerValue:
    """The latest value of one indicator for one local government, placed among its peer class."""
    indicator: str
    year: int
    value: float
    peer: str            # the peer class ("gminy", "powiaty"…)
    rank: int | None     # 1 = best; None when unrated or the class is smaller than MIN_PEERS
    count: int
    median: float | None  # of the class in that year; None below MIN_PEERS
    where: str           # "w najlepszej ćwiartce"… or "" below MIN_PEERS


def peer_values(derived: Derived | None) -> dict[str, list[PeerValue]]:
    """Per TERYT code, its latest value of every indicator, in indicator id order."""
    if derived is None or derived.values.empty:
        return {}
    values = derived.values.sort_values(["teryt", "indicator", "year"], kind="stable")
    latest = values.groupby(["teryt", "indicator"], sort=True).tail(1)
    stats = derived.overall[["indicator", "year", "peer", "n", "q1", "median", "q3"]]
    rows = latest.merge(stats, on=["indicator", "year", "peer"], how="left").sort_values(["teryt", "indicator"], kind="stable")
    out: dict[str, list[PeerValue]] = {}
    found: list[Any] = list(rows.itertuples(index=False))  # pandas rows: typed by column, not by mypy
    for row in found:
        direction = derived.directions.get(row.indicator, UNRATED)
        enough = row.n == row.n and int(row.n) >= MIN_PEERS
        rank = int(row.rank) if enough and direction != UNRATED else None
        where = position(row.value, row.q1, row.median, row.q3, direction) if enough else ""
        out.setdefault(str(row.teryt), []).append(PeerValue(
            str(row.indicator), int(row.year), float(row.value), str(row.peer), rank, int(row.count),
            float(row.median) if enough else None, where))
    return out
