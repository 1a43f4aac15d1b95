"""The schemas are the contract: every field is described in Polish and has an example."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.content.recordtypes import ALL_TYPES
from generator.paths import SCHEMA_DIR

SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}
POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def resolve(schema: dict[str, Any], name: str) -> tuple[dict[str, Any], str]:
    """Follow a $ref (keeping the keywords beside it); return the schema and the file it lives in."""
    ref = schema.get("$ref")
    if not ref:
        return schema, name
    file, _, pointer = ref.partition("#")
    name = file or name
    target: dict[str, Any] = SCHEMAS[name]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    target, name = resolve(target, name)
    return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}, name


def properties(node: Any, name: str, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(node, dict):
        return
    for key, prop in node.get("properties", {}).items():
        resolved, where = resolve(prop, name)
        yield f"{path}/{key}", resolved
        yield from properties(resolved, where, f"{path}/{key}")
    if isinstance(node.get("items"), dict):
        resolved, where = resolve(node["items"], name)
        yield from properties(resolved, where, f"{path}/*")
    for key, sub in node.get("$defs", {}).items():
        yield from properties(sub, name, f"#{key}")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS[name])
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", sorted(n for n in SCHEMAS if n != "defs.schema.json"))
def test_every_field_has_a_polish_description_and_an_example(name: str) -> None:
    missing = []
    for path, prop in properties(SCHEMAS[name], name):
        described = prop.get("description") or prop.get("title")
        if not described or not (set(described) & POLISH or " " in described):
            missing.append(f"{path}: opis")
        if "examples" not in prop and "enum" not in prop and prop.get("type") != "boolean":
            missing.append(f"{path}: przykład")
    assert not missing, missing


def test_every_record_type_has_a_closed_schema() -> None:
    for rtype in ALL_TYPES:
        schema = SCHEMAS[rtype.schema]
        assert schema.get("additionalProperties") is False, rtype.schema
        assert "id" in schema["required"]
