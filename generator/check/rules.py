"""Cross-record rules: ids, file names, TERYT agreement and references between records."""
from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.check.contest import contest_jury_problems
from generator.check.reuse import reuse_problems
from generator.content import teryt
from generator.content.attachments import attachment_problems
from generator.content.records import Record
from generator.content.recordtypes import RESERVED_IDS
from generator.content.yamlload import pointer_join
from generator.problems import Problem


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
    Reference("practice", "adapted_from/*/practice", "practice", "reuse.source"),
    Reference("practice", "adapted_from/*/jst", "jst", "ref.jst"),
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
    Reference("indicator", "components/*/indicator", "indicator", "ref.indicator"),
    Reference("glossary", "see_also/*", "glossary", "ref.glossary"),
    *(Reference(t, "sources/*/source", "source", "ref.source")
      for t in ("practice", "jst", "organisation", "project", "glossary", "contest", "procedure", "indicator")),
)

_TARGET_WORDS = {
    "jst": ("nieznany kod TERYT", "registry/jst"), "project": ("nieznany projekt", "registry/projects"),
    "organisation": ("nieznana organizacja", "registry/organisations"), "practice": ("nieznana praktyka", "practices"),
    "source": ("nieznane źródło", "registry/sources"), "glossary": ("nieznane hasło", "registry/glossary"),
    "indicator": ("nieznany wskaźnik", "indicators"),
}


def walk_path(data: Any, path: str, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (pointer, value) for every value at a slash path where * means every list item."""
    head, _, rest = path.partition("/")
    items: list[tuple[int | str, Any]]
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
    by_type: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        known[record.type.name].add(_key(record))
        by_type[record.type.name].append(record)
    for ref in REFERENCES:
        word, folder = _TARGET_WORDS[ref.target]
        for record in by_type[ref.source]:
            for pointer, value in walk_path(record.data, ref.path):
                if isinstance(value, str) and value not in known[ref.target]:
                    yield Problem(record.path, record.line(pointer), pointer,
                                  f"{word} „{value}” — nie ma takiego rekordu w {folder}/; sprawdź pisownię albo dodaj rekord",
                                  ref.rule)


def identity_problems(records: list[Record]) -> Iterator[Problem]:
    seen: dict[tuple[str, str, str], Record] = {}
    for record in records:
        declared = record.get("id")
        if isinstance(declared, str) and declared != record.id:
            where = "katalogu" if record.folder_based else "pliku"
            yield Problem(record.path, record.line("/id"), "/id",
                          f"identyfikator „{declared}” różni się od nazwy {where} „{record.id}”; muszą być takie same",
                          "id.mismatch")
        # nested records (contests/<edition>/entries/…) need unique ids within their parent's folder only
        scope = record.path.rsplit("/", 2)[0] if record.type.nested else ""
        key = (record.type.name, scope, record.id.casefold())
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
            if (isinstance(period, dict) and isinstance(period.get("start"), str) and isinstance(period.get("end"), str)
                    and period["end"] < period["start"][: len(period["end"])]):
                yield Problem(record.path, record.line(pointer_join(pointer, "end")), pointer_join(pointer, "end"),
                              f"koniec okresu ({period['end']}) jest wcześniejszy niż początek ({period['start']})", "period.order")


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
    """A named person, or a person's e-mail address (generator/check/privacy.py), may appear only with
    recorded consent (the consent itself is kept outside the repository)."""
    from generator.check.privacy import looks_personal

    for record in (r for r in records if r.type.name == "practice"):
        contact = record.get("contact")
        if not isinstance(contact, dict):
            continue
        consented = contact.get("person_consent") is True and bool(contact.get("consent_reference"))
        if contact.get("person") and not consented:
            yield Problem(record.path, record.line("/contact/person"), "/contact/person",
                          "osoba do kontaktu może być podana tylko za jej zgodą: dodaj person_consent: true i consent_reference "
                          "(znak sprawy zgody przechowywanej przez redakcję) albo usuń nazwisko i zostaw stanowisko",
                          "privacy.consent")
        email = contact.get("email")
        if isinstance(email, str) and looks_personal(email) and not consented:
            yield Problem(record.path, record.line("/contact/email"), "/contact/email",
                          f"adres „{email}” wygląda na adres osoby (imię.nazwisko@…), a to dane osobowe: podaj adres komórki "
                          "urzędu (np. sekretariat@…, urzad@…, ngo@…) albo dodaj person_consent: true i consent_reference "
                          "(znak sprawy zgody tej osoby)", "privacy.email")


_POLISH_FOLD = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def _fold(text: str) -> str:
    """Lowercase, no diacritics (ł too), no quotes or punctuation: for comparing titles.
    Polish letters are mapped directly; other accented letters are decomposed (rare, and slower)."""
    text = text.translate(_POLISH_FOLD)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def _shingles(text: str) -> frozenset[str]:
    """Word pairs of a folded text (single words for a one-word text)."""
    words = text.split()
    return frozenset(itertools.pairwise(words)) if len(words) > 1 else frozenset(words)  # type: ignore[arg-type]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)  # = len(a | b), without making the union


def duplicate_problems(records: list[Record]) -> Iterator[Problem]:
    """Warn when two practices of the same local government have nearly the same title or summary.

    Similarity is the overlap of word pairs (Jaccard), linear in the text length, so the check stays
    cheap with thousands of practices; difflib's ratio was the slowest part of validation.
    """
    practices = sorted((r for r in records if r.type.name == "practice"), key=lambda r: r.path)
    shingles = {r.path: (_shingles(_fold(str(r.get("title", "")))), _shingles(_fold(str(r.get("summary", ""))))) for r in practices}
    by_jst: dict[str, list[Record]] = defaultdict(list)
    for practice in practices:
        jst = practice.get("jst", [])
        for code in {c for c in (jst if isinstance(jst, list) else []) if isinstance(c, str)}:
            by_jst[code].append(practice)
    reported: set[tuple[str, str]] = set()
    for group in by_jst.values():
        for index, later in enumerate(group):
            for earlier in group[:index]:
                pair = (earlier.path, later.path)
                if pair in reported:
                    continue
                title = _jaccard(shingles[earlier.path][0], shingles[later.path][0])
                summary = _jaccard(shingles[earlier.path][1], shingles[later.path][1])
                if title >= 0.7 or summary >= 0.7:
                    reported.add(pair)
                    yield Problem(later.path, later.line("/title"), "/title",
                                  f"praktyka bardzo przypomina {earlier.path} (ten sam samorząd; wspólne pary słów: tytuł {title:.0%}, "
                                  f"streszczenie {summary:.0%}) — sprawdź, czy to nie ta sama praktyka", "duplicate.practice", "warning")


_HEADING = re.compile(r"^#{1,6}\s+\S")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def body_problems(records: list[Record]) -> Iterator[Problem]:
    """Warn about headings with nothing under them (an unfilled template)."""
    for record in (r for r in records if r.type.name == "practice" and r.body.strip()):
        lines = record.body.split("\n")
        starts = [i for i, line in enumerate(lines) if line.startswith("#") and _HEADING.match(line)]
        for position, start in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else len(lines)
            if _has_text(lines[start + 1:end]):
                continue
            content = _COMMENT.sub("", "\n".join(lines[start + 1:end])).strip()
            if not content:
                yield Problem(record.path, record.body_line + start, "",
                              f"nagłówek „{lines[start].lstrip('#').strip()}” nie ma pod sobą treści; uzupełnij go albo usuń",
                              "body.empty-section", "warning")


def _has_text(lines: list[str]) -> bool:
    """True when a line holds something and none opens an HTML comment: certainly not an empty
    section, without joining and searching the section (the reader removed most comments already)."""
    return any(line.strip() for line in lines) and not any("<!--" in line for line in lines)


def stale_problems(records: list[Record], today: dt.date, max_age_days: int) -> Iterator[Problem]:
    for record in (r for r in records if r.type.name == "practice"):
        verified = record.get("last_verified")
        if isinstance(verified, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", verified):
            try:
                age = (today - dt.date.fromisoformat(verified)).days
            except ValueError:
                continue
            if age > max_age_days:
                yield Problem(record.path, record.line("/last_verified"), "/last_verified",
                              f"praktykę ostatnio sprawdzono {verified} ({age // 365} lat temu); sprawdź ją ze źródłami i zaktualizuj datę",
                              "stale.practice", "warning")


def reserved_id_problems(records: list[Record]) -> Iterator[Problem]:
    """An id equal to one of the generator's own page names in the record's folder would replace
    that page (practice `index`: the practice list; contest `archiwum`: the laureate archive)."""
    for record in records:
        if record.id in RESERVED_IDS.get(record.type.name, ()):
            page = f"{record.type.url_dir}/{record.id}.html"
            yield Problem(record.path, record.line("/id"), "/id",
                          f"identyfikator „{record.id}” jest zajęty: pod adresem {page} generator tworzy własną stronę, "
                          f"którą ten rekord by zastąpił; zmień id i nazwę pliku (np. „{record.id}-{record.type.url_dir}”)",
                          "id.reserved")


CROSS_RULES = (reserved_id_problems, privacy_problems, duplicate_problems, body_problems, identity_problems, jst_problems, reference_problems, period_problems,
               attachment_problems, procedure_problems, contest_problems, contest_jury_problems, reuse_problems)


def cross_problems(records: list[Record]) -> list[Problem]:
    """Run every cross-record rule over records that passed the schema."""
    return [problem for rule in CROSS_RULES for problem in rule(records)]
