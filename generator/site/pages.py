"""What bdp does around the site engine for every build, with no engine import: pages converted
(in worker processes for a big build), the theme's whitespace compacted, warnings collected, the
publisher's settings merged. The engine itself is generator/site/mkdocs_seam.py's."""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.render.markup import Rendered, render, resolve
from generator.render.sanitize import sanitize


class WarningCollector(logging.Handler):
    """Keeps the text of every warning logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Converted:
    """A page converted before the engine reads it (in a worker process for a big build): its final
    HTML, its front matter, and its links checked against the site's files there too."""
    rendered: Rendered
    meta: dict[str, Any]
    missing: list[tuple[str, str]] = field(default_factory=list)  # (link as written, the file it names)
    anchors: dict[str, dict[str, str]] = field(default_factory=dict)  # page uri → {anchor: link as written}


@dataclass
class KeptSite:
    """A finished build's configuration, files, navigation and theme environment, kept by a preview
    so that it can build a few pages again without a new MkDocs run (mkdocs_seam.rebuild_pages)."""
    config: Any
    files: Any
    nav: Any
    env: Any
    engine: str = "mkdocs"


@dataclass
class MkDocsResult:
    ok: bool
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    state: KeptSite | None = None  # build_site(..., keep=True): what rebuild_pages needs


# The site's files (uri → whether it is a page) while a big build converts its pages: set before the
# pool forks, so that the workers inherit it instead of receiving 10,000 names with every task.
SITE_FILES: dict[str, bool] = {}


def link_targets(page_uri: str, links: list[str], is_page: Callable[[str], bool | None]) -> tuple[
        list[tuple[str, str]], dict[str, dict[str, str]]]:
    """A page's relative links → (links to files the site lacks, {page: {anchor: link}} for the
    anchor check); `is_page(uri)`: None for a missing file, else whether it is a page."""
    missing: list[tuple[str, str]] = []
    anchors: dict[str, dict[str, str]] = {}
    for url in links:
        target, anchor = resolve(page_uri, url)
        found = is_page(target)
        if found is None:
            missing.append((url, target))
        elif anchor and found:
            anchors.setdefault(target, {})[anchor] = url
    return missing, anchors


def page_lookup(files: Any) -> Callable[[str], bool | None]:
    """`is_page` for link_targets from an engine's Files: None for a missing file, else whether it is a page."""
    def is_page(uri: str) -> bool | None:
        found = files.src_uris.get(uri)  # get_file_from_path would normalise with pathlib each time
        return None if found is None else bool(found.is_documentation_page())
    return is_page


def page_file(get_data: Any, item: tuple[str, str]) -> Converted:
    """One docs file (its uri and path) → its final HTML: converted, and sanitised unless its front
    matter says `bdp_trusted: true` (pages written only from escaped data); links checked against
    SITE_FILES. Runs in worker processes."""
    uri, path = item
    with open(path, encoding="utf-8-sig") as handle:
        text, meta = get_data(handle.read())
    rendered = render(text)
    if not meta.get("bdp_trusted"):
        rendered.html = sanitize(rendered.html)
    rendered.final = True
    return Converted(rendered, meta, *link_targets(uri, rendered.links, SITE_FILES.get))


_KEEP = re.compile(r"<(pre|textarea|script)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def compact(html: str) -> str:
    """A line break followed by indentation (4 KB of a practice page, from the theme's templates)
    becomes one line break, which the browser shows the same; <pre>, <textarea> and <script>
    blocks are kept exactly. 0.3 ms a page."""
    out, position = [], 0
    for block in _KEEP.finditer(html):
        out += [_INDENT.sub("\n", html[position:block.start()]), block.group(0)]
        position = block.end()
    out.append(_INDENT.sub("\n", html[position:]))
    return "".join(out)


@dataclass
class Attached:
    """A WarningCollector on the engine's logger (at WARNING) and SOURCE_DATE_EPOCH, for one run."""
    logger: logging.Logger
    epoch: int | None = None
    handler: WarningCollector = field(default_factory=WarningCollector)
    _level: int = 0
    _epoch: str | None = None

    def __enter__(self) -> WarningCollector:
        self._level, self._epoch = self.logger.level, os.environ.get("SOURCE_DATE_EPOCH")
        self.logger.addHandler(self.handler)
        self.logger.setLevel(logging.WARNING)
        if self.epoch is not None:  # MkDocs reads the sitemap's dates from it
            os.environ["SOURCE_DATE_EPOCH"] = str(self.epoch)
        return self.handler

    def __exit__(self, *_: object) -> None:
        if self._epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self._epoch
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self._level)


def merge_extra(extra: Any, publisher: dict[str, Any]) -> None:
    """Publisher settings into the configuration's extra.bdp: nested sections are updated, not replaced."""
    bdp = extra.setdefault("bdp", {})
    for key, value in publisher.items():
        if isinstance(value, dict) and isinstance(bdp.get(key), dict):
            bdp[key] = {**bdp[key], **value}
        else:
            bdp[key] = value
