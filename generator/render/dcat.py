"""DCAT-AP metadata of the open data (issue 15, item 6): the catalogue, one dataset per published
table (a record type with its JSON and CSV files, an indicator table) and one distribution per file,
as dane/dcat.jsonld and dane/dcat.ttl — what a harvester such as dane.gov.pl (DCAT-AP-PL, based on
DCAT-AP) reads. Pure: documents in, text out; rdflib turns the JSON-LD into Turtle without any request
(the context is inline). Every node is an IRI under the publisher's site_url, so the output has no
blank nodes and two builds give the same bytes."""
from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from generator.content.licences import CONTENT

EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}
LICENCE_IRI = "https://creativecommons.org/licenses/by/4.0/"  # the licence itself, not its Polish deed
FILES = ("dane/dcat.jsonld", "dane/dcat.ttl")

CONTEXT: dict[str, Any] = {
    "@language": "pl",
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "Catalog": "dcat:Catalog", "Dataset": "dcat:Dataset", "Distribution": "dcat:Distribution",
    "Agent": "foaf:Agent", "Kind": "vcard:Kind", "PeriodOfTime": "dct:PeriodOfTime",
    "LicenseDocument": "dct:LicenseDocument", "Location": "dct:Location",
    "title": "dct:title", "description": "dct:description", "name": "foaf:name", "fn": "vcard:fn",
    "keyword": "dcat:keyword",
    "identifier": {"@id": "dct:identifier", "@language": None},
    **{term: {"@id": iri, "@type": "@id"} for term, iri in {
        "dataset": "dcat:dataset", "distribution": "dcat:distribution", "publisher": "dct:publisher",
        "license": "dct:license", "format": "dct:format", "mediaType": "dcat:mediaType",
        "accessURL": "dcat:accessURL", "downloadURL": "dcat:downloadURL", "landingPage": "dcat:landingPage",
        "homepage": "foaf:homepage", "language": "dct:language", "spatial": "dct:spatial", "temporal": "dct:temporal",
        "theme": "dcat:theme", "themeTaxonomy": "dcat:themeTaxonomy", "conformsTo": "dct:conformsTo",
        "contactPoint": "dcat:contactPoint", "hasEmail": "vcard:hasEmail", "hasURL": "vcard:hasURL"}.items()},
    "startDate": {"@id": "dcat:startDate", "@type": "xsd:gYear"},
    "endDate": {"@id": "dcat:endDate", "@type": "xsd:gYear"},
}


class Item(Protocol):
    """What is read of generator.render.opendata.Published (render/opendata.py imports this module)."""
    @property
    def path(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def resource(self) -> dict[str, Any] | None: ...


class Who(Protocol):
    """What is read of generator.content.settings.Publisher."""
    @property
    def name(self) -> str: ...
    @property
    def site_url(self) -> str: ...
    @property
    def contact_email(self) -> str: ...


def dataset_key(path: str) -> str:
    """The dataset a published file belongs to: dane/json/praktyki.json and dane/csv/praktyki.csv →
    praktyki; dane/wskazniki/t.csv → wskazniki/t."""
    inner = path.removeprefix("dane/")
    for folder in ("json/", "csv/"):
        inner = inner.removeprefix(folder)
    return posixpath.splitext(inner)[0]


def _anchor(key: str) -> str:
    return key.replace("/", "-")


def _distribution(item: Item, base: str, key: str) -> dict[str, Any]:
    resource = item.resource or {}
    fmt = str(resource.get("format", posixpath.splitext(item.path)[1].lstrip(".")))
    label, media = FILE_TYPES[fmt]
    node: dict[str, Any] = {
        "@id": f"{base}dane/dcat#dystrybucja-{_anchor(key)}-{fmt}", "@type": "Distribution",
        "title": item.title, "description": f"{item.title}: {item.description}", "format": f"{EU}file-type/{label}",
        "mediaType": f"https://www.iana.org/assignments/media-types/{media}", "license": LICENCE_IRI,
        "accessURL": f"{base}dane/index.html", "downloadURL": base + item.path,
    }
    if resource.get("schema_url"):
        node["conformsTo"] = f"{base}dane/{resource['schema_url']}"
    return node


def _dataset(key: str, items: list[Item], base: str, years: tuple[int, int] | None) -> dict[str, Any]:
    items = sorted(items, key=lambda item: (not item.path.endswith(".json"), item.path))  # JSON first: it says the most
    first = items[0]
    title = first.title.removesuffix(" (JSON)").removesuffix(" (CSV)")
    node: dict[str, Any] = {
        "@id": f"{base}dane/dcat#zbior-{_anchor(key)}", "@type": "Dataset", "identifier": key, "title": title,
        "description": f"{title}: {first.description}", "keyword": ["samorząd terytorialny", "dobre praktyki"],
        "publisher": f"{base}#wydawca", "contactPoint": f"{base}#kontakt", "landingPage": f"{base}dane/index.html",
        "language": f"{EU}language/POL", "spatial": f"{EU}country/POL", "theme": f"{EU}data-theme/GOVE",
        "distribution": [_distribution(item, base, key) for item in items],
    }
    if years:
        node["temporal"] = {"@id": f"{base}dane/dcat#okres-{_anchor(key)}", "@type": "PeriodOfTime",
                            "startDate": str(years[0]), "endDate": str(years[1])}
    return node


def catalogue(listing: Iterable[Item], publisher: Who, coverage: Mapping[str, tuple[int, int]]) -> dict[str, Any]:
    """The JSON-LD document: the catalogue, its datasets (sorted by key) and their distributions."""
    base = publisher.site_url.rstrip("/") + "/"
    groups: dict[str, list[Item]] = {}
    for item in listing:
        if item.resource is not None:  # schemas are described by the distributions that conform to them
            groups.setdefault(dataset_key(item.path), []).append(item)
    agent = {"@id": f"{base}#wydawca", "@type": "Agent", "name": publisher.name}
    contact = {"@id": f"{base}#kontakt", "@type": "Kind", "fn": publisher.name, "hasEmail": f"mailto:{publisher.contact_email}"}
    licence = {"@id": LICENCE_IRI, "@type": "LicenseDocument", "title": f"{CONTENT.title} ({CONTENT.short})"}
    catalog = {
        "@id": f"{base}dane/dcat#katalog", "@type": "Catalog", "title": "Baza Dobrych Praktyk samorządu terytorialnego — dane otwarte",
        "description": "Katalog danych otwartych Bazy Dobrych Praktyk: rekordy bazy (praktyki, samorządy, organizacje, projekty, "
                       "źródła, konkursy, procedury, wskaźniki) w formatach JSON i CSV oraz tabele wartości wskaźników.",
        "publisher": agent["@id"], "homepage": base, "language": f"{EU}language/POL", "license": LICENCE_IRI,
        "spatial": f"{EU}country/POL", "themeTaxonomy": f"{EU}data-theme",
        "dataset": [_dataset(key, groups[key], base, coverage.get(key)) for key in sorted(groups)],
    }
    return {"@context": CONTEXT, "@graph": [catalog, agent, contact, licence]}


def to_jsonld(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def to_turtle(document: dict[str, Any]) -> str:
    """The same graph in Turtle (rdflib; its serializer sorts subjects and predicates)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=json.dumps(document), format="json-ld")
    for prefix in ("dcat", "dct", "foaf", "vcard", "xsd"):
        graph.bind(prefix, CONTEXT[prefix], replace=True)
    return graph.serialize(format="turtle")


def dcat_files(listing: Iterable[Item], publisher: Who, coverage: Mapping[str, tuple[int, int]]) -> dict[str, str]:
    """dane/dcat.jsonld and dane/dcat.ttl."""
    document = catalogue(listing, publisher, coverage)
    return dict(zip(FILES, (to_jsonld(document), to_turtle(document)), strict=True))
