"""The database as one download (issue #15): pobierz/ offers the site and the open data as zips with
size and SHA-256; two builds give byte-identical zips; the unzipped site works from disk, search
included; a failed archive step leaves the previous site."""
from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT

from generator.build import build
from generator.polish import format_size
from generator.site import downloads
from generator.site.offline import MANIFEST_FILE, WORKER_FILE

SITE_ZIP = "pobierz/baza-dobrych-praktyk.zip"
DATA_ZIP = "pobierz/dane-otwarte.zip"


def test_format_size_in_polish_units() -> None:
    assert format_size(950) == "950\u00a0B"
    assert format_size(4_210_000) == "4,2\u00a0MB"
    assert format_size(12_345) == "12,3\u00a0kB"
    assert format_size(2_500_000_000) == "2,5\u00a0GB"


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("second") / "site"
    report = build(PROJECT, site)
    assert report.ok, report.messages
    return site


def test_page_gives_size_and_sha256_of_both_archives(bundled_site: Path) -> None:
    page = (bundled_site / "pobierz/index.html").read_text(encoding="utf-8")
    assert "data-bdp-fill" not in page
    for name in (SITE_ZIP, DATA_ZIP):
        data = (bundled_site / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() in page
        assert format_size(len(data)).replace("\u00a0", " ") in page.replace("\u00a0", " ").replace("&nbsp;", " ")
        assert f'href="{name.split("/")[1]}"' in page


def test_two_builds_give_byte_identical_archives(bundled_site: Path, second_build: Path) -> None:
    for name in (SITE_ZIP, DATA_ZIP, "pobierz/index.html"):
        assert (bundled_site / name).read_bytes() == (second_build / name).read_bytes(), name


def test_archive_entries_are_sorted_with_fixed_times_and_permissions(bundled_site: Path) -> None:
    with zipfile.ZipFile(bundled_site / SITE_ZIP) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith("baza-dobrych-praktyk/") for n in names)
    assert {i.date_time for i in infos} == {infos[0].date_time} and infos[0].date_time[0] >= 1980
    assert {i.external_attr >> 16 for i in infos} == {0o100644} and {i.extra for i in infos} == {b""}
    built = {p.relative_to(bundled_site).as_posix() for p in bundled_site.rglob("*") if p.is_file()}
    # The service worker is added after the archives: a copy opened from disk registers none.
    assert {n.removeprefix("baza-dobrych-praktyk/") for n in names} == built - {SITE_ZIP, DATA_ZIP, WORKER_FILE, MANIFEST_FILE}
    with zipfile.ZipFile(bundled_site / DATA_ZIP) as archive:
        data_names = archive.namelist()
    assert data_names == sorted(f"dane/{p.relative_to(bundled_site / 'dane').as_posix()}"
                                for p in (bundled_site / "dane").rglob("*") if p.is_file())


def test_the_copy_inside_does_not_claim_its_own_sum(bundled_site: Path) -> None:
    with zipfile.ZipFile(bundled_site / SITE_ZIP) as archive:
        inside = archive.read("baza-dobrych-praktyk/pobierz/index.html").decode("utf-8")
    site_sum = hashlib.sha256((bundled_site / SITE_ZIP).read_bytes()).hexdigest()
    data_sum = hashlib.sha256((bundled_site / DATA_ZIP).read_bytes()).hexdigest()
    assert site_sum not in inside and data_sum in inside
    assert "archiwum nie może zawierać własnej sumy" in inside
    assert not re.search(r'href="[^"]*\.zip"', inside)  # the archives are not in the copy: no dead link


def test_unzipped_site_works_from_disk_with_search(bundled_site: Path, browser, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundled_site / SITE_ZIP) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / "baza-dobrych-praktyk"
    context = browser.new_context()
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
    page = context.new_page()
    page.goto((root / "index.html").as_uri())
    assert page.title().startswith("Baza Dobrych Praktyk")
    page.goto((root / "szukaj/index.html").as_uri() + "?q=plock")
    page.wait_for_selector("#bdp-search[data-state=ready][data-body=ready]", timeout=30_000)
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")
    assert any(h.endswith("/praktyki/plocki-model-wspolpracy.html") for h in hrefs), hrefs
    page.goto((root / "mapa/index.html").as_uri())
    assert page.locator(".bdp-map svg a").count() == 16
    context.close()
    assert outside == []


def test_every_footer_links_to_the_download_page(bundled_site: Path) -> None:
    for page in (bundled_site / "index.html", bundled_site / "mapa/wojewodztwa/slaskie.html", bundled_site / "dane/index.html"):
        assert re.search(r'href="(\.\./)*pobierz/index\.html">pobranej kopii</a>', page.read_text(encoding="utf-8")), page


def test_a_failed_archive_step_keeps_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "root"
    shutil.copytree(PROJECT / "demo", root)
    site = tmp_path / "site"
    assert build(root, site).ok
    before = (site / SITE_ZIP).read_bytes()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(site))

    monkeypatch.setattr(downloads, "pack", full_disk)
    report = build(root, site, force=True)  # the same content: only --force builds again
    assert not report.ok
    assert any("Archiwa do pobrania: nie udało się zapisać" in m for m in report.messages), report.messages
    assert (site / SITE_ZIP).read_bytes() == before
    assert not list(tmp_path.glob(".bdp-staging-*"))


def test_page_without_fill_ins_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pobierz").mkdir()
    (tmp_path / "pobierz/index.html").write_text("<p>bez pól</p>", encoding="utf-8")
    result = downloads.finish(tmp_path, 1_700_000_000)
    assert result.error.startswith("pobierz/index.html: brak pól do uzupełnienia: site-link")
    assert downloads.finish(tmp_path / "brak", 0).site is None  # no download page (the jury site): nothing
