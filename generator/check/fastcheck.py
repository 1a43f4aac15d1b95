"""A compiled yes/no schema check (fastjsonschema) in front of the detailed one (jsonschema).

Most records are valid; for them a compiled validator answers in microseconds. Only a record it
rejects goes through jsonschema, which explains every problem in Polish. The schemas are bundled
(every $ref inlined) so the compiled validator needs no reference resolution; they use only
keywords that draft-07 shares with 2020-12.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from generator.content.schemas import validation_schemas
from generator.paths import SCHEMA_DIR

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _inline(node: Any, current: str, schemas: dict[str, dict[str, Any]]) -> Any:
    if isinstance(node, list):
        return [_inline(item, current, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        where = file or current
        target: Any = schemas[where]
        for part in pointer.strip("/").split("/"):
            target = target[part]
        siblings = {k: v for k, v in node.items() if k not in ("$ref", "title", "description", "examples")}
        return {**_inline(target, where, schemas), **_inline(siblings, current, schemas)}
    return {key: _inline(value, current, schemas) for key, value in node.items() if key not in ("$defs", "$schema", "examples")}


def bundled(schema_name: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """The schema with every reference replaced by its target, as one draft-07 document."""
    schemas = validation_schemas(schema_dir)
    return {"$schema": DRAFT_07, **_inline(schemas[schema_name], schema_name, schemas)}


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@cache
def compiled(schema_name: str, schema_dir: Path = SCHEMA_DIR) -> Callable[[Any], Any] | None:
    """The compiled check, or None if this schema cannot be compiled (then every record takes the slow path)."""
    try:
        return fastjsonschema.compile(bundled(schema_name, schema_dir), formats={"date": _is_date})
    except Exception:
        return None


def is_valid(schema_name: str, data: Any, schema_dir: Path = SCHEMA_DIR) -> bool:
    """True only when the record certainly passes; False means "ask jsonschema"."""
    check = compiled(schema_name, schema_dir)
    if check is None:
        return False
    try:
        check(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
