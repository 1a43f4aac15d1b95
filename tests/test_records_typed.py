"""The typed records (generator/content/types.py) follow the JSON Schemas: for every record type,
every schema property is a key of its TypedDict with a compatible type, nothing else is, and a
property is Required exactly when the schema requires it — also in every nested object."""
from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from generator.content import types as typed
from generator.content.recordtypes import BY_NAME
from generator.content.schemas import load_schemas

SCALARS = {"string": str, "integer": int, "number": float, "boolean": bool, "null": type(None)}


def _deref(node: dict[str, Any], current: str) -> tuple[dict[str, Any], str]:
    schemas = load_schemas()
    while "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        current = file or current
        target: Any = schemas[current]
        for part in pointer.strip("/").split("/"):
            target = target[part]
        node = target
    return node, current


def _alternatives(hint: Any) -> list[Any]:
    return list(get_args(hint)) if get_origin(hint) in (typing.Union, types.UnionType) else [hint]


def mismatches(node: dict[str, Any], current: str, hint: Any, where: str) -> list[str]:
    """Where the annotation `hint` does not fit the schema `node` (empty: it fits)."""
    node, current = _deref(node, current)
    kinds = node.get("type")
    if kinds is None and ("anyOf" in node or "oneOf" in node):  # fits when it fits one alternative
        tries = [mismatches(alt, current, hint, where) for alt in node.get("anyOf") or node["oneOf"]]
        return [] if any(not found for found in tries) else [m for found in tries for m in found]
    if isinstance(kinds, list):
        if len(_alternatives(hint)) != len(kinds):
            return [f"{where}: oczekiwano {len(kinds)} typów ({kinds}), jest {hint}"]
        return [m for kind, alt in zip(kinds, _alternatives(hint), strict=True)
                for m in mismatches({**node, "type": kind}, current, alt, where)]
    if kinds in SCALARS:
        return [] if hint is SCALARS[kinds] else [f"{where}: {kinds} → oczekiwano {SCALARS[kinds].__name__}, jest {hint}"]
    if kinds == "array":
        if get_origin(hint) is not list:
            return [f"{where}: array → oczekiwano list[...], jest {hint}"]
        return mismatches(node.get("items", {}), current, get_args(hint)[0], where + "/*")
    if kinds == "object" and "properties" in node:
        return object_mismatches(node, current, hint, where)
    if kinds == "object":
        return [] if get_origin(hint) is dict else [f"{where}: object → oczekiwano dict, jest {hint}"]
    return [f"{where}: nieznany typ schematu {kinds}"]


def object_mismatches(node: dict[str, Any], current: str, cls: Any, where: str) -> list[str]:
    if not is_typeddict(cls):
        return [f"{where}: obiekt z polami → oczekiwano TypedDict, jest {cls}"]
    hints = get_type_hints(cls)
    properties = node["properties"]
    found = [f"{where}: pole {key} nie istnieje w schemacie" for key in sorted(set(hints) - set(properties))]
    found += [f"{where}: brak pola {key}" for key in sorted(set(properties) - set(hints))]
    required = set(node.get("required", []))
    if set(cls.__required_keys__) != required:
        found.append(f"{where}: Required {sorted(cls.__required_keys__)}, a schemat wymaga {sorted(required)}")
    for key in sorted(set(hints) & set(properties)):
        found += mismatches(properties[key], current, hints[key], f"{where}/{key}")
    return found


@pytest.mark.parametrize("type_name", sorted(BY_NAME))
def test_typed_record_follows_its_schema(type_name: str) -> None:
    rtype = BY_NAME[type_name]
    schema = load_schemas()[rtype.schema]
    assert mismatches(schema, rtype.schema, typed.RECORD_DATA[type_name], rtype.schema) == []


def test_every_record_type_has_a_typed_record() -> None:
    assert set(typed.RECORD_DATA) == set(BY_NAME)


def test_the_check_sees_a_wrong_type_a_missing_key_and_a_wrong_required() -> None:
    schema = {"type": "object", "required": ["a"], "properties": {
        "a": {"type": "string"}, "b": {"type": "array", "items": {"type": "integer"}}, "c": {"type": "boolean"}}}

    class Shape(typing.TypedDict, total=False):
        a: str
        b: list[str]

    found = mismatches(schema, "x", Shape, "x")
    assert any("brak pola c" in m for m in found)
    assert any("Required" in m for m in found)
    assert any("x/b/*" in m for m in found)
