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


class WarningCollector(logging.Handler):
    """Keeps the text of every warning logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(docs_dir: Path, site_dir: Path, config_file: Path = MKDOCS_CONFIG, epoch: int | None = None,
               dirty: bool = False) -> MkDocsResult:
    """Run a strict MkDocs build; any warning fails it. Nothing is raised to the caller.

    `epoch` becomes SOURCE_DATE_EPOCH for the duration of the build, so dates MkDocs stamps
    (sitemap) come from the content, not the clock.
    """
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    saved_workers = os.environ.get("BDP_MKDOCS_WORKERS")
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    if dirty:  # a preview rewrites a few pages: one process (see generator/mkdocs_hooks.py)
        os.environ["BDP_MKDOCS_WORKERS"] = "1"
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=not dirty)
        build(config, dirty=dirty)
        if dirty:  # MkDocs warns that a dirty build is one; a preview knows
            handler.messages = [m for m in handler.messages if not m.startswith("A 'dirty' build")]
        ok, error = not handler.messages, ""
    except MkDocsException as exc:
        ok, error = False, str(exc)
    except Exception as exc:  # noqa: BLE001 - a theme or plugin failure must not become a traceback
        ok, error = False, f"{type(exc).__name__}: {exc}"
    finally:
        for name, saved in (("SOURCE_DATE_EPOCH", saved_epoch), ("BDP_MKDOCS_WORKERS", saved_workers)):
            if saved is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = saved
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return MkDocsResult(ok, handler.messages, error)
