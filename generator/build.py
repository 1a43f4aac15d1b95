"""`bdp build`: validate, generate the docs tree, run MkDocs into a temporary folder, swap it in."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator import parallel
from generator.check.settings import placeholder_problems
from generator.check.validate import Validated, validate_tree
from generator.content.records import Record
from generator.content.schemafiles import schemas_of
from generator.content.settings import Publisher, load_settings
from generator.content.tree import Cache
from generator.derive.indicators import derive_for
from generator.derive.model import SiteModel, build_model
from generator.polish import plural
from generator.problems import Problem
from generator.progress import SILENT, Progress
from generator.render.charts import ChartRun, render_charts, with_narrow
from generator.render.docs import INDICATOR_LAYER, PLAIN, attachments, iter_docs, static_files
from generator.render.indicators import attach, plan_site
from generator.render.opendata import Published, finish_opendata, plan_opendata, record_opendata
from generator.render.search.index import SearchDoc
from generator.render.search.page import search_files, search_outputs
from generator.site import downloads, uptodate
from generator.site.buildlock import build_lock
from generator.site.mkdocs_seam import build_site
from generator.site.offline import add_offline
from generator.site.output import listing, new_staging, recover, remove_others, swap_in, write_files
from generator.site.trimcss import trim_site

T = TypeVar("T")


def indicator_files(model: SiteModel) -> tuple[dict[str, str | Path], ChartRun]:
    """The indicator layer, planned once for the pages that show it: the derived data (pandas)
    computed here and handed to the planner, which the pages then find (generator.render.indicators);
    returns the files the indicator pages need beside them: charts and CSV downloads (the open data
    under dane/ is generator.render.opendata's)."""
    site = attach(model, plan_site(model, derive_for(model)))
    run = render_charts(with_narrow(site.charts))
    return {**site.files, **run.files}, run


@dataclass
class BuildReport:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    records: int = 0
    epoch: int = 0
    generated: Generated | None = None  # kept for a preview (generate(..., keep=True))


@dataclass
class Generated:
    """What a preview keeps of a generation to update it after an edit (generator/preview/incremental.py)."""
    records: list[Record]
    model: SiteModel
    pages: dict[str, str]
    files: dict[str, str | Path]
    search: list[SearchDoc]


def reference_date() -> dt.date:
    """The day staleness is measured from: SOURCE_DATE_EPOCH when the caller set it, else today in
    UTC (not the local day: the editors' page shows it, and a build must not depend on TZ)."""
    epoch = os.environ.get("BDP_TODAY_EPOCH") or os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.datetime.now(dt.UTC).date()


def content_epoch(records: list[Record]) -> int:
    """A build date taken from the content (newest last_verified), so two builds are identical."""
    dates = [r.get("last_verified") for r in records if isinstance(r.get("last_verified"), str)]
    newest = max(dates, default="2026-01-01")
    return int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())


def validate_step(root: Path, cache: Cache | None = None, jury_data: Path | None = None,
                  keep: bool = False) -> tuple[Validated, BuildReport]:
    """The first step of every build (public, jury, preview): validate and start the report; `keep`:
    with the records kept on disk from the last run (generator/content/recordcache.py)."""
    started = time.perf_counter()
    validated = validate_tree(root, reference_date(), cache=cache, jury_data=jury_data, keep=keep)
    report = BuildReport(ok=validated.ok, problems=validated.problems, records=len(validated.records))
    report.epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or content_epoch(validated.records))
    report.timings["validate"] = time.perf_counter() - started
    return validated, report


def beside(model: SiteModel, work: Callable[[SiteModel], T], records: int) -> Callable[[], T]:
    """work(model) in a forked process for a tree of parallel.BESIDE_FROM_RECORDS records or more."""
    return parallel.beside(functools.partial(work, model), records >= parallel.BESIDE_FROM_RECORDS)


def write_exports(model: SiteModel, docs_dir: Path, existing: set[str]) -> tuple[int, set[str], list[Published]]:
    """The search files and the open data record files, each written as soon as it is made;
    (written, paths, the listing finish_opendata needs). Neither needs the indicator layer."""
    written, paths = write_files(docs_dir, search_files(model), existing)

    def sink(path: str, content: str) -> None:
        nonlocal written
        written += write_files(docs_dir, {path: content}, existing)[0]
        paths.add(path)

    return written, paths, record_opendata(model, sink)


def generate(root: Path, docs_dir: Path, cache: Cache | None = None, keep: bool = False,
             progress: Progress = SILENT, keep_records: bool = False) -> BuildReport:
    """Validate and write the docs tree; no MkDocs. A preview passes a cache of the records it has
    read and keeps what was generated (report.generated); it renders in this process.

    A build uses both cores: one forked worker makes the search index and the open data record
    files, a second renders the pages that do not need the indicator layer (most practice pages,
    organisations, sectors…), while this process plans the indicator layer and renders the pages
    that show it (local governments, indicators, procedures). Every page is written as soon as it
    is rendered, so the pages of a national tree are never all in memory at once.
    """
    progress.start("Sprawdzanie rekordów")
    validated, report = validate_step(root, cache, keep=keep_records)
    progress.finish(plural(validated.files, "plik", "pliki", "plików"))
    if not validated.ok:
        return report
    progress.start("Generowanie stron")
    started = time.perf_counter()
    records = len(validated.records)
    publisher = load_settings(root).publisher
    model = build_model(validated.records, publisher.edit_base, reference_date(), validated.tables, publisher)
    existing = listing(docs_dir)
    if keep:
        return _generate_kept(model, validated, report, root, docs_dir, existing, started)
    exported = beside(model, functools.partial(write_exports, docs_dir=docs_dir, existing=existing), records)
    plain = beside(model, functools.partial(_write_share, docs_dir=docs_dir, existing=existing, share=PLAIN), records)
    step = time.perf_counter()
    extra, charts = indicator_files(model)
    report.timings["indicators"], step = time.perf_counter() - step, time.perf_counter()
    report.timings["charts"] = charts.wall
    own: Iterable[tuple[str, str | Path]] = itertools.chain(iter_docs(model, INDICATOR_LAYER), attachments(model, root).items(), extra.items(), static_files().items())
    written, paths = write_files(docs_dir, own, existing)
    more, plain_paths = plain()
    report.timings["pages"], step = time.perf_counter() - step, time.perf_counter()
    last, export_paths, record_listing = exported()
    report.timings["search_wait"], step = time.perf_counter() - step, time.perf_counter()
    final, rest_paths = write_files(docs_dir, finish_opendata(model, root, record_listing, schemas_of(root)), existing)
    removed = remove_others(docs_dir, existing, paths | plain_paths | export_paths | rest_paths)
    report.timings["write"] = time.perf_counter() - step
    report.pages = sum(1 for path in paths | plain_paths if path.endswith(".md"))
    report.timings["generate"] = time.perf_counter() - started
    progress.finish(plural(report.pages, "strona", "strony", "stron"))
    report.messages.append(f"Wygenerowano stron: {report.pages} (zapisano zmienionych plików: {written + more + last + final}, "
                           f"usunięto: {removed}).")
    return report


def _write_share(model: SiteModel, docs_dir: Path, existing: set[str], share: str) -> tuple[int, set[str]]:
    """A worker's share of the pages, rendered and written."""
    return write_files(docs_dir, iter_docs(model, share), existing)


def _generate_kept(model: SiteModel, validated: Validated, report: BuildReport, root: Path, docs_dir: Path,
                   existing: set[str], started: float) -> BuildReport:
    """A preview's generation: every page rendered here and kept; the search and open data beside."""
    exported = beside(model, search_outputs, len(validated.records))
    extra, charts = indicator_files(model)
    report.timings["charts"] = charts.wall
    pages = dict(sorted(iter_docs(model)))
    found, searched = exported()
    everything = {**pages, **attachments(model, root), **extra, **plan_opendata(model, schemas_of(root), root)[0], **found, **static_files()}
    written, paths = write_files(docs_dir, everything, existing)
    removed = remove_others(docs_dir, existing, paths)
    report.pages = sum(1 for path in pages if path.endswith(".md"))
    report.timings["generate"] = time.perf_counter() - started
    report.generated = Generated(validated.records, model, pages, dict(sorted(everything.items())), searched)
    report.messages.append(f"Wygenerowano stron: {report.pages} (zapisano zmienionych plików: {written}, usunięto: {removed}).")
    return report


def release_memory() -> None:
    """Between generation and MkDocs: collect the generator's garbage and hand the freed heap back
    to the system (glibc keeps it otherwise), so MkDocs and its forked worker start smaller."""
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def build(root: Path, site: Path | None = None, publish: bool = False,
          on_wait: Callable[[str], None] = lambda note: None, progress: Progress = SILENT,
          force: bool = False, keep: bool = False) -> BuildReport:
    """Full build; site/ is replaced only when every step passed. `publish`: the publication build,
    which refuses placeholder publisher settings (example.org) before anything is written. Holds the
    root's build lock (generator/site/buildlock.py) from validation to the swap: build/docs is shared by
    every build. When nothing the build reads has changed since the last successful build and the site
    is as that build left it, the site is kept (generator/site/uptodate.py); `force` builds anyway. `keep`:
    records read before and unchanged are taken from build/cache/ (generator/content/recordcache.py)."""
    site = site or root / "site"
    docs_dir = root / "build" / "docs"
    if publish:
        refused = placeholder_problems(root)
        if refused:
            return BuildReport(ok=False, problems=refused, records=1, messages=[
                "Budowanie do publikacji przerwane: ustawienia wydawcy w bdp.yaml zawierają wartości przykładowe. "
                f"Strona nie została zmieniona: {site} zawiera poprzednią wersję."])
    with build_lock(root, on_wait=on_wait):  # one build at a time per root: a second one waits here
        notes = recover(site)  # a swap interrupted by a crash is repaired before anything else
        started = time.perf_counter()
        inputs = uptodate.inputs_key(root, site, (f"publish={publish}", f"today={reference_date()}"))
        if not force and uptodate.is_current(root, site, inputs):
            return BuildReport(ok=True, messages=[*notes, f"Nic się nie zmieniło od ostatniego budowania: {site} jest aktualna "
                                                  "(bdp build --force buduje mimo to)."],
                               timings={"uptodate": time.perf_counter() - started})
        uptodate.forget(root)
        report = generate(root, docs_dir, progress=progress, keep_records=keep)
        report.messages[:0] = notes
        if not report.ok:
            return report
        publisher = load_settings(root).publisher
        if not publish and publisher.placeholders():
            report.messages.append("Uwaga: ustawienia wydawcy (bdp.yaml, sekcja publisher) zawierają wartości przykładowe "
                                   f"({', '.join(v for _, v in publisher.placeholders())}); strona oznacza je jako przykładowe, "
                                   "a budowanie do publikacji (bdp build --publish) ich nie przyjmie.")
        release_memory()
        if not render_and_swap(report, docs_dir, site, None, "Strona", publisher, root=root, progress=progress):
            return report
        uptodate.remember(root, site, inputs)
    report.messages.append(f"Zbudowano stronę w {site}.")
    return report


def render_and_swap(report: BuildReport, docs_dir: Path, site: Path, config_file: Path | None, what: str,
                    publisher: Publisher | None = None, root: Path | None = None, progress: Progress = SILENT) -> bool:
    """MkDocs into this run's own staging folder, then swapped in; on failure the old site stays and
    report says why. The caller holds the build lock and has already repaired an interrupted swap
    (output.recover) before generating. Without `config_file`: the content root's own MkDocs
    configuration or the packaged one."""
    staging = new_staging(site)
    try:
        started = time.perf_counter()
        progress.start("MkDocs", report.pages, lambda: sum(1 for _ in staging.rglob("*.html")))
        result = build_site(docs_dir, staging, config_file=config_file, epoch=report.epoch, publisher=publisher, root=root)
        report.timings["mkdocs"] = time.perf_counter() - started
        progress.finish(plural(report.pages, "strona", "strony", "stron") if result.ok else "przerwane")
        if not result.ok:
            report.ok = False
            report.messages += [f"MkDocs: {w}" for w in result.warnings]
            if result.error:
                report.messages.append(f"MkDocs przerwał budowanie: {result.error}")
            report.messages.append(f"{what} nie została zmieniona: {site} zawiera poprzednią wersję.")
            return False
        release_memory()  # what MkDocs held: the archives start from a smaller heap (peak memory of a big build)
        if config_file is None:  # issue #18: the public site's stylesheets keep only what its pages use
            started = time.perf_counter()
            trim_site(staging)
            report.timings["trimcss"] = time.perf_counter() - started
        packed = downloads.finish(staging, report.epoch)  # issue #15: the archives of pobierz/, made before the swap
        report.timings["downloads"] = packed.seconds
        if packed.error:
            report.ok = False
            report.messages += [f"Archiwa do pobrania: {packed.error}.", f"{what} nie została zmieniona: {site} zawiera poprzednią wersję."]
            return False
        if config_file is None:  # the public site, not the jury's; after the archives: a copy opened from disk
            add_offline(staging)  # registers no worker, and the build id covers the finished files (site/offline.py)
        swap_in(staging, site)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
