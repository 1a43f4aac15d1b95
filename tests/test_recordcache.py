"""The records kept on disk between runs (generator/content/recordcache.py): a run that takes them
gives exactly what a run that reads every file gives, and anything doubtful means reading again."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import INVALID, VALID, run_bdp

from generator.check.validate import Validated, validate_tree
from generator.content import recordcache, tablecache, tables, tree
from generator.content.records import Record

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def mixed_tree(tmp_path: Path) -> Path:
    """The valid fixture with most invalid cases laid over it: many problems, with lines, in many files."""
    root = tmp_path / "tree"
    shutil.copytree(VALID, root)
    for case in sorted(INVALID.iterdir()):
        if (case / "schema").exists() or not case.is_dir():
            continue
        for path in sorted(case.rglob("*")):
            if path.is_file() and not path.is_symlink():
                target = root / path.relative_to(case)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files and tables actually read (not taken from the cache), in this process."""
    seen: list[str] = []
    original, original_table = tree.read_record, tablecache.table_from_bytes

    def counting(*args: Any) -> Any:
        seen.append(args[2])
        return original(*args)

    def counting_table(raw: bytes, rel: str) -> Any:
        seen.append(rel)
        return original_table(raw, rel)

    monkeypatch.setattr(tree, "read_record", counting)
    monkeypatch.setattr(tablecache, "table_from_bytes", counting_table)
    monkeypatch.setattr(tables, "table_from_bytes", counting_table)
    return seen


def _record(record: Record) -> tuple[Any, ...]:
    pointers = sorted(dict(record.lines))
    return (record.type.name, record.id, record.path, record.data, {p: record.line(p) for p in pointers},
            dict(record.plain_scalars), record.body, record.attachments, record.body_line, record.links)


def _same(one: Validated, other: Validated) -> None:
    assert [_record(r) for r in one.records] == [_record(r) for r in other.records]
    assert one.problems == other.problems
    assert one.files == other.files
    assert [(t.id, t.path, t.columns, dict(t.frame.dtypes)) for t in one.tables] == \
           [(t.id, t.path, t.columns, dict(t.frame.dtypes)) for t in other.tables]
    assert all(t.frame.equals(o.frame) for t, o in zip(one.tables, other.tables, strict=True))


def _validate(root: Path, keep: bool = True) -> Validated:
    return validate_tree(root, TODAY, keep=keep)


def test_a_second_run_reads_nothing_and_gives_the_same_result(mixed_tree: Path, reads: list[str]) -> None:
    cold = _validate(mixed_tree, keep=False)
    assert not (mixed_tree / recordcache.FILE).exists()
    first = _validate(mixed_tree)
    assert (mixed_tree / recordcache.FILE).is_file()
    assert any(p.line is not None and p.rule.startswith("schema.") for p in cold.problems)
    reads.clear()
    warm = _validate(mixed_tree)
    assert reads == []
    _same(warm, cold)
    _same(first, cold)


def test_an_edited_file_is_read_again(mixed_tree: Path, reads: list[str]) -> None:
    _validate(mixed_tree)
    practice = mixed_tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace("sectors:", "sektory:\n  - x\nsectors:", 1), encoding="utf-8")
    reads.clear()
    warm = _validate(mixed_tree)
    assert reads == ["practices/praktyka-testowa.md"]
    _same(warm, _validate(mixed_tree, keep=False))
    assert any(p.path == "practices/praktyka-testowa.md" and p.pointer == "/sektory" for p in warm.problems)


def test_an_edited_table_is_read_again(mixed_tree: Path, reads: list[str]) -> None:
    cold = _validate(mixed_tree, keep=False)
    assert cold.tables and any(p.path.endswith(".csv") for p in cold.problems)
    _validate(mixed_tree)
    table = sorted((mixed_tree / tables.FOLDER).glob("*.csv"))[0]
    table.write_text(table.read_text(encoding="utf-8") + "1061011,wskaznik-testowy,2099,\n", encoding="utf-8")
    reads.clear()
    warm = _validate(mixed_tree)
    assert reads == [table.relative_to(mixed_tree).as_posix()]
    _same(warm, _validate(mixed_tree, keep=False))


def test_a_new_attachment_makes_its_practice_read_again(mixed_tree: Path, reads: list[str]) -> None:
    _validate(mixed_tree)
    (mixed_tree / "practices" / "przyklad-z-zalacznikiem" / "nowy.txt").write_text("tekst\n", encoding="utf-8")
    reads.clear()
    warm = _validate(mixed_tree)
    assert reads == ["practices/przyklad-z-zalacznikiem/index.md"]
    _same(warm, _validate(mixed_tree, keep=False))


def _damaged(raw: bytes) -> list[bytes]:
    middle = len(raw) // 2
    return [b"", raw[:10], raw[: len(raw) - 7], raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1:],
            b"\x80\x04\x95 not a cache at all", raw[:-1] + b"\x00\x00",
            raw.replace("Mieszkańcy".encode(), "Mieszkańca".encode(), 1)]  # still well-formed: only the digest tells


def test_a_damaged_or_foreign_cache_is_ignored(mixed_tree: Path, reads: list[str]) -> None:
    cold = _validate(mixed_tree, keep=False)
    every = sorted(reads)
    _validate(mixed_tree)
    file = mixed_tree / recordcache.FILE
    raw = file.read_bytes()
    assert "Mieszkańcy".encode() in raw
    tables_file = mixed_tree / tablecache.FILE
    tables_raw = tables_file.read_bytes()
    for damaged, damaged_tables in zip(_damaged(raw), _damaged(tables_raw), strict=True):
        file.write_bytes(damaged)
        tables_file.write_bytes(damaged_tables)
        reads.clear()
        _same(_validate(mixed_tree), cold)
        expected = [rel for rel in every if not rel.endswith(".csv") or damaged_tables != tables_raw]
        assert sorted(reads) == expected, "a damaged cache must not be used"
        assert file.read_bytes() == raw  # written again whole
        assert tables_file.read_bytes() == tables_raw


def test_a_whole_file_of_another_format_is_ignored(mixed_tree: Path, reads: list[str]) -> None:
    """A file that passes the digest (written by another release of the same key) but holds other data."""
    import hashlib
    import marshal

    cold = _validate(mixed_tree, keep=False)
    every = sorted(reads)
    _validate(mixed_tree)
    file = mixed_tree / recordcache.FILE
    raw = file.read_bytes()
    head = len(recordcache.MAGIC) + 20
    for payload in (marshal.dumps([("x",)]), marshal.dumps({"a": 1}), marshal.dumps([(1, 2, 3, 4, 5, 6)])):
        file.write_bytes(raw[:head] + hashlib.blake2b(payload, digest_size=32).digest() + payload)
        reads.clear()
        _same(_validate(mixed_tree), cold)
        assert sorted(reads) == [rel for rel in every if not rel.endswith(".csv")]  # the tables' cache is whole


def test_another_generator_version_or_schema_reads_everything_again(mixed_tree: Path, reads: list[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _validate(mixed_tree, keep=False)
    every = sorted(reads)
    _validate(mixed_tree)
    monkeypatch.setattr(recordcache, "_source_digest", lambda: b"another release of the generator")
    reads.clear()
    _same(_validate(mixed_tree), cold)
    assert sorted(reads) == every
    reads.clear()
    _validate(mixed_tree)
    assert reads == []
    monkeypatch.setattr(recordcache, "_versions", lambda: "PyYAML=0.0")
    reads.clear()
    _validate(mixed_tree)
    assert sorted(reads) == every


def test_a_changed_schema_reads_everything_again(valid_tree: Path, reads: list[str]) -> None:
    from generator.paths import SCHEMA_DIR

    shutil.copytree(SCHEMA_DIR, valid_tree / "schema")
    cold = _validate(valid_tree)
    every = sorted(reads)
    reads.clear()
    _validate(valid_tree)
    assert reads == []
    schema = valid_tree / "schema" / "practice.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reads.clear()
    _same(_validate(valid_tree), cold)
    assert sorted(reads) == [rel for rel in every if not rel.endswith(".csv")]  # tables: always the packaged table schema


def test_an_unwritable_cache_folder_is_no_error(valid_tree: Path) -> None:
    (valid_tree / "build").write_text("not a folder\n", encoding="utf-8")
    result = _validate(valid_tree)
    assert result.ok, result.problems
    assert not recordcache.save(valid_tree / recordcache.FILE, b"k" * 20, {})


def test_the_command_keeps_records_unless_told_not_to(valid_tree: Path) -> None:
    refused = run_bdp("--root", str(valid_tree), "validate", "--no-cache")
    assert refused.returncode == 0, refused.stdout + refused.stderr
    assert not (valid_tree / recordcache.FILE).exists()
    first = run_bdp("--root", str(valid_tree), "validate")
    assert (valid_tree / recordcache.FILE).is_file()
    second = run_bdp("--root", str(valid_tree), "validate")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout == refused.stdout
    assert not list((valid_tree / recordcache.FILE).parent.glob(".records-*"))  # no temporary file left


def test_the_jury_records_are_never_kept_in_the_public_root(tmp_path: Path) -> None:
    from conftest import FIXTURES, overlay

    root = overlay(VALID, FIXTURES / "contest", tmp_path / "tree")
    shutil.copytree(FIXTURES / "contest-jury", tmp_path / "jury")
    result = validate_tree(root, TODAY, jury_data=tmp_path / "jury", keep=True)
    assert any(r.type.private for r in result.records)
    assert not (root / recordcache.FILE).exists()
    _validate(root)
    assert b"konkurs-jury-testowy/" not in (root / recordcache.FILE).read_bytes()
