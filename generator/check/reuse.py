"""Reuse tracking rules: a practice's `adapted_from` names another practice, a plausible year and no cycle.

That the source practice and the adopting local government exist is checked with the other
references (generator/check/rules.py: REFERENCES, rules reuse.source and ref.jst).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.content.records import Record
from generator.problems import Problem

_YEAR = re.compile(r"^(\d{4})")


def _entries(record: Record) -> Iterator[tuple[int, dict[str, Any]]]:
    value = record.get("adapted_from")
    for index, entry in enumerate(value if isinstance(value, list) else []):
        if isinstance(entry, dict) and isinstance(entry.get("practice"), str):
            yield index, entry


def _start_year(record: Record) -> int | None:
    period = record.get("period")
    start = period.get("start") if isinstance(period, dict) else None
    found = _YEAR.match(start) if isinstance(start, str) else None
    return int(found.group(1)) if found else None


def _verified_year(record: Record) -> int | None:
    found = _YEAR.match(str(record.get("last_verified") or ""))
    return int(found.group(1)) if found else None


def self_problems(practices: dict[str, Record]) -> Iterator[Problem]:
    for record in practices.values():
        for index, entry in _entries(record):
            if entry["practice"] == record.id:
                pointer = f"/adapted_from/{index}/practice"
                yield Problem(record.path, record.line(pointer), pointer,
                              "praktyka nie może być wzorowana na samej sobie; wskaż inną praktykę z practices/ albo usuń pozycję",
                              "reuse.self")


def year_problems(practices: dict[str, Record]) -> Iterator[Problem]:
    """Not before the source practice started; not after this practice was last verified (the content's date)."""
    for record in practices.values():
        verified = _verified_year(record)
        for index, entry in _entries(record):
            year, pointer = entry.get("year"), f"/adapted_from/{index}/year"
            if not isinstance(year, int) or isinstance(year, bool):
                continue  # the schema reports it
            source = practices.get(entry["practice"])
            started = _start_year(source) if source is not None else None
            if started is not None and year < started:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"rok przeniesienia {year} jest wcześniejszy niż początek praktyki wzorcowej „{entry['practice']}” "
                              f"({started}); popraw rok albo praktykę wzorcową", "reuse.year")
            elif verified is not None and year > verified:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"rok przeniesienia {year} jest późniejszy niż ostatnie sprawdzenie tej praktyki ({record.get('last_verified')}); "
                              "przeniesienie, które jeszcze się nie odbyło, nie może być zapisane", "reuse.year")


def _sources(practices: dict[str, Record]) -> dict[str, list[str]]:
    return {pid: sorted({e["practice"] for _, e in _entries(r) if e["practice"] in practices and e["practice"] != pid})
            for pid, r in practices.items()}


def cycle_problems(practices: dict[str, Record]) -> Iterator[Problem]:
    """A chain of adapted_from that leads back to where it started, reported once on its first practice by id."""
    edges = _sources(practices)
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        path = _cycle_from(start, edges)
        if path and frozenset(path) not in reported and start == min(path):
            reported.add(frozenset(path))
            record = practices[start]
            index = next(i for i, e in _entries(record) if e["practice"] == path[1 % len(path)])
            pointer = f"/adapted_from/{index}/practice"
            chain = " → ".join([*path, start])
            yield Problem(record.path, record.line(pointer), pointer,
                          f"przeniesienia tworzą cykl ({chain}): praktyka nie może być pośrednio wzorowana na sobie; "
                          "usuń jedno z powiązań adapted_from", "reuse.cycle")


def _cycle_from(start: str, edges: dict[str, list[str]]) -> list[str]:
    """The shortest chain start → … → start (breadth first, deterministic), or []."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in edges.get(node, []):
                if target == start:
                    chain = [node]
                    while chain[-1] != start:
                        chain.append(previous[chain[-1]])
                    return list(reversed(chain))
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return []


def reuse_problems(records: list[Record]) -> Iterator[Problem]:
    practices = {r.id: r for r in records if r.type.name == "practice"}
    yield from self_problems(practices)
    yield from year_problems(practices)
    yield from cycle_problems(practices)
