"""Practices per voivodeship (issue #15, map of practices): where a practice is, from the TERYT codes
of its local governments (the first two digits of a TERC code name the voivodeship)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.content.records import Record
from generator.content.teryt import VOIVODESHIPS
from generator.derive.model import SiteModel
from generator.polish import slugify

CLASSES = 4  # colour classes above zero; a legend lists their ranges


@dataclass(frozen=True)
class Voivodeship:
    code: str  # TERC, two digits
    name: str  # "kujawsko-pomorskie"
    slug: str


@dataclass(frozen=True)
class PracticeMap:
    """Practices per voivodeship, for all sectors (sector None) or one."""
    sector: str | None
    practices: dict[str, list[Record]]  # voivodeship code -> practices, in the model's order
    unplaced: list[Record]  # practices whose codes name no voivodeship

    def count(self, code: str) -> int:
        return len(self.practices.get(code, []))

    @property
    def total(self) -> int:
        """Practices placed in at least one voivodeship (one with governments in two counts once here)."""
        return len({r.id for items in self.practices.values() for r in items})


VOIVODESHIP_LIST: tuple[Voivodeship, ...] = tuple(Voivodeship(code, name, slugify(name)) for code, name in VOIVODESHIPS.items())


def voivodeships_of(record: Record) -> list[str]:
    """The voivodeship codes of a practice's local governments, sorted, without repeats."""
    return sorted({str(code)[:2] for code in record.get("jst", []) or [] if str(code)[:2] in VOIVODESHIPS})


def practice_map(model: SiteModel, sector: str | None = None) -> PracticeMap:
    """Count the practices (of one sector, when given) in every voivodeship; a practice whose local
    governments lie in two voivodeships counts in both."""
    practices: dict[str, list[Record]] = {v.code: [] for v in VOIVODESHIP_LIST}
    unplaced: list[Record] = []
    for record in model.all("practice"):
        if sector is not None and sector not in record.get("sectors", []):
            continue
        codes = voivodeships_of(record)
        if not codes:
            unplaced.append(record)
        for code in codes:
            practices[code].append(record)
    return PracticeMap(sector, practices, unplaced)


def practice_sectors(model: SiteModel) -> list[str]:
    """Sectors that at least one practice has, in the model's sector order (one map page each)."""
    used = {s for r in model.all("practice") for s in r.get("sectors", [])}
    return [s for s in model.sectors() if s in used]


def class_bounds(counts: list[int]) -> list[tuple[int, int]]:
    """Ranges of the colour classes for the non-zero counts: one class per value when they span
    CLASSES values or fewer, else CLASSES equal steps from the smallest to the largest
    ("108–113, 114–119, 120–125, 126–130"), so that similar counts still differ in colour."""
    present = [c for c in counts if c > 0]
    if not present:
        return []
    low, high = min(present), max(present)
    if high - low < CLASSES:
        return [(n, n) for n in range(low, high + 1)]
    span = high - low + 1
    tops = [low - 1 + -(-span * step // CLASSES) for step in range(1, CLASSES + 1)]
    return [(start, top) for start, top in zip([low] + [t + 1 for t in tops[:-1]], tops, strict=True)]


def class_of(count: int, bounds: list[tuple[int, int]]) -> int:
    """0 for no practice, else the 1-based class whose range holds count."""
    for index, (low, top) in enumerate(bounds, start=1):
        if low <= count <= top:
            return index
    return 0
