"""Turn a submitted "Zgłoś dobrą praktykę" issue into record files, validating everything.

An issue form is not validation: `required` holds only in public repositories, empty optional
fields arrive as `_No response_`, and the body can be edited after a maintainer labels it. So the
body is parsed afresh, every value is checked like any other record, and the pull request's diff
is what reviewers approve.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.guide import FORM_LABELS
from generator.newrecord import render
from generator.polish import slugify
from generator.problems import Problem
from generator.records import Record
from generator.recordtypes import PRACTICE, SOURCE
from generator.rules import _fold, cross_problems
from generator.schemas import schema_problems
from generator.tree import load_tree

NO_RESPONSE = "_No response_"
POINTER_TO_FORM = {"/title": "title", "/summary": "summary", "/jst": "jst", "/sectors": "sectors", "/period": "period_start",
                   "/period/start": "period_start", "/period/end": "period_end", "/results": "results",
                   "/transferability": "transferability", "/contact": "contact_role", "/title@source": "source_title",
                   "/url": "source_url"}


@dataclass
class Submission:
    files: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def parse_body(body: str) -> dict[str, str]:
    """Sections '### Label' of a rendered issue form, keyed by form field id; missing answers are ''."""
    by_label = {label: form_id for form_id, label in FORM_LABELS.items()}
    answers: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n") + ["### "]:
        if line.startswith("### "):
            if current is not None:
                text = "\n".join(lines).strip()
                answers[current] = "" if text == NO_RESPONSE else text
            current = by_label.get(line[4:].strip())
            lines = []
        elif current is not None:
            lines.append(line)
    return answers


def _resolve_jst(items: list[str], jst_records: list[Record]) -> tuple[list[str], list[str]]:
    codes, errors = [], []
    by_name: dict[str, list[Record]] = {}
    for record in jst_records:
        for name in {str(record.get("name")), str(record.get("name_in_source", "")), f"gmina {record.get('name')}"}:
            if name:
                by_name.setdefault(_fold(name), []).append(record)
    for item in items:
        if re.fullmatch(r"\d{2}|\d{4}|\d{7}", item):
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
    """Parse, build and validate the practice and its source record; errors are Polish sentences for the submitter."""
    answers = parse_body(body)
    tree = load_tree(root)
    result = Submission()
    for required in ("title", "summary", "jst", "sectors", "source_title"):
        if not answers.get(required):
            result.errors.append(f"{FORM_LABELS[required]}: to pole jest wymagane.")
    if result.errors:
        return result
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
    records = [Record(PRACTICE, practice_id, practice_path, practice), Record(SOURCE, source_id, source_path, source)]
    problems: list[Problem] = []
    for record in records:
        problems += schema_problems(record, record.type)
    problems += [p for p in cross_problems(tree.records + records) if p.path in (practice_path, source_path) and p.severity == "error"]
    for problem in problems:
        key = problem.pointer.split("/")[1] if problem.pointer.count("/") else ""
        form_id = POINTER_TO_FORM.get(f"/{key}" if problem.path == practice_path else ("/title@source" if key == "title" else f"/{key}"))
        label = FORM_LABELS.get(form_id or "", "Zgłoszenie")
        if not (problem.rule == "ref.jst" and jst_errors):
            result.errors.append(f"{label}: {problem.message}.")
    if not result.errors:
        body_text = answers.get("description", "").strip()
        result.files[practice_path] = "---\n" + render(PRACTICE, practice) + "---\n\n" + (body_text + "\n" if body_text else "")
        result.files[source_path] = render(SOURCE, source)
    return result


def read_event(path: Path) -> tuple[str, int]:
    """Issue body and number from a GitHub event file (the body never passes through a shell)."""
    event = json.loads(path.read_text(encoding="utf-8"))
    return event["issue"].get("body") or "", int(event["issue"]["number"])


def comment(result: Submission, issue: int) -> str:
    """The Markdown comment the bot leaves on the issue."""
    if result.errors:
        items = "\n".join(f"- {e}" for e in result.errors)
        return (f"Dziękujemy za zgłoszenie nr {issue}. Nie udało się jeszcze przygotować rekordu, bo:\n\n{items}\n\n"
                "Popraw zgłoszenie (Edytuj), a redakcja ponownie doda etykietę.")
    files = "\n".join(f"- `{path}`" for path in sorted(result.files))
    return f"Dziękujemy za zgłoszenie nr {issue}. Przygotowano propozycję rekordu do przeglądu:\n\n{files}"
