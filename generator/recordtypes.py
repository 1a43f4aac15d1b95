"""The kinds of record in the database: where they live, their schema and their pages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordType:
    name: str
    folder: str
    schema: str
    label: str
    plural: str
    url_dir: str
    markdown: bool = False


PRACTICE = RecordType("practice", "practices", "practice.schema.json", "praktyka", "Praktyki", "praktyki", markdown=True)
JST = RecordType("jst", "registry/jst", "jst.schema.json", "samorząd", "Samorządy", "samorzady")
ORGANISATION = RecordType("organisation", "registry/organisations", "organisation.schema.json", "organizacja", "Organizacje", "organizacje")
PROJECT = RecordType("project", "registry/projects", "project.schema.json", "projekt", "Projekty i programy", "projekty")
SOURCE = RecordType("source", "registry/sources", "source.schema.json", "źródło", "Źródła", "zrodla")
GLOSSARY = RecordType("glossary", "registry/glossary", "glossary.schema.json", "hasło", "Słowniczek", "slowniczek")
CONTEST = RecordType("contest", "contests", "contest.schema.json", "edycja konkursu", "Konkursy", "konkursy")
PROCEDURE = RecordType("procedure", "procedures", "procedure.schema.json", "procedura", "Procedury", "procedury")
INDICATOR = RecordType("indicator", "indicators", "indicator.schema.json", "wskaźnik", "Wskaźniki", "wskazniki")

ALL_TYPES: tuple[RecordType, ...] = (
    PRACTICE, JST, ORGANISATION, PROJECT, SOURCE, GLOSSARY, CONTEST, PROCEDURE, INDICATOR,
)
BY_NAME = {t.name: t for t in ALL_TYPES}
