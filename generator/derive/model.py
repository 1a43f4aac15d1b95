"""The site model: records indexed and related to each other, computed once, without I/O."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator.check.rules import REFERENCES, walk_path
from generator.content.records import Record
from generator.content.recordtypes import ALL_TYPES
from generator.content.tables import Table
from generator.polish import slugify, sort_key


@dataclass(frozen=True)
class Award:
    contest: Record
    jst_code: str
    award: str
    practice: str | None
    note: str | None


@dataclass(eq=False)  # compared by identity: generator.render.indicators keeps a model's indicator layer by it
class SiteModel:
    records: dict[str, list[Record]]
    by_id: dict[tuple[str, str], Record]
    jst_by_code: dict[str, Record]
    edit_base: str = ""
    backlinks: dict[tuple[str, str], list[tuple[Record, str]]] = field(default_factory=dict)
    today: dt.date | None = None
    stale_after_days: int = 3 * 365
    tables: list[Table] = field(default_factory=list)  # checked indicator tables
    publisher: Any = None  # generator.content.settings.Publisher of the content root (addresses, contact, issue form)

    def is_stale(self, record: Record) -> bool:
        """True when a practice was last verified longer ago than the editors allow."""
        verified = record.get("last_verified")
        if self.today is None or not isinstance(verified, str):
            return False
        return (self.today - dt.date.fromisoformat(verified)).days > self.stale_after_days

    def get(self, type_name: str, record_id: str) -> Record | None:
        return self.by_id.get((type_name, record_id))

    def all(self, type_name: str) -> list[Record]:
        return self.records.get(type_name, [])

    def referring(self, type_name: str, record_id: str, source_type: str | None = None) -> list[Record]:
        """Records that refer to this one, optionally only of one type, without repeats."""
        seen: dict[tuple[str, str], Record] = {}
        for record, _ in self.backlinks.get((type_name, record_id), []):
            if source_type is None or record.type.name == source_type:
                seen.setdefault((record.type.name, record.id), record)
        return list(seen.values())

    def referring_via(self, type_name: str, record_id: str, path: str) -> list[Record]:
        return [r for r, p in self.backlinks.get((type_name, record_id), []) if p == path]

    def awards(self) -> list[Award]:
        """Every laureate of every edition (computed once: pages ask for it thousands of times)."""
        cached: list[Award] | None = self.__dict__.get("_awards")
        if cached is not None:
            return cached
        out = []
        for contest in self.all("contest"):
            for laureate in contest.get("laureates", []):
                out.append(Award(contest, laureate["jst"], laureate["award"], laureate.get("practice"), laureate.get("note")))
        self.__dict__["_awards"] = out
        return out

    def sectors(self) -> list[str]:
        found = {s for t in ("practice", "contest", "indicator") for r in self.all(t) for s in r.get("sectors", [])}
        return sorted(found, key=sort_key)


def title_of(record: Record) -> str:
    data = record.data
    for key in ("title", "name", "term"):
        if key in data:
            return str(data[key])
    return record.id


def sort_records(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: sort_key(title_of(r)))


REF_ORDER = {(ref.source, ref.path): index for index, ref in enumerate(REFERENCES)}


def references_of(record: Record) -> list[tuple[tuple[str, str], str]]:
    """The (target type, key) pairs a record refers to, each with the path of its reference."""
    return [((ref.target, value), ref.path) for ref in REFERENCES if ref.source == record.type.name
            for _, value in walk_path(record.data, ref.path) if isinstance(value, str)]


def backlink_order(item: tuple[Record, str]) -> tuple[int, str, str]:
    """Referring records in REFERENCES order, then by type and id (the order of validated records)."""
    record, path = item
    return REF_ORDER[(record.type.name, path)], record.type.name, record.id


def _backlinks(records: list[Record]) -> dict[tuple[str, str], list[tuple[Record, str]]]:
    links: dict[tuple[str, str], list[tuple[Record, str]]] = defaultdict(list)
    for record in records:
        for key, path in references_of(record):
            links[key].append((record, path))
    return {key: sorted(items, key=backlink_order) for key, items in links.items()}


def build_model(records: list[Record], edit_base: str = "", today: dt.date | None = None, tables: list[Table] | None = None,
                publisher: Any = None) -> SiteModel:
    """Index validated records by type, id and TERYT code; jst references use TERYT codes.

    Private records (the contest jury's entries, jurors and scores) never enter the public model,
    so no public page, search document or export built from it can show them.
    """
    records = [r for r in records if not r.type.private]
    grouped: dict[str, list[Record]] = {t.name: [] for t in ALL_TYPES if not t.private}
    for record in records:
        grouped[record.type.name].append(record)
    grouped = {name: sort_records(items) for name, items in grouped.items()}
    by_id = {(r.type.name, r.id): r for r in records}
    jst_by_code = {r.get("teryt"): r for r in grouped["jst"]}
    links = _backlinks(records)
    # jst are referred to by TERYT code: re-key them by record id as well
    for code, jst in jst_by_code.items():
        links[("jst", jst.id)] = links.get(("jst", code), [])
    if publisher is None:
        from generator.content.settings import Publisher

        publisher = Publisher()
    return SiteModel(grouped, by_id, jst_by_code, edit_base, links, today, tables=list(tables or []), publisher=publisher)


def sector_slug(sector: str) -> str:
    return slugify(sector)


