"""A record as read from its file: data, lines, and for practices the Markdown body."""
from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, ValuesView
from dataclasses import dataclass, field
from typing import Any

from generator.content.recordtypes import BY_NAME, RecordType


class _Source:
    """A document read by the fast path; the slow, line-keeping reading happens only if asked for."""

    def __init__(self, text: str, offset: int, path: str) -> None:
        self.text, self.offset, self.path = text, offset, path
        self.lines: dict[str, int] | None = None
        self.plain: dict[str, str] = {}

    def load(self) -> None:
        if self.lines is None:
            from generator.content.yamlload import parse_yaml

            parsed, _ = parse_yaml(self.text, self.path, self.offset)
            self.lines = parsed.lines if parsed else {}
            self.plain = parsed.plain_scalars if parsed else {}


class LazyIndex(dict[str, Any]):
    """Lines or raw scalars of a record, computed on first use (most records never need them)."""

    def __init__(self, source: _Source, which: str) -> None:
        super().__init__()
        self._source, self._which, self._ready = source, which, False

    def _fill(self) -> None:
        if not self._ready:
            self._ready = True
            self._source.load()
            self.update((self._source.lines or {}) if self._which == "lines" else self._source.plain)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key: Any) -> Any:
        self._fill()
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._fill()
        return super().get(key, default)

    def values(self) -> ValuesView[Any]:  # type: ignore[override]
        self._fill()
        return super().values()

    def items(self) -> ItemsView[str, Any]:  # type: ignore[override]
        self._fill()
        return super().items()

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        self._fill()
        return super().keys()

    def __iter__(self) -> Iterator[Any]:
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __bool__(self) -> bool:
        return len(self) > 0

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its source (for worker processes), without computing the lines."""
        return (LazyIndex, (self._source, self._which))


def lazy_indexes(text: str, offset: int, path: str) -> tuple[LazyIndex, LazyIndex]:
    source = _Source(text, offset, path)
    return LazyIndex(source, "lines"), LazyIndex(source, "plain")


@dataclass
class Record:
    type: RecordType
    id: str
    path: str
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    plain_scalars: dict[str, str] = field(default_factory=dict)
    body: str = ""
    attachments: tuple[str, ...] = ()
    body_line: int = 0  # file line of the body's first line (practices)
    links: tuple[str, ...] = ()  # symbolic links and special files in a practice folder: never published

    def line(self, pointer: str) -> int | None:
        """The line of a pointer, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.lines:
                return self.lines[pointer]
            if not pointer:
                return min(self.lines.values()) if self.lines else 1
            pointer = pointer.rsplit("/", 1)[0]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def folder_based(self) -> bool:
        return self.path.endswith("/index.md")


def record_state(record: Record) -> tuple[Any, ...]:
    """The record as plain data (for generator.content.recordcache): lines not yet computed stay so,
    kept as the YAML text they would be computed from."""
    index = record.lines
    if isinstance(index, LazyIndex) and isinstance(record.plain_scalars, LazyIndex) and index._source is record.plain_scalars._source:
        source = index._source
        indexes: tuple[Any, ...] = ("lazy", source.text, source.offset)
    else:
        indexes = ("read", dict(record.lines), dict(record.plain_scalars))
    return (record.type.name, record.id, record.path, record.data, indexes, record.body, record.attachments, record.body_line,
            record.links)


def record_from_state(state: tuple[Any, ...]) -> Record:
    """The record of record_state(record); KeyError, ValueError or TypeError for anything else."""
    type_name, record_id, path, data, indexes, body, attachments, body_line, links = state
    if indexes[0] == "lazy":
        lines, plain = lazy_indexes(indexes[1], indexes[2], path)
    else:
        lines, plain = indexes[1], indexes[2]
    if not (isinstance(data, dict) and isinstance(lines, dict) and isinstance(plain, dict) and isinstance(body, str)
            and isinstance(body_line, int) and isinstance(attachments, tuple) and isinstance(links, tuple)):
        raise TypeError("not a record")
    return Record(BY_NAME[type_name], record_id, path, data, lines, plain, body, attachments, body_line, links)
