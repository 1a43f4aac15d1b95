"""DCAT-AP harvest metadata (issue 15, item 6): dane/dcat.jsonld and dane/dcat.ttl validated with pyshacl
against tests/shapes/dcat-ap.ttl (written from the DCAT-AP 3.0 specification; see its header)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from generator.content.settings import Publisher
from generator.derive.dcat import record_years, span
from generator.render.dcat import LICENCE_IRI, catalogue, dataset_key, dcat_files, to_turtle

SHAPES = Path(__file__).parent / "shapes" / "dcat-ap.ttl"


@dataclass(frozen=True)
class Item:
    path: str
    title: str
    description: str
    resource: dict[str, Any] | None


LISTING = [
    Item("dane/json/praktyki.json", "Praktyki (JSON)", "2 rekordy rodzaju „praktyka”.",
         {"format": "json", "schema_url": "schematy/practice.schema.json"}),
    Item("dane/csv/praktyki.csv", "Praktyki (CSV)", "te same rekordy w tabeli.", {"format": "csv"}),
    Item("dane/wskazniki/bezrobocie.csv", "Tabela wskaźników bezrobocie", "12 wartości.", {"format": "csv"}),
    Item("dane/schematy/practice.schema.json", "Schemat: praktyka", "schemat JSON", None),
]
COVERAGE = {"praktyki": (2011, 2019), "wskazniki/bezrobocie": (2015, 2023)}


def shacl(graph: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    return bool(conforms), str(text)


def violations(graph: Graph) -> set[tuple[str, str]]:
    """(focus node, path) of every violation."""
    _, results, _ = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    return {(str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultPath)))
            for r in results.subjects(RDF.type, SH.ValidationResult)}


def graph_of(files: dict[str, str]) -> Graph:
    return Graph().parse(data=files["dane/dcat.ttl"], format="turtle")


def test_dataset_key_groups_the_json_and_csv_of_one_table() -> None:
    assert dataset_key("dane/json/praktyki.json") == dataset_key("dane/csv/praktyki.csv") == "praktyki"
    assert dataset_key("dane/wskazniki/bezrobocie.csv") == "wskazniki/bezrobocie"


def test_temporal_coverage_from_period_years_and_year() -> None:
    assert record_years({"period": {"start": "2014-02", "end": "2015-05"}}) == [2014, 2015]
    assert record_years({"years": {"start": 2010, "end": 2014}, "year": 2012}) == [2012, 2010, 2014]
    assert record_years({"period": {"start": "brak"}, "year": True}) == []
    assert span([2015, 2011, 2013]) == (2011, 2015)
    assert span([]) is None


def test_metadata_conforms_and_both_files_hold_one_graph() -> None:
    files = dcat_files(LISTING, Publisher(), COVERAGE)
    ttl = graph_of(files)
    ok, text = shacl(ttl)
    assert ok, text
    assert isomorphic(ttl, Graph().parse(data=files["dane/dcat.jsonld"], format="json-ld"))
    datasets = set(ttl.subjects(DCAT.distribution, None))
    assert len(datasets) == 2  # praktyki (JSON + CSV) and the indicator table; the schema is no dataset
    assert len(set(ttl.subjects(DCTERMS.license, URIRef(LICENCE_IRI)))) == 4  # the catalogue and 3 distributions
    formats = {str(o) for o in ttl.objects(None, DCTERMS.format)}
    assert formats == {"http://publications.europa.eu/resource/authority/file-type/CSV",
                       "http://publications.europa.eu/resource/authority/file-type/JSON"}
    assert {str(o) for o in ttl.objects(None, DCAT.startDate)} == {"2011", "2015"}
    assert (None, DCTERMS.spatial, URIRef("http://publications.europa.eu/resource/authority/country/POL")) in ttl
    assert (None, DCTERMS.conformsTo, URIRef("https://bdp.example.org/dane/schematy/practice.schema.json")) in ttl


def test_publisher_comes_from_the_settings() -> None:
    publisher = Publisher(name="Urząd Testowy", site_url="https://dane.urzad.test/baza", contact_email="dane@urzad.test")
    ttl = graph_of(dcat_files(LISTING, publisher, COVERAGE))
    assert (URIRef("https://dane.urzad.test/baza/#wydawca"), None, Literal("Urząd Testowy", lang="pl")) in ttl
    assert (None, DCAT.downloadURL, URIRef("https://dane.urzad.test/baza/dane/csv/praktyki.csv")) in ttl
    assert (None, None, URIRef("mailto:dane@urzad.test")) in ttl


@pytest.mark.parametrize("broken", ["licence", "title", "accessURL", "format"])
def test_broken_metadata_fails_the_validation(broken: str) -> None:
    """The shapes can fail: a distribution without licence (or format, or access URL), a dataset without title."""
    ttl = graph_of(dcat_files(LISTING, Publisher(), COVERAGE))
    distribution = URIRef("https://bdp.example.org/dane/dcat#dystrybucja-praktyki-csv")
    removed = {"licence": (distribution, DCTERMS.license, None), "accessURL": (distribution, DCAT.accessURL, None),
               "format": (distribution, DCTERMS.format, None),
               "title": (URIRef("https://bdp.example.org/dane/dcat#zbior-praktyki"), DCTERMS.title, None)}[broken]
    ttl.remove(removed)
    assert violations(ttl) == {(str(removed[0]), str(removed[1]))}


def test_output_is_deterministic_and_has_no_blank_nodes() -> None:
    first, second = dcat_files(LISTING, Publisher(), COVERAGE), dcat_files(list(reversed(LISTING)), Publisher(), COVERAGE)
    assert first == second
    assert "_:" not in first["dane/dcat.ttl"]
    assert json.loads(first["dane/dcat.jsonld"])["@context"]["@language"] == "pl"  # inline context: no request to parse it


def test_turtle_of_an_empty_catalogue_is_still_valid_rdf() -> None:
    text = to_turtle(catalogue([], Publisher(), {}))
    assert "dcat:Catalog" in text
    ok, report = shacl(Graph().parse(data=text, format="turtle"))
    assert not ok and "dataset" in report  # a catalogue must list at least one dataset


def test_bundled_site_publishes_valid_metadata_linked_from_dane(bundled_site: Path) -> None:
    ttl = Graph().parse(bundled_site / "dane" / "dcat.ttl")
    ok, text = shacl(ttl)
    assert ok, text
    assert isomorphic(ttl, Graph().parse(bundled_site / "dane" / "dcat.jsonld", format="json-ld"))
    datapackage = json.loads((bundled_site / "dane" / "datapackage.json").read_text(encoding="utf-8"))
    downloads = {str(o).removeprefix("https://bdp.example.org/dane/") for o in ttl.objects(None, DCAT.downloadURL)}
    assert downloads == {r["path"] for r in datapackage["resources"]}  # every published table, nothing else
    page = (bundled_site / "dane" / "index.html").read_text(encoding="utf-8")
    assert 'href="dcat.jsonld"' in page and 'href="dcat.ttl"' in page
