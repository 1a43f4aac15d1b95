"""The tool people would pick instead: stock Material for MkDocs on the same number of pages.

The pages are the practice pages this project generated for the same corpus (front matter removed),
repeated until there are as many as the project's site has, all kept out of the navigation
(`not_in_nav`, the only way stock Material stays linear at 10,000 pages), with Material's search
plugin on, as a stock site would have it.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from generator.perf.measure import Run, checked, run

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
CONFIG = """site_name: Stock Material
theme:
  name: material
  language: pl
plugins:
  - search
markdown_extensions: [tables, attr_list, def_list, admonition, toc]
not_in_nav: |
  /strony/
"""


def write_project(work: Path, generated_docs: Path, pages: int) -> Path:
    """A stock MkDocs + Material project with `pages` pages; returns its folder."""
    project = work / "stock-material"
    if project.exists():
        shutil.rmtree(project)
    docs = project / "docs" / "strony"
    docs.mkdir(parents=True)
    sources = sorted((generated_docs / "praktyki").glob("*.md")) or sorted(generated_docs.rglob("*.md"))
    texts = [FRONT_MATTER.sub("", path.read_text(encoding="utf-8")) for path in sources]
    for number in range(max(pages - 1, 1)):
        (docs / f"strona-{number:06d}.md").write_text(texts[number % len(texts)], encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Strona główna\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return project


def build(project: Path) -> Run:
    """`mkdocs build` of the stock project, measured."""
    return checked(run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], cwd=project),
                   "Material (bez zmian)")
