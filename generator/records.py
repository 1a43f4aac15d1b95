"""A record as read from its file: data, lines, and for practices the Markdown body."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.recordtypes import RecordType


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
