"""What the jury sees, computed from validated records without I/O: totals, ranks, spreads, gaps.

A juror's weighted total for an entry is sum(weight × score) / sum(weights): with weights in
percent summing to 100 it stays on the criteria's scale. An entry's total is the mean of the
totals of the jurors who scored it (jurors with a conflict of interest do not count). Entries are
ranked within their category by total, highest first; equal totals share a rank (1, 2, 2, 4) and
are marked as ties — never broken silently. Arithmetic is exact (fractions) until display.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from generator.check.contest import declared_conflicts, edition_id, gather, scale_of
from generator.content.records import Record
from generator.polish import sort_key

DISAGREEMENT_SHARE = Fraction(1, 5)  # a spread of a fifth of the scale or more is shown as disagreement


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    weight: int
    low: int
    high: int
    description: str = ""


@dataclass(frozen=True)
class Sheet:
    """One juror's complete scores for one entry."""

    record: Record
    juror: Record
    scores: dict[str, int]
    total: Fraction


@dataclass(frozen=True)
class Recusal:
    juror: Record
    reason: str
    declared_in: str  # "jury" (the juror's declared conflicts) or "karta" (the score sheet)


@dataclass
class EntryResult:
    entry: Record
    category: str
    sheets: list[Sheet] = field(default_factory=list)
    recusals: list[Recusal] = field(default_factory=list)
    missing: list[Record] = field(default_factory=list)
    total: Fraction | None = None
    spread: Fraction | None = None
    criterion_means: dict[str, Fraction] = field(default_factory=dict)
    criterion_spreads: dict[str, int] = field(default_factory=dict)
    rank: int | None = None
    tied_with: list[str] = field(default_factory=list)  # ids of entries with exactly the same total
    late: bool = False
    disagreement: bool = False

    @property
    def id(self) -> str:
        return self.entry.id


@dataclass
class EditionReview:
    edition: Record
    criteria: list[Criterion]
    jurors: list[Record]
    categories: list[tuple[str, str]]  # (id, name), in the edition's order; "" for entries without one
    results: list[EntryResult]
    example: bool

    def in_category(self, category: str) -> list[EntryResult]:
        return [r for r in self.results if r.category == category]

    def result(self, entry_id: str) -> EntryResult:
        return next(r for r in self.results if r.id == entry_id)

    @property
    def total_range(self) -> tuple[Fraction, Fraction]:
        return weighted([c.low for c in self.criteria], self.criteria), weighted([c.high for c in self.criteria], self.criteria)


def weighted(values: list[int], criteria: list[Criterion]) -> Fraction:
    weights = sum(c.weight for c in criteria)
    return Fraction(sum(c.weight * v for c, v in zip(criteria, values, strict=False)), weights) if weights else Fraction(0)


def juror_total(scores: dict[str, int], criteria: list[Criterion]) -> Fraction:
    return weighted([scores[c.id] for c in criteria], criteria)


def _criteria(edition: Record) -> list[Criterion]:
    out = []
    for item in edition.get("criteria", []) or []:
        low, high = scale_of(item) or (0, 0)
        out.append(Criterion(item["id"], str(item["name"]), int(item["weight"]), low, high, str(item.get("description") or "")))
    return out


def _rank(results: list[EntryResult]) -> None:
    """Competition ranking within one category; equal exact totals share a rank and know each other."""
    scored = [(r, r.total) for r in results if r.total is not None]
    for result, total in scored:
        result.rank = 1 + sum(1 for _, other in scored if other > total)
        result.tied_with = sorted(o.id for o, other in scored if o is not result and other == total)


def _entry_result(entry: Record, criteria: list[Criterion], jurors: list[Record], sheets: dict[tuple[str, str], Record],
                  deadline: Any, span: Fraction) -> EntryResult:
    result = EntryResult(entry, str(entry.get("category") or ""))
    submitted = entry.get("submitted")
    result.late = isinstance(deadline, str) and isinstance(submitted, str) and submitted > deadline
    for juror in jurors:
        conflicts = declared_conflicts(juror)
        sheet = sheets.get((juror.id, entry.id))
        if entry.get("jst") in conflicts:
            result.recusals.append(Recusal(juror, conflicts[entry.get("jst")], "jury"))
        elif sheet is not None and sheet.get("conflict_of_interest") is True:
            result.recusals.append(Recusal(juror, str(sheet.get("justification") or ""), "karta"))
        elif sheet is None:
            result.missing.append(juror)
        else:
            scores = {s["criterion"]: int(s["score"]) for s in sheet.get("scores", []) or []}
            result.sheets.append(Sheet(sheet, juror, scores, juror_total(scores, criteria)))
    if result.sheets and criteria:
        totals = [s.total for s in result.sheets]
        result.total = sum(totals, Fraction(0)) / len(totals)
        result.spread = max(totals) - min(totals)
        result.disagreement = len(totals) > 1 and span > 0 and result.spread >= span * DISAGREEMENT_SHARE
        for criterion in criteria:
            values = [s.scores[criterion.id] for s in result.sheets]
            result.criterion_means[criterion.id] = Fraction(sum(values), len(values))
            result.criterion_spreads[criterion.id] = max(values) - min(values)
    return result


def review_edition(edition: Record, jurors: list[Record], entries: list[Record], scores: list[Record]) -> EditionReview:
    """The jury's view of one edition from its validated records."""
    criteria = _criteria(edition)
    jurors = sorted(jurors, key=lambda j: (sort_key(str(j.get("name"))), j.id))
    sheets = {(s.get("juror"), s.get("entry")): s for s in scores}
    categories = [(str(c["id"]), str(c["name"])) for c in edition.get("categories", []) or []]
    review = EditionReview(edition, criteria, jurors, categories, [], edition.get("example") is True)
    low, high = review.total_range
    results = [_entry_result(e, criteria, jurors, sheets, edition.get("deadline"), high - low) for e in entries]
    if any(r.category == "" for r in results) or not categories:
        review.categories.append(("", "bez kategorii"))
    order = {cid: index for index, (cid, _) in enumerate(review.categories)}
    for category, _ in review.categories:
        _rank([r for r in results if r.category == category])
    review.results = sorted(results, key=lambda r: (order.get(r.category, len(order)), r.rank is None, r.rank or 0,
                                                    sort_key(str(r.entry.get("title"))), r.id))
    return review


def review_all(records: list[Record]) -> list[EditionReview]:
    """One review per edition that has jury records (jurors or entries), newest year first."""
    reviews = []
    for edition in gather(records).values():
        if edition.record is None or not (edition.jurors or edition.entries):
            continue
        reviews.append(review_edition(edition.record, list(edition.jurors.values()), list(edition.entries.values()), edition.scores))
    return sorted(reviews, key=lambda r: (-int(r.edition.get("year") or 0), r.edition.id))


def number(value: Fraction | int | None, places: int = 2) -> str:
    """A number the Polish way: decimal comma, rounded half up; '—' when there is none."""
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else Decimal(value)
    return str(exact.quantize(quantum, rounding=ROUND_HALF_UP)).replace(".", ",").replace("-", "−")


def near_ties(results: list[EntryResult]) -> list[tuple[str, str]]:
    """Pairs of entries whose totals differ but look the same when rounded: shown, so no tie hides in rounding."""
    scored = [r for r in results if r.total is not None]
    return [(a.id, b.id) for i, a in enumerate(scored) for b in scored[i + 1:]
            if a.total != b.total and number(a.total) == number(b.total)]


__all__ = [
    "Criterion",
    "EditionReview",
    "EntryResult",
    "Recusal",
    "Sheet",
    "edition_id",
    "juror_total",
    "near_ties",
    "number",
    "review_all",
    "review_edition",
]
