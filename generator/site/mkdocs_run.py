"""The thin seam to MkDocs: build a docs tree into a folder, strictly, with warnings collected."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.settings import Publisher
from generator.paths import HOOKS_FILE, MKDOCS_CONFIG, mkdocs_config, overrides_dir


@dataclass
class MkDocsResult:
    ok: bool
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    state: KeptSite | None = None  # build_site(..., keep=True): what rebuild_pages needs


@dataclass
class KeptSite:
    """A finished build's configuration, files, navigation and theme environment, kept by a preview
    so that it can build a few pages again without a new MkDocs run (see rebuild_pages)."""
    config: Any
    files: Any
    nav: Any
    env: Any


KEEP_VARIABLE = "BDP_KEEP_MKDOCS"
kept: dict[str, Any] = {}  # filled by generator/site/mkdocs_hooks.py's on_env when KEEP_VARIABLE is set


class WarningCollector(logging.Handler):
    """Keeps the text of every warning logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def config_overrides(config_file: Path, custom_dir: Path | None = None) -> dict[str, Any]:
    """What bdp sets on top of a MkDocs configuration file: its own hooks first (they convert and
    sanitise every page), then the hooks the file lists, resolved against the file's folder; and
    the theme's custom_dir when a content root's site_overrides/ replaces the packaged one."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        raw = yaml_load(stream) or {}
    listed = [(config_file.parent / str(hook)).resolve() for hook in raw.get("hooks") or []]
    overrides: dict[str, Any] = {"hooks": [str(HOOKS_FILE)] + [str(h) for h in listed if h != HOOKS_FILE]}
    if custom_dir is not None:
        theme = raw.get("theme") or {}
        overrides["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme}), "custom_dir": str(custom_dir.resolve())}
    return overrides


def build_site(docs_dir: Path, site_dir: Path, config_file: Path | None = None, epoch: int | None = None,
               dirty: bool = False, keep: bool = False, publisher: Publisher | None = None,
               root: Path | None = None) -> MkDocsResult:
    """Run a strict MkDocs build; any warning fails it. Nothing is raised to the caller.

    `epoch` becomes SOURCE_DATE_EPOCH for the duration of the build, so dates MkDocs stamps
    (sitemap) come from the content, not the clock. `publisher` (the root's bdp.yaml) sets
    site_url and is merged into extra.bdp, where the templates read it. Without `config_file`,
    the content `root`'s own mkdocs.yml and site_overrides/ win over the packaged ones
    (generator/paths.py).
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
    saved_keep = os.environ.get(KEEP_VARIABLE)
    kept.clear()
    if keep:
        os.environ[KEEP_VARIABLE] = "1"
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    if dirty:  # a preview rewrites a few pages: one process (see generator/site/mkdocs_hooks.py)
        os.environ["BDP_MKDOCS_WORKERS"] = "1"
    try:
        if config_file is None:
            config_file, custom_dir = (mkdocs_config(root), overrides_dir(root)) if root is not None else (MKDOCS_CONFIG, None)
        else:
            custom_dir = None
        overrides = config_overrides(config_file, custom_dir)
        if publisher and publisher.mkdocs_site_url():
            overrides["site_url"] = publisher.mkdocs_site_url()
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir.resolve()), site_dir=str(site_dir.resolve()), strict=not dirty,
                             **overrides)
        if publisher is not None:
            merge_extra(config["extra"], publisher.mkdocs_extra())
        build(config, dirty=dirty)
        if dirty:  # MkDocs warns that a dirty build is one; a preview knows
            handler.messages = [m for m in handler.messages if not m.startswith("A 'dirty' build")]
        ok, error = not handler.messages, ""
    except MkDocsException as exc:
        ok, error = False, str(exc)
    except Exception as exc:
        ok, error = False, f"{type(exc).__name__}: {exc}"
    finally:
        for name, saved in (("SOURCE_DATE_EPOCH", saved_epoch), ("BDP_MKDOCS_WORKERS", saved_workers), (KEEP_VARIABLE, saved_keep)):
            if saved is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = saved
        logger.removeHandler(handler)
        logger.setLevel(previous)
    state = KeptSite(**kept) if keep and ok and kept else None
    kept.clear()
    return MkDocsResult(ok, handler.messages, error, state)


def merge_extra(extra: Any, publisher: dict[str, Any]) -> None:
    """Publisher settings into the configuration's extra.bdp: nested sections are updated, not replaced."""
    bdp = extra.setdefault("bdp", {})
    for key, value in publisher.items():
        if isinstance(value, dict) and isinstance(bdp.get(key), dict):
            bdp[key] = {**bdp[key], **value}
        else:
            bdp[key] = value


def rebuild_pages(state: KeptSite, uris: list[str], added: list[str] = (), removed: list[str] = ()) -> MkDocsResult:  # type: ignore[assignment]
    """Read, convert and write these pages of a kept build again; `added` and `removed` are other
    files (charts, CSV) that the docs tree gained or lost and the caller copied or deleted.
    Anchors and links of the rebuilt pages are checked as in a full build."""
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import File

    config = state.config
    for uri in removed:
        if uri in state.files.src_uris:
            state.files.remove(state.files.src_uris[uri])
    for uri in added:
        if uri not in state.files.src_uris:
            state.files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))

    handler = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    error = ""
    try:
        doc_files = state.files.documentation_pages()
        pages = [state.files.src_uris[uri].page for uri in uris]
        for page in pages:
            _populate_page(page, state.config, state.files)
        for page in pages:
            _build_page(page, state.config, doc_files, state.nav, state.env)
        for page in pages:
            page.validate_anchor_links(files=state.files, log_level=logging.WARNING)
    except (MkDocsException, KeyError) as exc:
        error = str(exc)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return MkDocsResult(not handler.messages and not error, handler.messages, error)
