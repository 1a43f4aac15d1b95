"""Loading the JSON Schemas of schema/ (or a content root's own) and compiling their validators.

Loading is content (every stage reads the schemas: checks, the editor guide, open data); judging a
record against them, with Polish messages, is check.schemas.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from generator.paths import SCHEMA_DIR


@cache
def load_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, dict[str, Any]]:
    """Every `*.schema.json` of the folder, keyed by file name, as published."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))}


def ecma_pattern(pattern: str) -> str:
    """A JSON Schema (ECMA-262) pattern as a Python regular expression with the same anchors.

    In ECMA-262 `$` matches only at the very end; Python's `$` also matches before a final line
    break, so `"1462011\\n"` would pass `^[0-9]{7}$`. Every `$` outside a character class becomes
    `\\Z` (the end of the text, nothing else); escaped characters and classes are left alone.
    """
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = "\\Z"
        out.append(char)
        index += 1
    return "".join(out)


def python_patterns(node: Any) -> Any:
    """A schema with every `pattern` keyword rewritten by ecma_pattern (both validators use this)."""
    if isinstance(node, list):
        return [python_patterns(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: ecma_pattern(value) if key == "pattern" and isinstance(value, str) else python_patterns(value)
            for key, value in node.items()}


@cache
def validation_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, dict[str, Any]]:
    """The schemas as the validators use them: published files, patterns anchored as in ECMA-262."""
    return {name: python_patterns(schema) for name, schema in load_schemas(schema_dir).items()}


@cache
def validator_for(schema_name: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    """One compiled validator per schema, reused for every record."""
    schemas = validation_schemas(schema_dir)
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(content)) for name, content in schemas.items())
    return Draft202012Validator(schemas[schema_name], registry=registry, format_checker=FormatChecker())
