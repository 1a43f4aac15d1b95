"""The schemas a build publishes beside the open data: read here, once, so the renderers get them as data."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.content.tables import TABLE_SCHEMA, table_schema
from generator.paths import SCHEMA_DIR, schema_dir


@dataclass(frozen=True)
class SchemaFile:
    name: str      # the file name, e.g. practice.schema.json
    path: Path     # where it is read from (copied as it is)
    title: str     # its "title", or the file's stem


@dataclass(frozen=True)
class PublishedSchemas:
    files: tuple[SchemaFile, ...]   # the record schemas and the table schema, by file name
    table: dict[str, Any]           # the Frictionless Table Schema of the indicator tables


@cache
def published_schemas(folder: Path = SCHEMA_DIR) -> PublishedSchemas:
    """The record schemas of `folder` (a content root's own schema/ or the packaged ones) and the packaged table schema."""
    files = []
    for schema in sorted([*folder.glob("*.schema.json"), SCHEMA_DIR / TABLE_SCHEMA], key=lambda p: p.name):
        title = json.loads(schema.read_text(encoding="utf-8")).get("title", schema.stem)
        files.append(SchemaFile(schema.name, schema, str(title)))
    return PublishedSchemas(tuple(files), table_schema())


def schemas_of(root: Path | None) -> PublishedSchemas:
    """The schemas published for a content root (None: the packaged ones)."""
    return published_schemas(schema_dir(root) if root is not None else SCHEMA_DIR)
