"""The reuse table of the open data (dane/csv/przeniesienia.csv) and its Frictionless table schema."""
from __future__ import annotations

import json
from typing import Any

from generator.derive.model import SiteModel
from generator.derive.reuse import reuse_index
from generator.render.csvout import to_csv

CSV_PATH = "dane/csv/przeniesienia.csv"
SCHEMA_PATH = "dane/schematy/przeniesienia.tableschema.json"
COLUMNS = ("source_practice", "adopting_practice", "adopting_jst", "year", "note")


def table_schema() -> dict[str, Any]:
    """Columns, types and references to the published practice and local-government tables."""
    fields = [
        {"name": "source_practice", "type": "string", "title": "Praktyka wzorcowa",
         "description": "Identyfikator praktyki, na której się wzorowano (praktyki.csv, kolumna id).", "constraints": {"required": True}},
        {"name": "adopting_practice", "type": "string", "title": "Praktyka przejmująca",
         "description": "Identyfikator praktyki, której opis zapisuje przeniesienie (pole adapted_from).", "constraints": {"required": True}},
        {"name": "adopting_jst", "type": "string", "title": "Samorząd przejmujący",
         "description": "Kod TERYT (TERC) samorządu, który przeniósł praktykę (samorzady.csv, kolumna teryt).",
         "constraints": {"required": True, "pattern": "^([0-9]{2}|[0-9]{4}|[0-9]{7})$"}},
        {"name": "year", "type": "integer", "title": "Rok przeniesienia", "constraints": {"required": True, "minimum": 1990}},
        {"name": "note", "type": "string", "title": "Uwagi", "description": "Co przeniesiono i co zmieniono (puste, gdy źródło nie podaje)."},
    ]
    return {"fields": fields, "missingValues": [""], "primaryKey": ["source_practice", "adopting_practice", "adopting_jst"],
            "foreignKeys": [
                {"fields": ["source_practice"], "reference": {"resource": "praktyki", "fields": ["id"]}},
                {"fields": ["adopting_practice"], "reference": {"resource": "praktyki", "fields": ["id"]}},
                {"fields": ["adopting_jst"], "reference": {"resource": "samorzady", "fields": ["teryt"]}},
            ]}


def reuse_csv(model: SiteModel) -> str:
    """One row per adoption, in id order (source, adopting practice, local government): friendly to diff."""
    rows = sorted([a.source.id, a.adopter.id, a.jst_code, a.year, a.note or ""] for a in reuse_index(model).adoptions)
    return to_csv(list(COLUMNS), rows)


def reuse_resource() -> dict[str, Any]:
    """The data-package resource of the reuse table."""
    return {"name": "przeniesienia", "path": CSV_PATH.removeprefix("dane/"), "type": "table", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": "Przeniesienia praktyk (CSV)", "schema": table_schema()}


def reuse_files(model: SiteModel) -> dict[str, str]:
    schema = {"$comment": "Frictionless Table Schema of dane/csv/przeniesienia.csv", **table_schema()}
    return {CSV_PATH: reuse_csv(model), SCHEMA_PATH: json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"}
