"""The archives of pobierz/ (issue #15), made in a build's staging folder after MkDocs, before the
swap (generator/build.py render_and_swap), so they are never seen half-written: a failed build
discards the staging folder with them.

Reproducible: entries in path order, every timestamp the build's epoch (SOURCE_DATE_EPOCH or the
content's newest date), fixed permissions, no directory entries and no extra fields, one
compression level; deflated on every core, the open data once for both archives
(generator/site/zipwriter.py). The site archive cannot hold its own SHA-256: the download page inside it
gives the open-data archive's size and sum and sends the reader to the published site for the
site archive's; the published page gives both.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.polish import format_size
from generator.render.pages.downloads import DATA_ZIP, FILL_KEYS, FOLDER, SITE_ZIP
from generator.site import zipwriter

PAGE_HTML = f"{FOLDER}/index.html"
SITE_FOLDER = "baza-dobrych-praktyk"  # the folder the site archive unpacks into
DATA_FOLDER = "dane"
ZIP_EPOCH_MIN = 315532800  # 1980-01-01: the earliest date a zip entry can carry
_FILL = re.compile(r'<span data-bdp-fill="([a-z0-9-]+)">[^<]*</span>')


@dataclass(frozen=True)
class Archive:
    name: str
    files: int
    size: int
    sha256: str
    seconds: float


@dataclass(frozen=True)
class Downloads:
    site: Archive | None = None
    data: Archive | None = None
    error: str = ""

    @property
    def seconds(self) -> float:
        return sum(a.seconds for a in (self.site, self.data) if a is not None)


def site_files(site: Path) -> list[str]:
    """Every file of the built site except the archives themselves, as sorted relative paths."""
    own = {f"{FOLDER}/{SITE_ZIP}", f"{FOLDER}/{DATA_ZIP}"}
    found: list[str] = []
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        base = Path(folder).relative_to(site).as_posix()
        found += [name if base == "." else f"{base}/{name}" for name in names]
    return sorted(path for path in found if path not in own)


def pack(site: Path, paths: list[str], prefix: str, target: Path, epoch: int,
         known: dict[str, zipwriter.Deflated] | None = None, keep: bool = False) -> tuple[Archive, dict[str, zipwriter.Deflated]]:
    """Write the files (relative to site) into a zip at target, each under prefix/ (none when
    prefix is empty), reproducibly; deflated on every core, reusing the entries in `known` (by
    path). Returns the archive and, with `keep`, its deflated entries by path (else none: the
    site archive's would hold it all in memory)."""
    started = time.perf_counter()
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    known = known or {}
    names = {path: f"{prefix}/{path}" if prefix else path for path in paths}
    made: dict[str, zipwriter.Deflated] = {}

    def source(path: str) -> zipwriter.Deflated:
        return known.get(path) or zipwriter.deflate((site / path).read_bytes())

    def entries() -> Iterator[tuple[str, zipwriter.Deflated]]:
        sources = ((path, functools.partial(source, path)) for path in paths)
        for path, entry in zipwriter.deflated_in_order(sources):
            if keep:
                made[path] = entry
            yield names[path], entry

    try:
        count = zipwriter.write(target, entries(), stamp)
    except OverflowError:  # ZIP64 needed: zipfile writes it, one thread
        count = zipwriter.write_with_zipfile(target, ((names[p], (site / p).read_bytes) for p in paths), stamp)
        made = {}
    with target.open("rb") as written:
        digest = hashlib.file_digest(written, "sha256").hexdigest()
    return Archive(target.name, count, target.stat().st_size, digest, time.perf_counter() - started), made


def _link(name: str) -> str:
    return f'<a href="{name}" download>{name}</a>'


def filled(page: str, data: Archive, site: Archive | None) -> str:
    """The download page with its spans filled in; `site` None: the copy inside the site archive."""
    values = {
        "data-link": _link(data.name), "data-size": format_size(data.size), "data-sha256": f"<code>{data.sha256}</code>",
    }
    if site is None:
        values["data-link"] = f"{data.name} (na opublikowanej stronie; w tej kopii te same pliki są w folderze dane)"
        values.update({"site-link": f"{SITE_ZIP} (na opublikowanej stronie; ta kopia to jego zawartość)",
                       "site-size": "podany na opublikowanej stronie",
                       "site-sha256": "podana na opublikowanej stronie (archiwum nie może zawierać własnej sumy)"})
    else:
        values.update({"site-link": _link(site.name), "site-size": format_size(site.size),
                       "site-sha256": f"<code>{site.sha256}</code>"})
    return _FILL.sub(lambda m: values.get(m.group(1), m.group(0)), page)


def finish(site: Path, epoch: int) -> Downloads:
    """Make both archives in a built (staging) site and fill in its download page; nothing when the
    site has no download page (the jury site)."""
    page_path = site / PAGE_HTML
    if not page_path.is_file():
        return Downloads()
    page = page_path.read_text(encoding="utf-8")
    missing = [key for key in FILL_KEYS if f'data-bdp-fill="{key}"' not in page]
    if missing:
        return Downloads(error=f"{PAGE_HTML}: brak pól do uzupełnienia: {', '.join(missing)}")
    try:
        data_paths = [p for p in site_files(site) if p.startswith(f"{DATA_FOLDER}/")]
        data, deflated = pack(site, data_paths, "", site / FOLDER / DATA_ZIP, epoch, keep=True)
        page_path.write_text(filled(page, data, None), encoding="utf-8")
        whole, _ = pack(site, site_files(site), SITE_FOLDER, site / FOLDER / SITE_ZIP, epoch, known=deflated)
        page_path.write_text(filled(page, data, whole), encoding="utf-8")
    except OSError as exc:
        return Downloads(error=f"nie udało się zapisać archiwów do pobrania ({exc.strerror or exc}: {exc.filename or site})")
    return Downloads(whole, data)
