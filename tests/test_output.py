"""Writing the docs tree: exactly the given files, unchanged files untouched, stale files and folders gone."""
from __future__ import annotations

from pathlib import Path

from generator.site.output import write_tree


def test_write_tree_writes_only_changes_and_removes_stale_files(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    source = tmp_path / "plik.csv"
    source.write_text("a,b\n", encoding="utf-8")
    assert write_tree(target, {"a/x.md": "x", "a/b/y.md": "y", "z.csv": source}) == (3, 0)
    assert (target / "z.csv").read_text(encoding="utf-8") == "a,b\n"
    kept = (target / "a" / "x.md").stat().st_mtime_ns
    assert write_tree(target, {"a/x.md": "x", "c/w.md": "ź", "z.csv": source}) == (1, 1)
    assert (target / "a" / "x.md").stat().st_mtime_ns == kept  # unchanged: not rewritten
    assert not (target / "a" / "b").exists()  # the emptied folder is removed
    assert (target / "c" / "w.md").read_text(encoding="utf-8") == "ź"
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["a/x.md", "c/w.md", "z.csv"]
