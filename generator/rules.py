"""Cross-record rules: ids, file names, TERYT agreement and references between records."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

from generator import teryt
from generator.problems import Problem
from generator.records import Record
from generator.yamlload import pointer_join


@dataclass(frozen=True)
class Reference:
    """Values at `path` in records of `source` must be ids (or TERYT codes) of `target` records."""

    source: str
    path: str
    target: str
    rule: str


REFERENCES: tuple[Reference, ...] = (
    Reference("practice", "jst/*", "jst", "ref.jst"),
    Reference("practice", "projects/*", "project", "ref.project"),
    Reference("practice", "partners/*/organisation", "organisation", "ref.organisation"),
    Reference("practice", "related/*", "practice", "ref.practice"),
    Reference("project", "leader", "organisation", "ref.organisation"),
    Reference("project", "leader_jst", "jst", "ref.jst"),
    Reference("project", "partners/*", "organisation", "ref.organisation"),
    Reference("project", "participants/*", "jst", "ref.jst"),
    Reference("contest", "organisers/*", "organisation", "ref.organisation"),
    Reference("contest", "project", "project", "ref.project"),
    Reference("contest", "laureates/*/jst", "jst", "ref.jst"),
    Reference("contest", "laureates/*/practice", "practice", "ref.practice"),
    Reference("procedure", "jst/*", "jst", "ref.jst"),
    Reference("procedure", "practice", "practice", "ref.practice"),
    Reference("procedure", "partners/*/jst", "jst", "ref.jst"),
    Reference("procedure", "partners/*/organisation", "organisation", "ref.organisation"),
    Reference("indicator", "practices/*", "practice", "ref.practice"),
    Reference("glossary", "see_also/*", "glossary", "ref.glossary"),
    *(Reference(t, "sources/*/source", "source", "ref.source")
      for t in ("practice", "jst", "organisation", "project", "glossary", "contest", "procedure", "indicator")),
)

_TARGET_WORDS = {
    "jst": ("nieznany kod TERYT", "registry/jst"), "project": ("nieznany projekt", "registry/projects"),
    "organisation": ("nieznana organizacja", "registry/organisations"), "practice": ("nieznana praktyka", "practices"),
    "source": ("nieznane źródło", "registry/sources"), "glossary": ("nieznane hasło", "registry/glossary"),
}


def walk_path(data: Any, path: str, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (pointer, value) for every value at a slash path where * means every list item."""
    head, _, rest = path.partition("/")
    if head == "*":
        items = list(enumerate(data)) if isinstance(data, list) else []
    elif isinstance(data, dict) and head in data:
        items = [(head, data[head])]
    else:
        items = []
    for key, value in items:
        child = pointer_join(pointer, key)
        if rest:
            yield from walk_path(value, rest, child)
        else:
            yield child, value


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _key(record: Record) -> str:
    """What references name a record by: its TERYT code for a jst (as typed, even if unquoted), else its file name."""
    if record.type.name != "jst":
        return record.id
    code = record.get("teryt")
    return code if isinstance(code, str) else record.plain_scalars.get("/teryt", str(code))


def reference_problems(records: list[Record]) -> Iterator[Problem]:
    known: dict[str, set[str]] = defaultdict(set)
    for record in records:
        known[record.type.name].add(_key(record))
    for ref in REFERENCES:
        word, folder = _TARGET_WORDS[ref.target]
        for record in (r for r in records if r.type.name == ref.source):
            for pointer, value in walk_path(record.data, ref.path):
                if isinstance(value, str) and value not in known[ref.target]:
                    yield Problem(record.path, record.line(pointer), pointer,
                                  f"{word} „{value}” — nie ma takiego rekordu w {folder}/; sprawdź pisownię albo dodaj rekord",
                                  ref.rule)


def identity_problems(records: list[Record]) -> Iterator[Problem]:
    seen: dict[tuple[str, str], Record] = {}
    for record in records:
        declared = record.get("id")
        if isinstance(declared, str) and declared != record.id:
            where = "katalogu" if record.folder_based else "pliku"
            yield Problem(record.path, record.line("/id"), "/id",
                          f"identyfikator „{declared}” różni się od nazwy {where} „{record.id}”; muszą być takie same",
                          "id.mismatch")
        key = (record.type.name, record.id.casefold())
        if key in seen:
            yield Problem(record.path, record.line("/id"), "/id",
                          f"identyfikator „{record.id}” jest już użyty w {seen[key].path} ({record.type.label}); każdy rekord musi mieć inny",
                          "id.duplicate")
        else:
            seen[key] = record


def jst_problems(records: list[Record]) -> Iterator[Problem]:
    codes: dict[str, Record] = {}
    for record in (r for r in records if r.type.name == "jst"):
        code = record.get("teryt")
        if not isinstance(code, str) or not code.isdigit() or len(code) not in (2, 4, 7):
            continue  # the schema reports it
        if code in codes:
            yield Problem(record.path, record.line("/teryt"), "/teryt",
                          f"kod TERYT „{code}” ma już {codes[code].path}; jeden samorząd — jeden rekord", "teryt.duplicate")
        codes.setdefault(code, record)
        wrong = teryt.structure_problem(code)
        if wrong:
            yield Problem(record.path, record.line("/teryt"), "/teryt", f"niepoprawny kod TERYT: {wrong}", "teryt.format")
            continue
        declared = record.get("type")
        mismatch = teryt.type_problem(code, declared) if declared in teryt.JST_TYPES else None
        if mismatch:
            yield Problem(record.path, record.line("/type"), "/type", mismatch, "teryt.type-mismatch")
        voivodeship = teryt.VOIVODESHIPS[code[:2]]
        if record.get("voivodeship") in teryt.VOIVODESHIPS.values() and record.get("voivodeship") != voivodeship:
            yield Problem(record.path, record.line("/voivodeship"), "/voivodeship",
                          f"kod „{code}” zaczyna się od {code[:2]}, czyli województwo {voivodeship}, a podano „{record.get('voivodeship')}”",
                          "teryt.voivodeship")


def period_problems(records: list[Record]) -> Iterator[Problem]:
    for record in records:
        for pointer, period in walk_path(record.data, "period"):
            if isinstance(period, dict) and isinstance(period.get("start"), str) and isinstance(period.get("end"), str):
                if period["end"] < period["start"][: len(period["end"])]:
                    yield Problem(record.path, record.line(pointer_join(pointer, "end")), pointer_join(pointer, "end"),
                                  f"koniec okresu ({period['end']}) jest wcześniejszy niż początek ({period['start']})", "period.order")


def attachment_problems(records: list[Record]) -> Iterator[Problem]:
    for record in (r for r in records if r.type.name == "practice"):
        for pointer, name in walk_path(record.data, "documents/*/file"):
            if not isinstance(name, str):
                continue
            if not record.folder_based:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"załącznik „{name}” wymaga katalogu praktyki: przenieś plik do practices/{record.id}/index.md i dołóż tam załącznik",
                              "ref.attachment")
            elif name not in record.attachments:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"nie ma załącznika „{name}” w katalogu practices/{record.id}/", "ref.attachment")


def procedure_problems(records: list[Record]) -> Iterator[Problem]:
    for record in (r for r in records if r.type.name == "procedure"):
        codes = {p.get("code") for p in _items(record.get("partners")) if isinstance(p, dict)}
        for path in ("tasks/*/steps/*/responsible/*", "tasks/*/steps/*/meetings/*/responsible/*"):
            for pointer, code in walk_path(record.data, path):
                if isinstance(code, str) and code not in codes:
                    yield Problem(record.path, record.line(pointer), pointer,
                                  f"partner „{code}” nie jest na liście partners tej procedury ({', '.join(sorted(c for c in codes if c))})",
                                  "ref.partner")


def contest_problems(records: list[Record]) -> Iterator[Problem]:
    for record in (r for r in records if r.type.name == "contest"):
        categories = {c.get("id") for c in _items(record.get("categories")) if isinstance(c, dict)}
        for pointer, category in walk_path(record.data, "laureates/*/category"):
            if isinstance(category, str) and category not in categories:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"kategorii „{category}” nie ma na liście categories tej edycji", "ref.category")


def privacy_problems(records: list[Record]) -> Iterator[Problem]:
    """A named person may appear only with recorded consent (the consent itself is kept outside the repository)."""
    for record in (r for r in records if r.type.name == "practice"):
        contact = record.get("contact")
        if isinstance(contact, dict) and contact.get("person"):
            if contact.get("person_consent") is not True or not contact.get("consent_reference"):
                yield Problem(record.path, record.line("/contact/person"), "/contact/person",
                              "osoba do kontaktu może być podana tylko za jej zgodą: dodaj person_consent: true i consent_reference "
                              "(znak sprawy zgody przechowywanej przez redakcję) albo usuń nazwisko i zostaw stanowisko",
                              "privacy.consent")


CROSS_RULES = (privacy_problems, identity_problems, jst_problems, reference_problems, period_problems,
               attachment_problems, procedure_problems, contest_problems)


def cross_problems(records: list[Record]) -> list[Problem]:
    """Run every cross-record rule over records that passed the schema."""
    return [problem for rule in CROSS_RULES for problem in rule(records)]
