"""Text nobody sees on the page: HTML comments in a practice body and control characters.

Both are dealt with when a record is read, so every output (page, search, open data JSON and CSV)
gets the same text:

- an HTML comment in the body is hidden on the page (and on GitHub) but would be published whole in
  the open data; it is removed from the body, with a warning;
- control characters (C0 except tab and line break, DEL, C1) have no place in a text: they make the
  HTML invalid and reach a terminal raw (ESC starts escape sequences). They are errors, reported
  with the character written as U+001B, never raw.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from generator.content.recordtypes import PRACTICE_TEMPLATE
from generator.content.yamlload import pointer_join
from generator.problems import Problem

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMES = {0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x0A: "LF", 0x09: "TAB"}
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPEN, _CLOSE = "<!--", "-->"
_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?)\s*:(?:\s|$)")


def escape(char: str) -> str:
    """A character as text that is safe in any message: U+001B (ESC)."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def visible(text: str) -> str:
    """Text for a message: every control character (line breaks too) written as [U+000A]."""
    return _SHOWN.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _message(where: str, char: str) -> str:
    return (f"{where} zawiera niedozwolony znak sterujący {escape(char)}, niewidoczny w edytorze; "
            "usuń go (np. wpisz tekst ponownie albo wklej go bez formatowania)")


def _strings(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every key and string value of parsed data."""
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            child = pointer_join(pointer, key)
            if isinstance(key, str):
                yield child, key
            yield from _strings(value, child)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, pointer_join(pointer, index))


def data_controls(data: Any, path: str, line_of: Any) -> list[Problem]:
    """Control characters in parsed values (written as YAML escapes such as "\\e"), one per field."""
    problems = []
    for pointer, text in _strings(data, ""):
        found = CONTROL.search(text)
        if found:
            field = pointer.lstrip("/") or "(nazwa pola)"
            problems.append(Problem(path, line_of(pointer), pointer, _message(f"pole „{visible(field)}”", found.group()), "text.control"))
    return problems


def source_controls(text: str, path: str, first_line: int, body_from: int | None = None) -> list[Problem]:
    """Control characters written directly in a file, one problem per line: in the YAML part the
    field is the key on that line or the nearest one above it; lines from body_from on are the body."""
    problems = []
    key = ""
    for number, line in enumerate(text.split("\n"), start=first_line):
        in_body = body_from is not None and number >= body_from
        match = _KEY.match(line) if not in_body else None
        if match:
            key = match.group(1)
        found = CONTROL.search(line)
        if found:
            where = "opis praktyki (treść pod nagłówkiem)" if in_body else (f"pole „{visible(key)}”" if key else "nagłówek YAML")
            problems.append(Problem(path, number, "" if in_body or not key else f"/{key}", _message(where, found.group()), "text.control"))
    return problems


def strip_comments(body: str) -> tuple[str, list[tuple[int, str]]]:
    """The body without HTML comments (outside fenced code blocks and code spans), each replaced by
    as many line breaks as it spanned so later lines keep their numbers; and the 0-based line of each
    comment with its text. An unclosed comment runs to the end, as it does on the page (CommonMark HTML block)."""
    out: list[str] = []
    found: list[tuple[int, str]] = []
    lines = body.split("\n")
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        marker = _FENCE.match(line)
        if fence or marker:
            if not fence:
                fence = marker.group(1)  # type: ignore[union-attr]
            elif marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            index += 1
            continue
        start = _comment_start(line)
        if start < 0:
            out.append(line)
            index += 1
            continue
        rest = "\n".join(lines[index:])
        end = rest.find(_CLOSE, start + len(_OPEN))
        stop = len(rest) if end < 0 else end + len(_CLOSE)
        found.append((index, rest[start:stop]))
        kept = rest[:start] + "\n" * rest[start:stop].count("\n") + rest[stop:]
        lines = lines[:index] + kept.split("\n")  # the same line again: it may hold a second comment
    return "\n".join(out), found


def _comment_start(line: str) -> int:
    """Where an HTML comment opens on a line, outside code spans; -1 if it does not."""
    index = 0
    while index < len(line):
        if line[index] == "`":
            ticks = len(line[index:]) - len(line[index:].lstrip("`"))
            close = line.find("`" * ticks, index + ticks)
            if close < 0:
                index += ticks
                continue
            index = close + ticks
            continue
        if line.startswith(_OPEN, index):
            return index
        index += 1
    return -1


@lru_cache(maxsize=1)
def template_comments() -> frozenset[str]:
    """The guidance comments of `bdp new`'s practice template: removed like any comment, without a
    warning (the empty-section warning already says the template is not filled in)."""
    return frozenset(text for _, text in strip_comments(PRACTICE_TEMPLATE)[1])


def body_comment_problems(path: str, body_line: int, comments: list[tuple[int, str]]) -> list[Problem]:
    lines = sorted({line for line, text in comments if text not in template_comments()})
    return [Problem(path, body_line + line, "", "opis zawiera komentarz HTML (<!-- … -->): na stronie jest niewidoczny, "
                    "a trafiłby do danych otwartych; usunięto go z opisu — jeśli to notatka, usuń ją z pliku",
                    "body.comment", "warning") for line in lines]
