"""Turn a submitted "Zgłoś dobrą praktykę" issue into record files, validating everything.

An issue form is not validation: `required` holds only in public repositories, empty optional
fields arrive as `_No response_`, and the body can be edited after a maintainer labels it. So the
body is parsed afresh, every value is checked like any other record, and the pull request's diff
is what reviewers approve.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.authoring.newrecord import render
from generator.check.rules import _fold, cross_problems
from generator.check.validate import check_schema
from generator.content.records import Record
from generator.content.recordtypes import PRACTICE, SOURCE, RecordType
from generator.content.tree import load_tree, read_record
from generator.polish import slugify
from generator.problems import Problem
from generator.render.guide import FORM_LABELS

NO_RESPONSE = "_No response_"
POINTER_TO_FORM = {"/title": "title", "/summary": "summary", "/jst": "jst", "/sectors": "sectors", "/period": "period_start",
                   "/period/start": "period_start", "/period/end": "period_end", "/results": "results",
                   "/transferability": "transferability", "/contact": "contact_role", "/title@source": "source_title",
                   "/url": "source_url"}


@dataclass
class Submission:
    files: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


MAX_BODY_CHARS = 65536  # GitHub's own limit for an issue body; an edited or crafted event may exceed it
# What a record may hold: tab, newline and printable characters. Refused: other control characters
# (NUL, ESC, C1), unpaired UTF-16 surrogates (an event's JSON may carry them; they cannot be written
# as UTF-8) and the non-characters U+FFFE and U+FFFF.
BAD_CHAR = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _heading(line: str) -> str | None:
    return line[4:].strip() if line.startswith("### ") else None


def parse_sections(body: str) -> tuple[dict[str, str], list[str]]:
    """Answers of a rendered issue form keyed by form field id ('' for `_No response_`), and errors.

    Sections are found in the form's own order (FORM_LABELS, the order of the issue template): each
    field's heading is the first '### Label' after the previous field's, so a '### Samorządy' typed
    inside a later answer (the description) is text of that answer, not a second answer. A field's
    heading repeated inside its own answer is ambiguous (which one did the form write?): an error."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[tuple[int, str]] = []
    start = 0
    for form_id, label in FORM_LABELS.items():
        at = next((i for i in range(start, len(lines)) if _heading(lines[i]) == label), None)
        if at is not None:
            found.append((at, form_id))
            start = at + 1
    answers: dict[str, str] = {}
    errors: list[str] = []
    for index, (at, form_id) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(lines)
        section = lines[at + 1:end]
        if any(_heading(line) == FORM_LABELS[form_id] for line in section):
            errors.append(f"{FORM_LABELS[form_id]}: nagłówek „### {FORM_LABELS[form_id]}” występuje w tej odpowiedzi drugi raz, "
                          "więc nie wiadomo, gdzie zaczyna się odpowiedź; zmień albo usuń ten nagłówek w treści.")
        text = "\n".join(section).strip()
        answers[form_id] = "" if text == NO_RESPONSE else text
    return answers, errors


def parse_body(body: str) -> dict[str, str]:
    """Sections '### Label' of a rendered issue form, keyed by form field id; missing answers are ''."""
    return parse_sections(body)[0]


def character_errors(answers: dict[str, str]) -> list[str]:
    """One Polish sentence for each answer holding a character a record may not hold."""
    errors = []
    for form_id, text in answers.items():
        bad = BAD_CHAR.search(text)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            kind = "niesparowany znak zastępczy UTF-16" if 0xD800 <= ord(bad.group()) <= 0xDFFF else "znak sterujący lub niedozwolony"
            errors.append(f"{FORM_LABELS[form_id]}: odpowiedź zawiera niedozwolony znak {code} ({kind}) na pozycji {bad.start() + 1}; "
                          "usuń go albo wpisz ten fragment ponownie.")
    return errors


def _resolve_jst(items: list[str], jst_records: list[Record]) -> tuple[list[str], list[str]]:
    codes, errors = [], []
    by_name: dict[str, list[Record]] = {}
    for record in jst_records:
        for name in {str(record.get("name")), str(record.get("name_in_source", "")), f"gmina {record.get('name')}"}:
            if name:
                by_name.setdefault(_fold(name), []).append(record)
    for item in items:
        if re.fullmatch(r"[0-9]{2}|[0-9]{4}|[0-9]{7}", item):
            codes.append(item)
            continue
        found = {r.get("teryt"): r for r in by_name.get(_fold(item), [])}
        if len(found) == 1:
            codes.append(next(iter(found)))
        elif found:
            options = ", ".join(f"{r.get('name')} ({r.get('type')}, {code})" for code, r in sorted(found.items()))
            errors.append(f"Samorządy: „{item}” pasuje do kilku jednostek — podaj kod TERYT jednej z nich: {options}.")
        else:
            errors.append(f"Samorządy: nie znaleziono „{item}” w rejestrze — podaj kod TERYT (7 cyfr dla gminy, 4 dla powiatu).")
    return codes, errors


def _lines(text: str) -> list[str]:
    return [re.sub(r"^[-*•]\s*", "", line).strip() for line in text.split("\n") if line.strip()]


def convert(body: str, issue: int, root: Path, today: dt.date) -> Submission:
    """Parse, build and validate the practice and its source record; errors are Polish sentences for the submitter.

    The files are rendered, read back with the validator's own reader and checked with the schema
    and every cross-record rule against the tree under root: result.files is either empty (with
    errors) or holds records that pass the validator."""
    result = Submission()
    if len(body) > MAX_BODY_CHARS:
        result.errors.append(f"Zgłoszenie: treść ma {len(body)} znaków, a może mieć najwyżej {MAX_BODY_CHARS}; "
                             "skróć opis, a długie dokumenty podaj w polu „Adres źródła”.")
        return result
    answers, result.errors = parse_sections(body)
    result.errors += character_errors(answers)
    if result.errors:
        return result
    for required in ("title", "summary", "jst", "sectors", "source_title"):
        if not answers.get(required):
            result.errors.append(f"{FORM_LABELS[required]}: to pole jest wymagane.")
    if result.errors:
        return result
    tree = load_tree(root)
    codes, jst_errors = _resolve_jst([i.strip() for i in answers["jst"].split(",") if i.strip()],
                                     [r for r in tree.records if r.type.name == "jst"])
    result.errors += jst_errors
    existing = {r.id for r in tree.records if r.type.name == "practice"}
    practice_id = slugify(answers["title"])[:70].strip("-") or f"zgloszenie-{issue}"
    if practice_id in existing:
        practice_id = f"{practice_id}-zgloszenie-{issue}"
    source_id = f"zgloszenie-{issue}"
    source: dict[str, Any] = {"id": source_id, "title": answers["source_title"], "kind": "zgłoszenie przez formularz",
                              "description": f"Źródło wskazane w zgłoszeniu nr {issue} (formularz „Zgłoś dobrą praktykę”)."}
    if answers.get("source_url"):
        source["url"] = answers["source_url"]
    practice: dict[str, Any] = {"id": practice_id, "title": answers["title"], "summary": " ".join(answers["summary"].split()),
                                "jst": codes, "sectors": [s.strip() for s in answers["sectors"].split(",") if s.strip()]}
    if answers.get("period_start"):
        practice["period"] = {"start": answers["period_start"], **({"end": answers["period_end"]} if answers.get("period_end") else {})}
    if answers.get("results"):
        practice["results"] = _lines(answers["results"])
    if answers.get("transferability"):
        practice["transferability"] = " ".join(answers["transferability"].split())
    if answers.get("contact_role"):
        practice["contact"] = {"role": answers["contact_role"]}
    practice["sources"] = [{"source": source_id, "note": f"zgłoszenie nr {issue}"}]
    practice["last_verified"] = today.isoformat()
    practice_path = f"{PRACTICE.folder}/{practice_id}.md"
    source_path = f"{SOURCE.folder}/{source_id}.yaml"
    body_text = answers.get("description", "").strip()
    files = {practice_path: "---\n" + render(PRACTICE, practice) + "---\n\n" + (body_text + "\n" if body_text else ""),
             source_path: render(SOURCE, source)}
    records, problems = read_back(files, {practice_path: (PRACTICE, practice_id), source_path: (SOURCE, source_id)})
    problems += [p for p in cross_problems(tree.records + records) if p.path in files]
    for problem in (p for p in problems if p.severity == "error"):
        key = problem.pointer.split("/")[1] if problem.pointer.count("/") else ""
        form_id = POINTER_TO_FORM.get(f"/{key}" if problem.path == practice_path else ("/title@source" if key == "title" else f"/{key}"))
        label = FORM_LABELS.get(form_id or "", "Zgłoszenie")
        result.errors.append(f"{label}: {problem.message}.")
    if not result.errors:
        result.files = files
    return result


def read_back(files: dict[str, str], kinds: dict[str, tuple[RecordType, str]]) -> tuple[list[Record], list[Problem]]:
    """The rendered files read as the validator reads them (from disk, in a scratch folder), with
    their schema problems: what the pull request's CI will see."""
    records: list[Record] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="bdp-issue-") as scratch:
        for rel, content in files.items():
            path = Path(scratch) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            rtype, record_id = kinds[rel]
            record, found = read_record(rtype, path, rel, record_id)
            problems += found
            if record is not None:
                records.append(record)
                problems += check_schema(record)
    return records, problems


def write_submission(root: Path, files: dict[str, str]) -> None:
    """Write all the files or none: each goes to a temporary file beside its target first, and
    only when all are written are they renamed into place. Existing files are never replaced."""
    staged: list[tuple[Path, Path]] = []
    try:
        for rel, content in sorted(files.items()):
            target = root / rel
            if target.exists():
                raise FileExistsError(17, "plik już istnieje", str(target))
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(temporary), target))
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(content)
        placed: list[Path] = []
        try:
            for staged_path, target in staged:
                os.replace(staged_path, target)
                placed.append(target)
        except BaseException:
            for target in placed:
                target.unlink(missing_ok=True)
            raise
    finally:
        for staged_path, _ in staged:
            staged_path.unlink(missing_ok=True)


class UnreadableEvent(ValueError):
    """The event file or body file cannot be read as an issue; the message is Polish."""


def read_event(path: Path) -> tuple[str, int]:
    """Issue body and number from a GitHub event file (the body never passes through a shell)."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UnreadableEvent(f"plik zdarzenia „{path}” nie jest czytelnym plikiem JSON ({type(exc).__name__})") from exc
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict):
        raise UnreadableEvent(f"plik zdarzenia „{path}” nie opisuje zgłoszenia (brak pola issue)")
    number, body = issue.get("number"), issue.get("body")
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 10**9:
        raise UnreadableEvent(f"plik zdarzenia „{path}” nie podaje poprawnego numeru zgłoszenia (issue.number)")
    if body is not None and not isinstance(body, str):
        raise UnreadableEvent(f"treść zgłoszenia w „{path}” nie jest tekstem (issue.body)")
    return body or "", number


def comment(result: Submission, issue: int) -> str:
    """The Markdown comment the bot leaves on the issue (issue 0: the number could not be read)."""
    thanks = f"Dziękujemy za zgłoszenie nr {issue}." if issue else "Dziękujemy za zgłoszenie."
    if result.errors:
        items = "\n".join(f"- {_inert(e)}" for e in result.errors)
        return (f"{thanks} Nie udało się jeszcze przygotować rekordu, bo:\n\n{items}\n\n"
                "Popraw zgłoszenie (Edytuj), a redakcja ponownie doda etykietę.")
    files = "\n".join(f"- `{path}`" for path in sorted(result.files))
    return f"{thanks} Przygotowano propozycję rekordu do przeglądu:\n\n{files}"


def _inert(text: str) -> str:
    """An error sentence as one Markdown list item: quoted input may hold newlines and bad characters."""
    return BAD_CHAR.sub("\ufffd", " ".join(text.split()))
