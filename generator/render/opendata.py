"""Open data published with the site (dane/): every record type as JSON and CSV, the indicator tables,
the JSON Schemas and a Frictionless data package (datapackage.json) describing them.

Private fields (x-private in the schema, e.g. editor_notes), e-mail addresses, consent references and
names of people without recorded consent are never published, the same as on the pages.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.descriptor import descriptor_problems
from generator.check.schemas import load_schemas
from generator.content.licences import datapackage_licences
from generator.content.records import Record
from generator.content.recordtypes import ALL_TYPES, RecordType
from generator.content.schemafiles import PublishedSchemas
from generator.derive.dcat import dataset_years
from generator.derive.model import SiteModel
from generator.derive.reuse import reuse_index
from generator.polish import plural
from generator.render import reusedata
from generator.render.csvout import safe_copy, to_csv
from generator.render.dcat import dcat_files
from generator.render.indicators import indicator_site
from generator.render.numbers import plain

FOLDER = "dane"
NAME = "baza-dobrych-praktyk"


@dataclass(frozen=True)
class Published:
    path: str            # inside the docs tree
    title: str
    description: str
    resource: dict[str, Any] | None  # its data-package resource (None: described only on the page)


def _private_keys(rtype: RecordType) -> set[str]:
    schema = load_schemas().get(rtype.schema, {})
    return {key for key, prop in schema.get("properties", {}).items() if isinstance(prop, dict) and prop.get("x-private")}


def public_data(record: Record) -> dict[str, Any]:
    """A record's data as published: no private fields, no e-mail, a person's name only with consent."""
    private = _private_keys(record.type)
    data = {key: value for key, value in record.data.items() if key not in private}
    contact = data.get("contact")
    if isinstance(contact, dict):
        contact = {k: v for k, v in contact.items() if k not in ("email", "consent_reference")}
        if contact.get("person_consent") is not True:
            contact.pop("person", None)
        data["contact"] = contact
    if record.type.markdown and record.body.strip():
        data["body"] = record.body.strip() + "\n"
    return data


def _columns(rtype: RecordType, published: list[dict[str, Any]]) -> list[str]:
    order = list(load_schemas().get(rtype.schema, {}).get("properties", {}))
    private = _private_keys(rtype)
    present = {key for data in published for key in data}
    return [k for k in order if k in present and k not in private] + sorted(present - set(order))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return plain(value) if isinstance(value, float) else str(value)


Sink = Callable[[str, str], None]


def _record_files(model: SiteModel, content: bool = True, types: set[str] | None = None,
                  sink: Sink | None = None) -> tuple[dict[str, str], list[Published]]:
    files: dict[str, str] = {}
    listing: list[Published] = []
    for rtype in ALL_TYPES:
        if getattr(rtype, "private", False) or rtype.name not in model.records:
            continue
        records = sorted(model.all(rtype.name), key=lambda r: r.id)
        if not records:  # nothing to publish (a table without columns is not a valid resource)
            continue
        json_path, csv_path = f"{FOLDER}/json/{rtype.url_dir}.json", f"{FOLDER}/csv/{rtype.url_dir}.csv"
        published = [public_data(r) for r in records]  # once per record: it is the slow part
        columns = _columns(rtype, published)
        if content and (types is None or rtype.name in types):
            put = sink or files.__setitem__
            put(json_path, json_lines(published))
            put(csv_path, to_csv(columns, ([_cell(data.get(c)) for c in columns] for data in published)))
        listing.append(Published(json_path, f"{rtype.plural} (JSON)", f"{plural(len(records), 'rekord', 'rekordy', 'rekordów')} rodzaju „{rtype.label}”, "
                                 f"pola jak w schemacie {rtype.schema}.", {
                                     "name": f"{rtype.url_dir}-json", "path": json_path.removeprefix(FOLDER + "/"), "type": "json",
                                     "format": "json", "mediatype": "application/json", "encoding": "utf-8",
                                     "title": f"{rtype.plural} (JSON)", "schema_url": f"schematy/{rtype.schema}"}))
        fields = [{"name": c, "type": "string"} for c in columns]
        listing.append(Published(csv_path, f"{rtype.plural} (CSV)", "te same rekordy w tabeli: listy i zbiory pól zapisane jako JSON "
                                 "w komórce.", {
                                     "name": rtype.url_dir, "path": csv_path.removeprefix(FOLDER + "/"), "type": "table", "format": "csv",
                                     "mediatype": "text/csv", "encoding": "utf-8", "title": f"{rtype.plural} (CSV)",
                                     "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}}))
    return files, listing


def _table_resource_schema(table_schema: dict[str, Any],
                           columns: tuple[str, ...] = ("teryt", "indicator", "year", "value", "note")) -> dict[str, Any]:
    """The table schema with the columns of one file, in its order, and references to the published records."""
    schema = {k: v for k, v in table_schema.items() if not k.startswith("$")}
    by_name = {f["name"]: f for f in schema["fields"]}
    schema["fields"] = [by_name[c] for c in columns]
    schema["foreignKeys"] = [
        {"fields": ["teryt"], "reference": {"resource": "samorzady", "fields": ["teryt"]}},
        {"fields": ["indicator"], "reference": {"resource": "wskazniki", "fields": ["id"]}},
    ]
    return schema


def _table_files(model: SiteModel, root: Path | None, table_schema: dict[str, Any]) -> tuple[dict[str, str | Path], list[Published]]:
    files: dict[str, str | Path] = {}
    listing: list[Published] = []
    layer = indicator_site(model)
    example = layer.example
    for table in sorted(model.tables, key=lambda t: t.id):
        path = f"{FOLDER}/wskazniki/{table.id}.csv"
        if root is not None:
            files[path] = safe_copy(root / table.path)
        names = sorted(set(table.indicator))
        flagged = [n for n in names if n in example]
        listing.append(Published(path, f"Tabela wskaźników {table.id}", f"{plural(len(table), 'wartość', 'wartości', 'wartości')} ({', '.join(names)}); kopia pliku "
                                 f"{table.path}" + ("; dane przykładowe" if flagged else "") + ".", {
                                     "name": f"tabela-{table.id}", "path": path.removeprefix(FOLDER + "/"), "type": "table",
                                     "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                                     "title": f"Tabela wskaźników {table.id}" + (" (dane przykładowe)" if flagged else ""),
                                     "schema": _table_resource_schema(table_schema, table.columns)}))
    derived = layer.derived
    composites = {r.id for r in model.all("indicator") if r.get("components")}
    if derived is not None and composites:
        rows = derived.values[derived.values["indicator"].isin(composites)].sort_values(["indicator", "year", "teryt"])
        if not rows.empty:
            path = f"{FOLDER}/wskazniki/indeksy-zlozone.csv"
            files[path] = to_csv(["teryt", "indicator", "year", "value", "note"],
                                 ([r.teryt, r.indicator, r.year, plain(r.value), "dane przykładowe" if r.indicator in example else "wyliczone ze składowych"]
                                  for r in rows.itertuples(index=False)))
            listing.append(Published(path, "Indeksy złożone", "wartości indeksów wyliczone przy budowaniu ze składowych.", {
                "name": "indeksy-zlozone", "path": path.removeprefix(FOLDER + "/"), "type": "table", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "title": "Indeksy złożone", "schema": _table_resource_schema(table_schema)}))
    return files, listing


def _schema_files(schemas: PublishedSchemas) -> tuple[dict[str, str | Path], list[Published]]:
    """The schemas the records were checked with (a content root's own schema/ or the packaged ones), copied as they are."""
    files: dict[str, str | Path] = {}
    listing = []
    for schema in schemas.files:
        path = f"{FOLDER}/schematy/{schema.name}"
        files[path] = schema.path
        listing.append(Published(path, f"Schemat: {schema.title}", "schemat JSON (draft 2020-12)" if schema.name.endswith(".schema.json")
                                 else "schemat tabeli (Frictionless Table Schema)", None))
    return files, listing


def json_lines(items: list[dict[str, Any]]) -> str:
    """A JSON array with one record per line: readable, friendly to diff, and written by the C encoder
    (an indented dump goes through the pure-Python one: 2 s for 10,000 practices)."""
    lines = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items)
    return f"[\n{lines}\n]\n" if items else "[]\n"


def plan_opendata(model: SiteModel, schemas: PublishedSchemas, root: Path | None = None, content: bool = True,
                  types: set[str] | None = None, sink: Sink | None = None) -> tuple[dict[str, str | Path], list[Published]]:
    """The files under dane/ (with root: table copies included) and what each one is; `schemas`: the schemas to
    publish (generator.content.schemafiles.schemas_of); content=False: only the listing;
    `types`: the record files of these types only (a preview after an edit of practices); `sink`: called with each
    record file as soon as it is made, instead of returning it (the largest files are never all in memory)."""
    records, listing = _record_files(model, content, types, sink)
    rest, rest_listing = _other_files(model, root, schemas)
    listing = listing + rest_listing
    files: dict[str, str | Path] = {**records, **rest}
    if content:
        files[f"{FOLDER}/datapackage.json"] = datapackage(listing)
        files.update(harvest_files(model, listing))
    return dict(sorted(files.items())), listing


def _other_files(model: SiteModel, root: Path | None, schemas: PublishedSchemas) -> tuple[dict[str, str | Path], list[Published]]:
    """Table copies and schemas, after the record files."""
    tables, table_listing = _table_files(model, root, schemas.table)
    copies, schema_listing = _schema_files(schemas)
    reused, reuse_listing = _reuse_files(model)
    return {**tables, **reused, **copies}, table_listing + reuse_listing + schema_listing


def _reuse_files(model: SiteModel) -> tuple[dict[str, str], list[Published]]:
    """The reuse table (generator/render/reusedata.py): one row per adoption, even when there is none."""
    count = len(reuse_index(model).adoptions)
    return reusedata.reuse_files(model), [
        Published(reusedata.CSV_PATH, "Przeniesienia praktyk (CSV)", f"{plural(count, 'przeniesienie', 'przeniesienia', 'przeniesień')} "
                  "praktyki do innego samorządu (pole adapted_from): praktyka wzorcowa, praktyka przejmująca, samorząd i rok.",
                  reusedata.reuse_resource()),
        Published(reusedata.SCHEMA_PATH, "Schemat: Przeniesienia praktyk", "schemat tabeli przeniesień (Frictionless Table Schema)", None)]


def record_opendata(model: SiteModel, sink: Sink) -> list[Published]:
    """The record files of every type handed to `sink` one by one; their listing (see finish_opendata)."""
    return _record_files(model, True, None, sink)[1]


def finish_opendata(model: SiteModel, root: Path | None, record_listing: list[Published],
                    schemas: PublishedSchemas) -> dict[str, str | Path]:
    """The rest of plan_opendata's files, after record_opendata: table copies, schemas, datapackage.json."""
    rest, rest_listing = _other_files(model, root, schemas)
    listing = record_listing + rest_listing
    return {**rest, f"{FOLDER}/datapackage.json": datapackage(listing), **harvest_files(model, listing)}


def harvest_files(model: SiteModel, listing: list[Published]) -> dict[str, str]:
    """The DCAT-AP metadata of the same files (generator/render/dcat.py), for harvesters such as dane.gov.pl."""
    from generator.content.settings import Publisher

    return dcat_files(listing, model.publisher or Publisher(), dataset_years(model))


def datapackage(listing: list[Published]) -> str:
    """The data package descriptor, checked against the Frictionless specification (generator/check/descriptor.py)."""
    resources = []
    for item in listing:
        if item.resource is None:
            continue
        resource = {k: v for k, v in item.resource.items() if k != "schema_url"}
        resources.append(resource)
    descriptor = {
        "name": NAME, "title": "Baza Dobrych Praktyk samorządu terytorialnego — dane otwarte",
        "description": "Rekordy bazy (praktyki, samorządy, organizacje, projekty, źródła, słowniczek, konkursy, procedury, wskaźniki) "
                       "oraz tabele wartości wskaźników. Wartości wskaźników z definicją example_data: true to dane przykładowe.",
        "licenses": datapackage_licences(),
        "resources": resources,
    }
    errors = descriptor_problems(descriptor)
    if errors:
        raise ValueError("datapackage.json: " + "; ".join(errors))
    return json.dumps(descriptor, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
