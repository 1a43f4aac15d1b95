"""Reuse tracking: which practice was adapted from which, by which local government and when, both ways."""
from __future__ import annotations

from dataclasses import dataclass

from generator.content.records import Record
from generator.derive.model import SiteModel, title_of
from generator.polish import sort_key


@dataclass(frozen=True)
class Adoption:
    """One `adapted_from` entry: `adopter` (the practice that records it) was modelled on `source`."""
    source: Record
    adopter: Record
    jst_code: str
    year: int
    note: str | None


@dataclass(frozen=True)
class ReuseIndex:
    adoptions: tuple[Adoption, ...]                 # by source title, year, adopter title
    by_source: dict[str, tuple[Adoption, ...]]      # practice id → the adoptions of it
    by_adopter: dict[str, tuple[Adoption, ...]]     # practice id → what it was modelled on

    def jst_count(self, practice_id: str) -> int:
        """How many different local governments adopted a practice."""
        return len({a.jst_code for a in self.by_source.get(practice_id, ())})

    def most_reused(self) -> list[tuple[Record, int]]:
        """Practices adopted at least once, most local governments first, then by Polish title."""
        ranked = [(a[0].source, self.jst_count(pid)) for pid, a in self.by_source.items()]
        return sorted(ranked, key=lambda item: (-item[1], sort_key(title_of(item[0])), item[0].id))


def _order(adoption: Adoption) -> tuple[object, ...]:
    return (sort_key(title_of(adoption.source)), adoption.source.id, adoption.year,
            sort_key(title_of(adoption.adopter)), adoption.adopter.id, adoption.jst_code)


def reuse_index(model: SiteModel) -> ReuseIndex:
    """Every adoption of the model (validated records: the sources exist), computed once per model."""
    cached = model.__dict__.get("_reuse")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found = []
    for adopter in model.all("practice"):
        for entry in adopter.get("adapted_from", []):
            source = model.get("practice", entry["practice"])
            if source is not None and source.id != adopter.id:
                found.append(Adoption(source, adopter, entry["jst"], int(entry["year"]), entry.get("note")))
    adoptions = tuple(sorted(found, key=_order))
    by_source: dict[str, list[Adoption]] = {}
    by_adopter: dict[str, list[Adoption]] = {}
    for adoption in adoptions:
        by_source.setdefault(adoption.source.id, []).append(adoption)
        by_adopter.setdefault(adoption.adopter.id, []).append(adoption)
    index = ReuseIndex(adoptions, {k: tuple(v) for k, v in by_source.items()}, {k: tuple(v) for k, v in by_adopter.items()})
    model.__dict__["_reuse"] = index
    return index
