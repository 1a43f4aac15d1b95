"""The practice list is split into pages, each with a pager, so no list page grows with the database."""
from __future__ import annotations

import re

from generator.build import reference_date
from generator.check.validate import validate_tree
from generator.derive.model import build_model
from generator.paths import PROJECT_DIR
from generator.render.pages.practice import index_path, render_practice_index


def test_practice_list_is_paged_and_every_practice_is_listed_once() -> None:
    validated = validate_tree(PROJECT_DIR, reference_date())
    model = build_model(validated.records, "", reference_date(), validated.tables)
    practices = model.all("practice")
    pages = render_practice_index(model, size=5)
    expected = -(-len(practices) // 5)
    assert list(pages) == [index_path(n) for n in range(1, expected + 1)]
    assert index_path(1) == "praktyki/index.md" and index_path(2) == "praktyki/spis/2.md"
    listed = [m for text in pages.values() for m in re.findall(r"^\| \*\*\[[^]]*\]\(([^)]+)\)", text, re.M)]
    assert sorted(x.rsplit("/", 1)[-1] for x in listed) == sorted(f"{p.id}.md" for p in practices)
    second = pages["praktyki/spis/2.md"]
    assert second.startswith(f"# Praktyki — strona 2 z {expected}")
    assert "](../index.md)" in second and "(ta strona)" in second  # pager back to page 1 from the sub-folder
    assert "](spis/2.md)" in pages["praktyki/index.md"]
    assert "Strony spisu" not in render_practice_index(model)["praktyki/index.md"]  # 17 practices: one page
