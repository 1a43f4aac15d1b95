"""Cross-record rules of the contest jury: editions' criteria, entries, jurors and score sheets.

Records here may have failed their schema (cross rules see every record), so every value is
checked for its type before use; a wrong type is the schema's problem, not reported twice.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.content.records import Record
from generator.content.yamlload import pointer_join
from generator.problems import Problem

NESTED = ("contest_juror", "contest_entry", "contest_score")


def edition_id(record: Record) -> str:
    """The edition a nested record belongs to: the folder name in <jury-data>/<edition>/<kind>/<id>.yaml."""
    parts = record.path.split("/")
    return parts[-3] if len(parts) >= 3 else ""


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, item) for i, item in enumerate(_items(value)) if isinstance(item, dict)]


def jst_key(record: Record) -> str:
    code = record.get("teryt")
    return code if isinstance(code, str) else record.plain_scalars.get("/teryt", str(code))


@dataclass
class Edition:
    """An edition's jury records, gathered from contests/<edition>/."""

    record: Record | None
    jurors: dict[str, Record] = field(default_factory=dict)
    entries: dict[str, Record] = field(default_factory=dict)
    scores: list[Record] = field(default_factory=list)

    def criteria(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for _, criterion in _dicts(self.record.get("criteria") if self.record else None):
            if isinstance(criterion.get("id"), str):
                found.setdefault(criterion["id"], criterion)
        return found

    def categories(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for _, c in _dicts(self.record.get("categories") if self.record else None) if isinstance(c.get("id"), str)}


def gather(records: list[Record]) -> dict[str, Edition]:
    """Every edition id that has a record or a jury folder, with its jury records."""
    editions: dict[str, Edition] = {}
    for record in records:
        if record.type.name == "contest":
            editions.setdefault(record.id, Edition(None)).record = record
    for record in records:
        if record.type.name not in NESTED:
            continue
        edition = editions.setdefault(edition_id(record), Edition(None))
        if record.type.name == "contest_juror":
            edition.jurors.setdefault(record.id, record)
        elif record.type.name == "contest_entry":
            edition.entries.setdefault(record.id, record)
        else:
            edition.scores.append(record)
    return editions


def scale_of(criterion: dict[str, Any]) -> tuple[int, int] | None:
    scale = criterion.get("scale")
    if isinstance(scale, dict) and all(isinstance(scale.get(k), int) and not isinstance(scale.get(k), bool) for k in ("min", "max")):
        return scale["min"], scale["max"]
    return None


def declared_conflicts(juror: Record) -> dict[str, str]:
    """TERYT code -> reason of every conflict of interest the juror declared."""
    return {c["jst"]: str(c.get("note") or "") for _, c in _dicts(juror.get("conflicts")) if isinstance(c.get("jst"), str)}


def _problem(record: Record, pointer: str, message: str, rule: str, severity: str = "error") -> Problem:
    return Problem(record.path, record.line(pointer), pointer, message, rule, severity)  # type: ignore[arg-type]


def _edition_problems(edition: Edition) -> Iterator[Problem]:
    record = edition.record
    if record is None:
        return
    criteria = _dicts(record.get("criteria"))
    seen: set[str] = set()
    for index, criterion in criteria:
        pointer = f"/criteria/{index}"
        cid = criterion.get("id")
        if isinstance(cid, str):
            if cid in seen:
                yield _problem(record, pointer_join(pointer, "id"), f"kryterium „{cid}” występuje dwa razy; każde kryterium musi mieć inny identyfikator",
                               "contest.criterion-duplicate")
            seen.add(cid)
        scale = scale_of(criterion)
        if scale and scale[0] >= scale[1]:
            yield _problem(record, f"{pointer}/scale/max", f"najwyższa ocena ({scale[1]}) musi być większa niż najniższa ({scale[0]})",
                           "contest.scale-order")
    weights = [c.get("weight") for _, c in criteria]
    if criteria and all(isinstance(w, int) and not isinstance(w, bool) for w in weights) and sum(weights) != 100:  # type: ignore[arg-type]
        yield _problem(record, "/criteria", f"wagi kryteriów sumują się do {sum(weights)}, a muszą do 100 (procent)", "contest.weights")  # type: ignore[arg-type]


def _unknown_edition(edition_key: str, record: Record) -> Problem:
    return _problem(record, "", f"nie ma edycji konkursu „{edition_key}” (pliku contests/{edition_key}.yaml); katalog "
                                f"contests/{edition_key}/ musi nosić identyfikator istniejącej edycji", "ref.contest")


def _juror_problems(edition: Edition, known_jst: set[str]) -> Iterator[Problem]:
    for juror in edition.jurors.values():
        for index, conflict in _dicts(juror.get("conflicts")):
            code = conflict.get("jst")
            if isinstance(code, str) and code not in known_jst:
                yield _problem(juror, f"/conflicts/{index}/jst", f"nieznany kod TERYT „{code}” — nie ma takiego rekordu w registry/jst/; "
                                                                 "sprawdź pisownię albo dodaj rekord", "ref.jst")


def _entry_problems(edition: Edition, jst_by_code: dict[str, Record], practices: set[str]) -> Iterator[Problem]:
    record = edition.record
    categories = edition.categories()
    deadline = record.get("deadline") if record else None
    for entry in edition.entries.values():
        code = entry.get("jst")
        if isinstance(code, str) and code not in jst_by_code:
            yield _problem(entry, "/jst", f"nieznany kod TERYT „{code}” — nie ma takiego rekordu w registry/jst/; sprawdź pisownię albo dodaj rekord", "ref.jst")
        practice = entry.get("practice")
        if isinstance(practice, str) and practice not in practices:
            yield _problem(entry, "/practice", f"nieznana praktyka „{practice}” — nie ma takiego rekordu w practices/; sprawdź pisownię albo dodaj rekord",
                           "ref.practice")
        category = entry.get("category")
        if isinstance(category, str) and category not in categories:
            names = ", ".join(sorted(categories)) or "edycja nie ma kategorii"
            yield _problem(entry, "/category", f"kategorii „{category}” nie ma na liście categories edycji {edition_id(entry)} ({names})", "ref.category")
        elif category is None and categories:
            yield _problem(entry, "", f"edycja ma kategorie ({', '.join(sorted(categories))}); podaj pole „category”", "contest.category")
        elif isinstance(category, str) and isinstance(code, str) and code in jst_by_code:
            allowed = _items(categories[category].get("jst_types"))
            kind = jst_by_code[code].get("type")
            if allowed and kind not in allowed:
                yield _problem(entry, "/category", f"kategoria „{category}” jest dla: {', '.join(map(str, allowed))}, a zgłaszający samorząd to {kind}",
                               "contest.category")
        submitted = entry.get("submitted")
        if isinstance(submitted, str) and isinstance(deadline, str) and _date(submitted) and _date(deadline) and submitted > deadline:
            yield _problem(entry, "/submitted", f"zgłoszenie wpłynęło {submitted}, po terminie zgłoszeń edycji ({deadline}); "
                                                "jury zobaczy je oznaczone jako spóźnione", "contest.late", "warning")


def _date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _sheet_identity_problems(edition: Edition, sheet: Record) -> Iterator[Problem]:
    """The juror and the entry a score sheet names exist, and the file is named after both."""
    juror_id, entry_id = sheet.get("juror"), sheet.get("entry")
    if isinstance(juror_id, str) and juror_id not in edition.jurors:
        yield _problem(sheet, "/juror", f"nieznany juror „{juror_id}” — nie ma pliku contests/{edition_id(sheet)}/jury/{juror_id}.yaml", "ref.juror")
    if isinstance(entry_id, str) and entry_id not in edition.entries:
        yield _problem(sheet, "/entry", f"nieznane zgłoszenie „{entry_id}” — nie ma pliku contests/{edition_id(sheet)}/entries/{entry_id}.yaml", "ref.entry")
    if isinstance(juror_id, str) and isinstance(entry_id, str) and sheet.id != f"{juror_id}--{entry_id}":
        yield _problem(sheet, "/id", f"karta oceny musi się nazywać „{juror_id}--{entry_id}.yaml” (juror, dwa myślniki, zgłoszenie), "
                                     f"a nazywa się „{sheet.id}.yaml”", "contest.score-id")


def _sheet_conflict(edition: Edition, sheet: Record, scores: list[tuple[int, dict[str, Any]]]) -> tuple[bool, list[Problem]]:
    """(the sheet has a conflict of interest, which ends its checks; the problems that gives)."""
    if sheet.get("conflict_of_interest") is True:
        if scores:
            return True, [_problem(sheet, "/conflict_of_interest", "juror zgłosił konflikt interesów, więc karta nie może zawierać ocen; usuń „scores” "
                                                            "albo ustaw conflict_of_interest: false", "contest.conflict")]
        return True, []
    juror_id, entry_id = sheet.get("juror"), sheet.get("entry")
    juror = edition.jurors.get(juror_id) if isinstance(juror_id, str) else None
    entry = edition.entries.get(entry_id) if isinstance(entry_id, str) else None
    if juror is not None and entry is not None and isinstance(entry.get("jst"), str):
        reason = declared_conflicts(juror).get(entry.get("jst"))
        if reason is not None:
            return True, [_problem(sheet, "/juror", f"juror „{juror_id}” zgłosił konflikt interesów z samorządem {entry.get('jst')}"
                                             f"{' (' + reason + ')' if reason else ''}, więc nie może oceniać jego zgłoszenia „{entry_id}”",
                            "contest.conflict")]
    return False, []


def _criterion_problems(sheet: Record, scores: list[tuple[int, dict[str, Any]]], criteria: dict[str, dict[str, Any]]) -> Iterator[Problem]:
    """Every score names a criterion of the edition once, within its scale; every criterion is scored."""
    seen: set[str] = set()
    for index, item in scores:
        pointer = f"/scores/{index}"
        cid, value = item.get("criterion"), item.get("score")
        if not isinstance(cid, str):
            continue
        if cid not in criteria:
            known = ", ".join(criteria) or "edycja nie ma kryteriów"
            yield _problem(sheet, f"{pointer}/criterion", f"nieznane kryterium „{cid}”; kryteria edycji: {known}", "ref.criterion")
            continue
        if cid in seen:
            yield _problem(sheet, f"{pointer}/criterion", f"kryterium „{cid}” oceniono dwa razy; zostaw jedną ocenę", "contest.criterion-duplicate")
        seen.add(cid)
        scale = scale_of(criteria[cid])
        if scale and isinstance(value, int) and not isinstance(value, bool) and not scale[0] <= value <= scale[1]:
            yield _problem(sheet, f"{pointer}/score", f"ocena {value} w kryterium „{criteria[cid].get('name', cid)}” jest poza skalą "
                                                      f"{scale[0]}–{scale[1]}", "contest.scale")
    for cid, criterion in criteria.items():
        if cid not in seen:
            pointer = "/scores" if "/scores" in sheet.lines else ""
            yield _problem(sheet, pointer, f"brak oceny w kryterium „{criterion.get('name', cid)}” ({cid}); juror musi ocenić każde kryterium",
                           "contest.criterion-missing")


def _score_problems(edition: Edition) -> Iterator[Problem]:
    criteria = edition.criteria()
    for sheet in edition.scores:
        yield from _sheet_identity_problems(edition, sheet)
        scores = _dicts(sheet.get("scores"))
        conflict, problems = _sheet_conflict(edition, sheet, scores)
        yield from problems
        if conflict or edition.record is None:
            continue
        yield from _criterion_problems(sheet, scores, criteria)


def contest_jury_problems(records: list[Record]) -> Iterator[Problem]:
    """Every rule of the contest jury's records, over all editions."""
    jst_by_code = {jst_key(r): r for r in records if r.type.name == "jst"}
    practices = {r.id for r in records if r.type.name == "practice"}
    by_edition: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.type.name in NESTED:
            by_edition[edition_id(record)].append(record)
    for key, edition in sorted(gather(records).items()):
        yield from _edition_problems(edition)
        if edition.record is None:
            for record in by_edition[key]:
                yield _unknown_edition(key, record)
            continue
        yield from _juror_problems(edition, set(jst_by_code))
        yield from _entry_problems(edition, jst_by_code, practices)
        yield from _score_problems(edition)
