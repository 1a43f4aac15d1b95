"""The archives' own zip writer (generator/site/zipwriter.py): the same bytes as zipfile, in any
number of threads; reused entries; the ZIP64 fallback; the open data deflated once for both archives."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator import parallel
from generator.site import downloads, zipwriter

STAMP = (2026, 3, 14, 15, 9, 26)
FILES = {
    "index.html": b"<!doctype html>" + b"<p>Strona g\xc5\x82\xc3\xb3wna</p>" * 400,
    "praktyki/żłobek.html": "Żłobek w gminie".encode() * 50,  # a non-ASCII name: the UTF-8 flag
    "dane/puste.csv": b"",
    "dane/tabela.csv": bytes(range(256)) * 300,  # hardly compressible
    "assets/x.js": b"x" * 70_000,
}


def _tree(tmp_path: Path) -> Path:
    for name, content in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    return tmp_path


def _by_zipfile(site: Path, paths: list[str], target: Path) -> bytes:
    zipwriter.write_with_zipfile(target, ((f"p/{p}", (site / p).read_bytes) for p in paths), STAMP)
    return target.read_bytes()


@pytest.mark.parametrize("workers", [1, 2, 5])
def test_same_bytes_as_zipfile(tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: workers)
    site = _tree(tmp_path / "site")
    paths = sorted(FILES)
    expected = _by_zipfile(site, paths, tmp_path / "expected.zip")
    sources = ((p, lambda p=p: zipwriter.deflate((site / p).read_bytes())) for p in paths)
    ours = tmp_path / "ours.zip"
    count = zipwriter.write(ours, ((f"p/{n}", e) for n, e in zipwriter.deflated_in_order(sources)), STAMP)
    assert count == len(FILES)
    assert ours.read_bytes() == expected
    with zipfile.ZipFile(ours) as archive:
        assert archive.testzip() is None
        assert {i.filename: archive.read(i) for i in archive.infolist()} == {f"p/{n}": c for n, c in FILES.items()}
        assert {i.external_attr >> 16 for i in archive.infolist()} == {0o100644}


def test_order_is_kept_beyond_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipwriter, "WINDOW", 3)
    items = [(f"f{i:03}", lambda i=i: zipwriter.deflate(str(i).encode() * (500 - i))) for i in range(40)]
    assert [name for name, _ in zipwriter.deflated_in_order(items)] == [name for name, _ in items]


def test_archive_too_large_for_zip32_is_written_by_zipfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _tree(tmp_path / "site")
    paths = sorted(FILES)
    monkeypatch.setattr(zipwriter, "ENTRIES_32", 2)  # as if there were more than 65,535 entries
    archive, made = downloads.pack(site, paths, "p", tmp_path / "big.zip", 1_700_000_000)
    assert archive.files == len(FILES) and made == {}
    with zipfile.ZipFile(tmp_path / "big.zip") as written:
        assert written.testzip() is None and len(written.namelist()) == len(FILES)


def test_open_data_deflated_once_for_both_archives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _tree(tmp_path / "site")
    data_paths = sorted(p for p in FILES if p.startswith("dane/"))
    data, deflated = downloads.pack(site, data_paths, "", tmp_path / "dane.zip", 1_700_000_000, keep=True)
    assert sorted(deflated) == data_paths and data.files == 2
    calls: list[int] = []
    real = zipwriter.deflate

    def counted(content: bytes, level: int = zipwriter.LEVEL) -> zipwriter.Deflated:
        calls.append(len(content))
        return real(content, level)

    monkeypatch.setattr(zipwriter, "deflate", counted)
    whole, kept = downloads.pack(site, sorted(FILES), "p", tmp_path / "site.zip", 1_700_000_000, known=deflated)
    assert kept == {}  # the site archive's entries are not held in memory
    assert len(calls) == len(FILES) - len(data_paths)  # the open data was not deflated again
    with zipfile.ZipFile(tmp_path / "site.zip") as archive, zipfile.ZipFile(tmp_path / "dane.zip") as data_zip:
        assert archive.testzip() is None
        for path in data_paths:
            assert archive.read(f"p/{path}") == data_zip.read(path) == FILES[path]
    assert whole.files == len(FILES)
