"""Where the project's own files are: schemas, MkDocs configuration, template overrides."""
from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SCHEMA_DIR = PROJECT_DIR / "schema"
MKDOCS_CONFIG = PROJECT_DIR / "mkdocs.yml"
