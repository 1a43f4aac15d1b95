"""Problems found in the content, and the three ways of printing them."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int | None
    pointer: str
    message: str
    rule: str
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.pointer, self.rule)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file, line and pointer; drop exact duplicates."""
    return sorted(set(problems), key=Problem.sort_key)


def format_text(problem: Problem) -> str:
    place = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    pointer = f" {problem.pointer}:" if problem.pointer else ""
    level = "" if problem.severity == "error" else " (ostrzeżenie)"
    return f"{place}:{pointer} {problem.message}{level} [{problem.rule}]"


def _escape_github(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command: an annotation on the file and line."""
    kind = "error" if problem.severity == "error" else "warning"
    props = [f"file={_escape_github(problem.path, prop=True)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
    props.append(f"title={_escape_github(problem.rule, prop=True)}")
    text = f"{problem.pointer}: {problem.message}" if problem.pointer else problem.message
    return f"::{kind} {','.join(props)}::{_escape_github(text)}"


def format_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if not problems:
        return f"Sprawdzono plików: {files}. Nie znaleziono problemów."
    return f"Sprawdzono plików: {files}. Błędy: {errors}, ostrzeżenia: {warnings}."
