"""The check of dane/datapackage.json made by every build, with jsonschema (already used for records)
instead of frictionless: the JSON Schema below covers the parts of the Frictionless Data Package and
Table Schema specifications the descriptor uses (https://specs.frictionlessdata.io/), and
`descriptor_problems` adds what a JSON Schema cannot say (unique names, safe paths, keys naming
existing fields and resources). tests/test_indicators.py checks the published package with
frictionless itself and that both reject the same broken descriptors.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

NAME = "^[-a-z0-9._/]+$"
LICENCE_NAME = "^[-a-zA-Z0-9._]+$"
FIELD_TYPES = ["string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime",
               "year", "yearmonth", "duration", "geopoint", "geojson", "any"]
_TEXT = {"type": "string"}
_NAMES = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 1}]}

FIELD = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": _TEXT, "title": _TEXT, "description": _TEXT, "format": _TEXT, "rdfType": _TEXT,
        "type": {"enum": FIELD_TYPES},
        "constraints": {"type": "object", "properties": {
            "required": {"type": "boolean"}, "unique": {"type": "boolean"}, "pattern": _TEXT,
            "minLength": {"type": "integer"}, "maxLength": {"type": "integer"},
            "enum": {"type": "array"}}},
        "missingValues": {"type": "array", "items": _TEXT},
    },
}

TABLE_SCHEMA = {
    "type": "object",
    "required": ["fields"],
    "properties": {
        "fields": {"type": "array", "items": FIELD},
        "primaryKey": _NAMES,
        "missingValues": {"type": "array", "items": _TEXT},
        "foreignKeys": {"type": "array", "items": {
            "type": "object", "required": ["fields", "reference"],
            "properties": {"fields": _NAMES, "reference": {
                "type": "object", "required": ["fields"],
                "properties": {"resource": _TEXT, "fields": _NAMES}}}}},
    },
}

DESCRIPTOR = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "resources"],
    "properties": {
        "name": {"type": "string", "pattern": NAME},
        "title": _TEXT, "description": _TEXT,
        "licenses": {"type": "array", "items": {
            "type": "object", "anyOf": [{"required": ["name"]}, {"required": ["path"]}],
            "properties": {"name": {"type": "string", "pattern": LICENCE_NAME}, "path": _TEXT, "title": _TEXT}}},
        "resources": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "path"],
            "properties": {
                "name": {"type": "string", "pattern": NAME},
                "path": _TEXT, "title": _TEXT, "description": _TEXT, "encoding": _TEXT, "format": _TEXT,
                "type": {"enum": ["table", "json", "file", "text"]},
                "mediatype": {"type": "string", "pattern": "^[^/\\s]+/[^/\\s]+$"},
                "schema": TABLE_SCHEMA,
            }}},
    },
}


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(DESCRIPTOR)


def _listed(names: Any) -> list[str]:
    return [names] if isinstance(names, str) else list(names)


def _duplicates(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


def _safe(path: str) -> bool:
    """Relative, inside the package folder, no URL (as the specification's "safe" path)."""
    return not (posixpath.isabs(path) or "\\" in path or ":" in path or path.startswith("~")
                or ".." in posixpath.normpath(path).split("/"))


def _where(error: Any) -> str:
    return "/" + "/".join(str(p) for p in error.absolute_path)


def descriptor_problems(descriptor: dict[str, Any]) -> list[str]:
    """What is wrong with a data package descriptor, one message each (Polish); [] when it is valid."""
    errors = sorted(_validator().iter_errors(descriptor), key=lambda e: list(map(str, e.absolute_path)))
    problems = [f"{_where(e)}: niezgodne ze specyfikacją Data Package ({e.validator}: {e.message})" for e in errors]
    if problems:
        return problems  # the checks below assume the structure is right
    resources = descriptor["resources"]
    names = [r["name"] for r in resources]
    problems += [f"/resources: nazwa zasobu „{n}” występuje więcej niż raz" for n in _duplicates(names)]
    fields_of = {r["name"]: [f["name"] for f in r.get("schema", {}).get("fields", [])] for r in resources}
    for at, resource in enumerate(resources):
        where = f"/resources/{at}"
        if not _safe(resource["path"]):
            problems.append(f"{where}/path: ścieżka „{resource['path']}” wychodzi poza katalog pakietu")
        schema = resource.get("schema")
        if schema is None:
            continue
        fields = fields_of[resource["name"]]
        problems += [f"{where}/schema/fields: pole „{n}” występuje więcej niż raz" for n in _duplicates(fields)]
        if "primaryKey" in schema:
            problems += [f"{where}/schema/primaryKey: nie ma pola „{n}”" for n in _listed(schema["primaryKey"]) if n not in fields]
        for k, key in enumerate(schema.get("foreignKeys", [])):
            own, reference = _listed(key["fields"]), key["reference"]
            target = reference.get("resource", "") or resource["name"]  # "": the resource itself
            problems += [f"{where}/schema/foreignKeys/{k}/fields: nie ma pola „{n}”" for n in own if n not in fields]
            if target not in fields_of:
                problems.append(f"{where}/schema/foreignKeys/{k}/reference: nie ma zasobu „{target}”")
                continue
            theirs = _listed(reference["fields"])
            problems += [f"{where}/schema/foreignKeys/{k}/reference/fields: zasób „{target}” nie ma pola „{n}”"
                         for n in theirs if n not in fields_of[target]]
            if len(theirs) != len(own):
                problems.append(f"{where}/schema/foreignKeys/{k}: różna liczba pól klucza i odwołania")
    return problems
