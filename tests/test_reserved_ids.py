"""Record ids that are the names of the generator's own pages in the record's folder are refused."""
from __future__ import annotations

from pathlib import Path

from conftest import run_bdp

from generator.check.validate import validate_tree
from generator.content.recordtypes import RESERVED_IDS
from generator.derive.model import build_model
from generator.render.docs import collection_renderers, home_pages, reserved_names


def test_reserved_names_follow_the_generator_pages() -> None:
    reserved = reserved_names()
    assert "index" in reserved["practice"] and {"index", "archiwum"} <= reserved["contest"]
    model = build_model([])
    pages = set(home_pages(model)) | set(collection_renderers(model))
    assert "konkursy/archiwum.md" in pages and "praktyki/index.md" in pages
    assert "glossary" not in reserved  # glossary terms have no pages of their own
    assert reserved == RESERVED_IDS  # the check's written-out table follows the renderer


def test_practice_index_is_refused(valid_tree: Path) -> None:
    text = (valid_tree / "practices" / "praktyka-testowa.md").read_text(encoding="utf-8")
    (valid_tree / "practices" / "index.md").write_text(text.replace("id: praktyka-testowa", "id: index"), encoding="utf-8")
    result = run_bdp("--root", str(valid_tree), "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if "[id.reserved]" in line)
    assert line.startswith("practices/index.md:2: /id:") and "praktyki/index.html" in line
    assert not (valid_tree / "site").exists()


def test_contest_archiwum_is_refused(valid_tree: Path) -> None:
    contest = valid_tree / "contests" / "konkurs-testowy-2011.yaml"
    text = contest.read_text(encoding="utf-8")
    contest.unlink()
    (valid_tree / "contests" / "archiwum.yaml").write_text(text.replace("id: konkurs-testowy-2011", "id: archiwum"), encoding="utf-8")
    problems = [p for p in validate_tree(valid_tree).problems if p.rule == "id.reserved"]
    assert [(p.path, p.pointer) for p in problems] == [("contests/archiwum.yaml", "/id")]
    assert "konkursy/archiwum.html" in problems[0].message


def test_ordinary_ids_pass(valid_tree: Path) -> None:
    assert not [p for p in validate_tree(valid_tree).problems if p.rule == "id.reserved"]
