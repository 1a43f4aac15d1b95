"""Rules about what a content root may hold: example data only in a root declared a demo."""
from __future__ import annotations

from generator.content.records import Record
from generator.problems import Problem

EXAMPLE_SOURCE_KIND = "dane przykładowe"


def _example_field(record: Record) -> str | None:
    """The field that marks a record as example data, or None."""
    if record.type.name == "indicator" and record.get("example_data") is True:
        return "example_data"
    if record.get("example") is True:
        return "example"
    if record.type.name == "source" and record.get("kind") == EXAMPLE_SOURCE_KIND:
        return "kind"
    return None


def example_data_problems(records: list[Record], demo: bool) -> list[Problem]:
    """Example data (invented values, a fictional contest edition, a source of example data) in a
    root that bdp.yaml does not declare a demo: the public site would show it beside real councils."""
    if demo:
        return []
    problems = []
    for record in records:
        field = _example_field(record)
        if field is None:
            continue
        problems.append(Problem(
            record.path, record.line(f"/{field}"), f"/{field}",
            "dane przykładowe (zmyślone) nie mogą trafić do publicznej treści bazy, gdzie stałyby obok prawdziwych "
            "samorządów; przenieś rekord do katalogu demonstracyjnego demo/ (z fikcyjnymi miejscami) albo zastąp go "
            "danymi ze źródłem", "content.example-data"))
    return problems
