"""JSON Schema validation with messages an editor can act on, in Polish."""
from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError
from slugify import slugify

from generator.check.fastcheck import is_valid
from generator.content.hiddentext import visible
from generator.content.records import Record
from generator.content.recordtypes import RecordType
from generator.content.schemas import (
    load_schemas as load_schemas,  # re-exported for render.opendata
)
from generator.content.schemas import validator_for
from generator.content.yamlload import pointer_join
from generator.paths import SCHEMA_DIR
from generator.problems import Problem


def _pointer(path: Any) -> str:
    pointer = ""
    for token in path:
        pointer = pointer_join(pointer, token)
    return pointer


def _label(schema: dict[str, Any], name: str) -> str:
    prop = schema.get("properties", {}).get(name, {})
    title = prop.get("title")
    return f"„{name}” ({title})" if title else f"„{name}”"


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "wartość logiczną"
    if isinstance(value, (int, float)):
        return "liczbę"
    if value is None:
        return "wartość pustą"
    if isinstance(value, list):
        return "listę"
    if isinstance(value, dict):
        return "zbiór pól"
    return "tekst"


_TYPE_NAMES = {"string": "tekst", "integer": "liczba całkowita", "number": "liczba", "boolean": "true albo false",
               "array": "lista (pozycje zaczynające się od „- ”)", "object": "zbiór pól „nazwa: wartość”", "null": "pusta wartość"}


def _facts(error: ValidationError) -> tuple[Any, Any, Any]:
    """The instance, the schema and the keyword's value of an error (jsonschema types them with
    an `Unset` marker; in an error from iter_errors they are always set)."""
    return error.instance, error.schema, error.validator_value


def _type_message(error: ValidationError, record: Record, pointer: str) -> tuple[str, str]:
    instance, schema, expected = _facts(error)
    expected_names = ", ".join(_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    raw = record.plain_scalars.get(pointer)
    kind = schema.get("x-kind")
    if instance is None:
        return "pole jest puste; wpisz wartość albo usuń pole", "schema.type"
    if raw is not None and "string" in expected:
        rule = "teryt.number" if kind == "teryt" else "schema.type"
        what = "kod TERYT musi być tekstem" if kind == "teryt" else "wartość musi być tekstem"
        return (f"{what}, a YAML odczytał {raw} jako {_yaml_kind(instance)} {json.dumps(instance)}; "
                f"ujmij ją w cudzysłów: \"{raw}\""), rule
    shown = f" {json.dumps(instance, ensure_ascii=False)}" if isinstance(instance, (str, int, float)) else ""
    return f"oczekiwano: {expected_names}; podano {_yaml_kind(instance)}{shown}", "schema.type"


def _pattern_message(error: ValidationError) -> str:
    instance, schema, _ = _facts(error)
    kind = schema.get("x-kind")
    value = visible(str(instance))
    if kind == "id":
        return f"„{value}” nie jest poprawnym identyfikatorem: tylko małe litery bez polskich znaków, cyfry i pojedyncze myślniki, np. „{slugify(str(value))}”"
    if kind == "teryt":
        return f"„{value}” nie jest kodem TERYT: kod ma 2 cyfry (województwo), 4 (powiat) albo 7 (gmina)"
    if kind == "date":
        return f"„{value}” nie jest datą w formacie RRRR-MM-DD"
    if kind == "partial_date":
        return f"„{value}” nie jest datą: podaj rok (RRRR), miesiąc (RRRR-MM) albo dzień (RRRR-MM-DD)"
    if kind == "url":
        return f"„{value}” nie jest adresem internetowym zaczynającym się od http:// lub https://"
    if kind == "text":
        return "tekst zawiera niewidoczne znaki sterujące (np. zmiany kierunku pisma lub spacje zerowej szerokości); usuń je"
    description = schema.get("description") or schema.get("title") or ""
    return f"„{value}” nie ma wymaganej postaci. {description}".strip()


def _message(error: ValidationError, record: Record, pointer: str) -> tuple[str, str, str]:
    """Polish message, rule id and the pointer to report for one schema error."""
    instance, schema, expected = _facts(error)
    kind = error.validator
    if kind == "required":
        name = error.message.split("'")[1]
        return f"brak wymaganego pola {_label(schema, name)}; dodaj je", "schema.required", pointer_join(pointer, name)
    if kind == "additionalProperties":
        properties = schema.get("properties", {})
        allowed = sorted(properties)
        extras = sorted(set(instance) - set(allowed))
        name = extras[0] if extras else "?"
        by_polish = {slugify(str(p.get("title", "")), separator="_"): key for key, p in properties.items()}
        close = difflib.get_close_matches(name, allowed, n=1) or [
            by_polish[m] for m in difflib.get_close_matches(slugify(name, separator="_"), list(by_polish), n=1)]
        hint = f"czy chodziło o „{close[0]}”? " if close else ""
        return (f"nieznane pole „{visible(str(name))}”; {hint}dozwolone pola: {', '.join(allowed)}",
                "schema.additionalProperties", pointer_join(pointer, name))
    if kind == "type":
        message, rule = _type_message(error, record, pointer)
        return message, rule, pointer
    if kind == "enum":
        options = [str(o) for o in expected]
        close = difflib.get_close_matches(str(instance), options, n=1, cutoff=0.5)
        hint = f" Czy chodziło o „{close[0]}”?" if close else ""
        return f"„{visible(str(instance))}” nie jest dozwoloną wartością; dozwolone: {', '.join(options)}.{hint}", "schema.enum", pointer
    if kind == "pattern":
        return _pattern_message(error), "schema.pattern", pointer
    if kind == "format":
        return f"„{instance}” nie jest poprawną datą (taki dzień nie istnieje)" if expected == "date" else f"„{instance}” ma niepoprawny format", "schema.format", pointer
    if kind == "minItems":
        return "lista nie może być pusta; podaj co najmniej jedną pozycję", "schema.minItems", pointer
    if kind == "uniqueItems":
        return "pozycje na liście powtarzają się; usuń powtórzenia", "schema.uniqueItems", pointer
    if kind == "minLength":
        return "pole nie może być puste", "schema.minLength", pointer
    if kind == "maxLength":
        return f"tekst ma {len(instance)} znaków, a może mieć najwyżej {expected}; skróć go", "schema.maxLength", pointer
    if kind in ("minimum", "maximum"):
        word = "najmniej" if kind == "minimum" else "najwyżej"
        return f"wartość {instance} jest poza zakresem: może wynosić {word} {expected}", f"schema.{kind}", pointer
    if kind == "anyOf" and all("required" in alt for alt in expected):
        fields = " albo ".join("„" + "”, „".join(alt["required"]) + "”" for alt in expected)
        return f"podaj co najmniej jedno z pól: {fields}", "schema.anyOf", pointer
    return f"wartość nie spełnia schematu ({error.message})", f"schema.{kind}", pointer


def schema_problems(record: Record, rtype: RecordType, schema_dir: Path = SCHEMA_DIR) -> Iterator[Problem]:
    """Every schema violation of one record, each with a line and a JSON Pointer; `schema_dir`: a content
    root's own schemas (generator.paths.schema_dir)."""
    if is_valid(rtype.schema, record.data, schema_dir):
        return
    validator = validator_for(rtype.schema, schema_dir)
    for error in validator.iter_errors(record.data):
        pointer = _pointer(error.absolute_path)
        message, rule, report_pointer = _message(error, record, pointer)
        yield Problem(record.path, record.line(report_pointer), report_pointer, message, rule)
