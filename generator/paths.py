"""Where bdp finds its schemas, MkDocs configuration and template overrides.

A source checkout (and an editable install) uses the repository's own schema/, site_overrides/
and mkdocs.yml. A wheel carries copies of them in generator/defaults/ (setup.py copies them at
build time), so an installed `bdp` works on any content root. A content root may override each
of them: its own mkdocs.yml, site_overrides/ or schema/ win over the packaged defaults
(mkdocs_config, overrides_dir, schema_dir).
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
BUNDLED_DIR = PACKAGE_DIR / "defaults"  # only in a built wheel
DEFAULTS_DIR = BUNDLED_DIR if (BUNDLED_DIR / "mkdocs.yml").is_file() else PROJECT_DIR
SCHEMA_DIR = DEFAULTS_DIR / "schema"
MKDOCS_CONFIG = DEFAULTS_DIR / "mkdocs.yml"


def mkdocs_config(root: Path) -> Path:
    """The root's own mkdocs.yml when it has one, else the packaged default."""
    own = root / "mkdocs.yml"
    return own if own.is_file() else MKDOCS_CONFIG


def overrides_dir(root: Path) -> Path | None:
    """Template overrides for the packaged configuration: the root's site_overrides/ when it has one.
    None: keep what the configuration says (a root's own mkdocs.yml sets custom_dir itself)."""
    if (root / "mkdocs.yml").is_file():
        return None
    own = root / "site_overrides"
    return own if own.is_dir() else None


def schema_dir(root: Path) -> Path:
    """The root's own schema/ when it has record schemas (*.schema.json), else the packaged ones. The
    root's folder replaces the packaged record schemas as a whole (missing_schemas lists what it lacks);
    the table schema of indicator tables is always the packaged one."""
    own = root / "schema"
    return own if any(own.glob("*.schema.json")) else SCHEMA_DIR


def missing_schemas(root: Path) -> list[str]:
    """Packaged record schemas that a root's own schema/ lacks (empty when it has none of its own)."""
    folder = schema_dir(root)
    if folder == SCHEMA_DIR:
        return []
    return sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json") if not (folder / p.name).is_file())
