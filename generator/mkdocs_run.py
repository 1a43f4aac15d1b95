"""The thin seam to MkDocs: build a docs tree into a folder, strictly, with warnings collected."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from generator.paths import MKDOCS_CONFIG


@dataclass
class MkDocsResult:
    ok: bool
    warnings: list[str] = field(default_factory=list)
    error: str = ""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(docs_dir: Path, site_dir: Path, config_file: Path = MKDOCS_CONFIG) -> MkDocsResult:
    """Run a strict MkDocs build; any warning fails it. Nothing is raised to the caller."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        build(config)
        ok, error = not handler.messages, ""
    except MkDocsException as exc:
        ok, error = False, str(exc)
    except Exception as exc:  # noqa: BLE001 - a theme or plugin failure must not become a traceback
        ok, error = False, f"{type(exc).__name__}: {exc}"
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return MkDocsResult(ok, handler.messages, error)
