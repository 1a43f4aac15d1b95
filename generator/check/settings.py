"""The schema check of a content root's bdp.yaml and the publication build's placeholder check."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.check.schemas import _message, _pointer
from generator.content.schemas import validator_for
from generator.content.settings import (
    SCHEMA,
    SETTINGS_FILE,
    RootSettings,
    parse_settings,
    settings_from,
    settings_lines,
)
from generator.paths import schema_dir
from generator.problems import Problem


@dataclass
class _Where:
    """The lines and raw scalars of bdp.yaml, in the shape the schema messages read from a record."""
    lines: dict[str, int]
    plain_scalars: dict[str, str]

    def line(self, pointer: str) -> int:
        while pointer not in self.lines and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return self.lines.get(pointer, 1)


def read_settings(root: Path) -> tuple[RootSettings, list[Problem]]:
    """The settings of a content root and the problems of its bdp.yaml (parse and schema, with lines).
    A root without bdp.yaml is a public (non-demo) root with placeholder publisher settings; a
    bdp.yaml with problems gives the defaults, so nothing is built from a half-read file."""
    data, lines, plain_scalars, problems = parse_settings(root)
    if data is None:
        return RootSettings(), problems
    found = []
    where = _Where(lines, plain_scalars)
    for error in validator_for(SCHEMA, schema_dir(root)).iter_errors(data):
        message, rule, pointer = _message(error, where, _pointer(error.absolute_path))  # type: ignore[arg-type]
        found.append(Problem(SETTINGS_FILE, where.line(pointer), pointer, message, rule))
    if found:
        return RootSettings(), found
    return settings_from(data), []


def placeholder_problems(root: Path) -> list[Problem]:
    """For the publication build: every placeholder value as an error naming file, line and fix."""
    settings, problems = read_settings(root)
    if problems:
        return problems
    lines = settings_lines(root)
    found = []
    for pointer, value in settings.publisher.placeholders():
        line = lines.get(pointer)
        place = "" if line is not None else " (pole nie jest ustawione, więc obowiązuje wartość domyślna)"
        found.append(Problem(SETTINGS_FILE, line if line is not None else lines.get("/publisher", 1), pointer,
                             f"„{value}” to wartość przykładowa{place}; strona publikowana musi mieć prawdziwy adres "
                             "wydawcy — wpisz go w bdp.yaml, w sekcji publisher", "settings.placeholder"))
    return found
