"""`bdp new <type>`: ask for the essential fields, write a valid, commented record file.

Answers come from the keyboard or, line by line, from standard input (so the command can be
scripted and tested). The file is written only when the new record passes the same validation
as every other record.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from generator.check.rules import cross_problems
from generator.check.schemas import schema_problems
from generator.check.terc import register_problems
from generator.content.records import Record
from generator.content.recordtypes import BY_NAME, PRACTICE_TEMPLATE, RecordType
from generator.content.schemas import load_schemas
from generator.content.settings import load_settings
from generator.content.terc import load_register
from generator.content.tree import load_tree
from generator.polish import slugify
from generator.problems import Problem


@dataclass(frozen=True)
class Ask:
    """One question: the field it fills (slash path), the Polish question, how to read the answer."""

    path: str
    question: str
    kind: str = "text"  # text | list | bool | int | date
    required: bool = True


SOURCE = Ask("sources/0/source", "Identyfikator dokumentu źródłowego z registry/sources")
QUESTIONS: dict[str, list[Ask]] = {
    "practice": [
        Ask("title", "Tytuł praktyki (nazwa własna w cudzysłowie „…”)"),
        Ask("summary", "Streszczenie: dwa–trzy zdania"),
        Ask("jst", "Kody TERYT samorządów, oddzielone przecinkami", "list"),
        Ask("sectors", "Sektory, oddzielone przecinkami", "list"),
        Ask("period/start", "Początek realizacji (RRRR, RRRR-MM lub RRRR-MM-DD; Enter, jeśli nieznany)", required=False),
        Ask("period/end", "Koniec realizacji (Enter, jeśli trwa lub nieznany)", required=False),
        SOURCE,
        Ask("sources/0/locator", "Miejsce w dokumencie (rozdział, strona; Enter, by pominąć)", required=False),
    ],
    "jst": [
        Ask("name", "Nazwa samorządu"), Ask("type", "Rodzaj"), Ask("voivodeship", "Województwo"),
        Ask("powiat", "Powiat (dla gminy; Enter, by pominąć)", required=False),
        Ask("teryt", "Kod TERYT (TERC)"), Ask("teryt_verified", "Czy kod sprawdzono w rejestrze TERC? (tak/nie)", "bool"), SOURCE,
    ],
    "organisation": [Ask("name", "Pełna nazwa"), Ask("short_name", "Skrót (Enter, by pominąć)", required=False), Ask("kind", "Rodzaj"), SOURCE],
    "project": [Ask("title", "Tytuł projektu"), Ask("period/start", "Początek (RRRR lub RRRR-MM)"),
                Ask("period/end", "Koniec (Enter, jeśli nieznany)", required=False),
                Ask("leader", "Identyfikator organizacji-lidera z registry/organisations"), SOURCE],
    "source": [Ask("title", "Tytuł dokumentu"), Ask("kind", "Rodzaj"), Ask("description", "Czym jest dokument i co z niego przeniesiono")],
    "glossary": [Ask("term", "Hasło (skrót lub pojęcie)"), Ask("definition", "Wyjaśnienie"), SOURCE],
    "contest": [Ask("year", "Rok edycji", "int"), Ask("theme", "Temat edycji"), Ask("organisers", "Organizatorzy (identyfikatory, po przecinku)", "list"), SOURCE],
    "procedure": [Ask("title", "Nazwa procedury"), Ask("partners/0/code", "Skrót pierwszego partnera (wielkie litery)"),
                  Ask("partners/0/name", "Nazwa tego partnera"), Ask("tasks/0/title", "Tytuł pierwszego zadania"),
                  Ask("tasks/0/steps/0/title", "Pierwszy krok tego zadania"), SOURCE],
    "indicator": [Ask("name", "Nazwa wskaźnika"), Ask("description", "Co mierzy wskaźnik"), Ask("sectors", "Sektory, po przecinku", "list"), SOURCE],
}
ID_FROM = {"practice": "title", "jst": "name", "organisation": "short_name|name", "project": "title", "source": "title",
           "glossary": "term", "contest": "year", "procedure": "title", "indicator": "name"}


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split("/")
    node: Any = data
    for part, following in itertools.pairwise(parts):
        key: Any = int(part) if part.isdigit() else part
        default: Any = [] if following.isdigit() else {}
        if isinstance(node, list):
            while len(node) <= key:
                node.append(default if not isinstance(default, list) else [])
            node = node[key]
        else:
            node = node.setdefault(key, default)
    last = parts[-1]
    if isinstance(node, list):
        node.append(value)
    else:
        node[last] = value


def _convert(ask: Ask, answer: str) -> Any:
    if ask.kind == "list":
        return [item.strip() for item in answer.split(",") if item.strip()]
    if ask.kind == "bool":
        return answer.strip().lower() in ("tak", "t", "true", "1", "yes")
    if ask.kind == "int":
        return int(answer) if answer.strip().isdigit() else answer
    return answer.strip()


def _hint(rtype: RecordType, ask: Ask) -> str:
    """Allowed values of a closed vocabulary, shown with the question."""
    schema = load_schemas()[rtype.schema]
    node: Any = schema
    for part in ask.path.split("/"):
        node = node.get("items", {}) if part.isdigit() else node.get("properties", {}).get(part, {})
        node = _deref(node)
    if ask.kind == "list":
        node = _deref(node.get("items", {}))
    values = node.get("enum")
    return f" [{'; '.join(values)}]" if values else ""


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if not ref:
        return node
    file, _, pointer = ref.partition("#")
    target: Any = load_schemas()[file] if file else {}
    for part in pointer.strip("/").split("/"):
        target = target.get(part, {})
    return {**_deref(target), **{k: v for k, v in node.items() if k != "$ref"}}


def collect(rtype: RecordType, read: Callable[[str], str | None], preset: dict[str, str]) -> dict[str, Any] | None:
    """Ask every question; None when the input ends before a required answer."""
    data: dict[str, Any] = {}
    for ask in QUESTIONS[rtype.name]:
        answer = preset.get(ask.path)
        if answer is None:
            answer = read(f"{ask.question}{_hint(rtype, ask)}: ")
            if answer is None:
                return None
        if not answer.strip():
            if ask.required:
                answer = read(f"To pole jest wymagane. {ask.question}: ")
                if answer is None or not answer.strip():
                    return None
            else:
                continue
        _set(data, ask.path, _convert(ask, answer))
    return data


def complete(rtype: RecordType, data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Add what follows from the answers: id, title of a contest edition, dates, required defaults."""
    if rtype.name == "contest":
        data = {"title": f"Samorządowy Lider Zarządzania {data.get('year')}", "contest": "Samorządowy Lider Zarządzania", **data}
    if rtype.name == "procedure":
        data["tasks"][0]["number"] = 1
        data["tasks"][0]["steps"][0]["number"] = "1"
    source_field = next(f for f in ID_FROM[rtype.name].split("|") if data.get(f) not in (None, ""))
    record_id = slugify(str(data[source_field]))[:80].strip("-")
    if rtype.name == "contest":
        record_id = f"samorzadowy-lider-zarzadzania-{data.get('year')}"
    out = {"id": record_id, **data}
    if rtype.name == "practice":
        out["last_verified"] = today.isoformat()
    return out


def _yaml_value(value: Any, indent: int) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        return "\n" + "".join(f"{pad}{k}:{_yaml_value(v, indent + 2)}" for k, v in value.items())
    if isinstance(value, list):
        lines = []
        for item in value:
            text = _yaml_value(item, indent + 2)
            lines.append(f"{pad}- {text.lstrip()}" if isinstance(item, dict) else f"{pad}-{text}")
        return "\n" + "".join(lines)
    if isinstance(value, bool):
        return f" {'true' if value else 'false'}\n"
    if isinstance(value, (int, float)):
        return f" {value}\n"
    return f" {json.dumps(value, ensure_ascii=False)}\n"


def render(rtype: RecordType, data: dict[str, Any]) -> str:
    """YAML with a Polish comment above every field; optional fields not given are shown commented out."""
    schema = load_schemas()[rtype.schema]
    depth = "../" * rtype.folder.count("/") + "../"
    lines = [f"# yaml-language-server: $schema={depth}schema/{rtype.schema}"]
    for key, prop in schema["properties"].items():
        prop = _deref(prop)
        label = prop.get("title", key)
        description = prop.get("description", "")
        required = key in schema.get("required", [])
        lines.append(f"# {label}{' (wymagane)' if required else ''}: {description}")
        if key in data:
            lines.append(f"{key}:{_yaml_value(data[key], 2).rstrip()}")
        elif prop.get("examples") and not prop.get("x-private"):
            example = _yaml_value(prop["examples"][0], 2).rstrip()
            lines += [f"# {line}" for line in f"{key}:{example}".split("\n")]
    return "\n".join(lines) + "\n"


def practice_body(data: dict[str, Any]) -> str:
    """The body of a new practice file (the same for every practice for now)."""
    return PRACTICE_TEMPLATE


def check(root: Path, rtype: RecordType, data: dict[str, Any], rel: str) -> list[Problem]:
    """Validate the new record against the schema and the rest of the tree, before it is written."""
    record = Record(rtype, data["id"], rel, data)
    tree = load_tree(root)
    problems = list(schema_problems(record, rtype))
    others = [r for r in tree.records if not (r.type == rtype and r.id == record.id)]
    if len(others) != len(tree.records):
        problems.append(Problem(rel, None, "/id", f"rekord „{data['id']}” już istnieje ({rel}); wybierz inną nazwę", "id.duplicate"))
    problems += [p for p in cross_problems([*others, record]) if p.path == rel]
    if rtype.name == "jst" and not load_settings(root).demo:
        problems += [p for p in register_problems([record], load_register()) if p.severity == "error"]
    return problems


def create(root: Path, type_name: str, stdin: TextIO, stdout: TextIO, preset: dict[str, str], today: dt.date) -> tuple[int, str]:
    """Run the dialogue; return (exit status, path written or message)."""
    rtype = BY_NAME[type_name]

    def read(prompt: str) -> str | None:
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return None
        return line.rstrip("\n")

    answers = collect(rtype, read, preset)
    if answers is None:
        return 1, "Przerwano: zabrakło odpowiedzi na wymagane pytanie. Nic nie zapisano."
    data = complete(rtype, answers, today)
    rel = f"{rtype.folder}/{data['id']}.{'md' if rtype.markdown else 'yaml'}"
    problems = check(root, rtype, data, rel)
    if problems:
        text = "\n".join(f"{p.pointer or '/'}: {p.message} [{p.rule}]" for p in problems)
        return 1, f"Rekord nie został zapisany, bo ma błędy:\n{text}"
    content = render(rtype, data)
    if rtype.markdown:
        content = "---\n" + content + "---\n" + practice_body(data)
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    return 0, rel
