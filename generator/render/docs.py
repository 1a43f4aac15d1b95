"""The generated docs tree as a mapping of page paths to Markdown: a pure function of the model."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.content import licences
from generator.content.attachments import publishable
from generator.content.records import Record
from generator.content.recordtypes import BY_NAME
from generator.content.schemafiles import schemas_of
from generator.derive.model import SiteModel, sector_slug
from generator.paths import PACKAGE_DIR
from generator.render import share
from generator.render.opendata import plan_opendata
from generator.render.pages import (
    compare,
    contest,
    downloads,
    editors,
    home,
    indicator,
    jst,
    offline,
    practice,
    practice_map,
    procedure,
    registry,
    reuse,
)
from generator.render.pages.common import page_path
from generator.render.search.page import PAGE as SEARCH_PAGE
from generator.render.search.page import render_search_page

STYLESHEET = """/* Baza Dobrych Praktyk: small additions to the theme. */
.bdp-lead { font-size: 1.05rem; }
/* Links are recognisable without colour (WCAG 1.4.1), footer text has enough contrast (1.4.3). */
.md-typeset a, .md-copyright a { text-decoration: underline; text-underline-offset: 0.15em; }
.md-typeset a.headerlink { text-decoration: none; }
.md-copyright, .md-copyright__highlight { color: var(--md-footer-fg-color); }
.md-copyright a { color: var(--md-footer-fg-color); }
/* Keyboard focus is always visible. */
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #ffbf47; outline-offset: 2px;
}
@media print {
  .md-header, .md-sidebar, .md-footer, .md-source-file { display: none; }
  .md-content a[href^="http"]::after { content: " (" attr(href) ")"; }
}
"""

ASSETS = PACKAGE_DIR / "assets"
STYLESHEET += (ASSETS / "layout.css").read_text(encoding="utf-8")   # phone-first layout and print
STYLESHEET += (ASSETS / "compare" / "bdp-compare.css").read_text(encoding="utf-8")  # side by side (porownaj/)
STYLESHEET += (ASSETS / "map.css").read_text(encoding="utf-8")  # issue #15: the map of practices


def static_files() -> dict[str, Path]:
    """Files copied as they are: the script that gives wide scrolling tables keyboard access."""
    return {"assets/bdp.js": ASSETS / "bdp.js", compare.SCRIPT: ASSETS / "compare" / "bdp-compare.js",
            "assets/offline/bdp-offline.js": ASSETS / "offline" / "bdp-offline.js"}


def attachments(model: SiteModel, root: Path) -> dict[str, Path]:
    """Attachment files of folder practices, placed beside the practice page (only what
    generator.content.attachments.publishable allows)."""
    files: dict[str, Path] = {}
    for record in model.all("practice"):
        files.update(publishable(record, root))
    return files


RECORD_RENDERERS = {
    "practice": practice.render_practice, "jst": jst.render_jst, "organisation": registry.render_organisation,
    "project": registry.render_project, "source": registry.render_source, "indicator": indicator.render_indicator,
    "contest": contest.render_contest, "procedure": procedure.render_procedure,
}


def record_page(model: SiteModel, record: Record) -> str:
    """The page of one record (every type in RECORD_RENDERERS has its own page)."""
    text = RECORD_RENDERERS[record.type.name](model, record)
    return decorate(model, page_path(record), text, record)


def record_files(model: SiteModel, record: Record) -> dict[str, str]:
    """Files beside a record's page: a practice's citation files (BibTeX, RIS, CSL-JSON)."""
    if record.type.name != "practice":
        return {}
    return share.citation_files(model.publisher, record, page_path(record))


def decorate(model: SiteModel, path: str, text: str, record: Record | None = None, prefill: dict[str, str] | None = None,
             what: str = "") -> str:
    """A Markdown page with its front matter for the head (generator/render/share.py: description, JSON-LD,
    last change) and, on the home and list pages, "Zgłoś dobrą praktykę"."""
    if not path.endswith(".md"):
        return text
    if path in share.PROPOSE_PAGES or path.startswith("praktyki/spis/") or prefill:
        text = text.rstrip("\n") + "\n\n" + share.propose_block(model.publisher, prefill, what)
    return share.with_meta(text, share.page_meta(model, model.publisher, path, text, record))


def sector_page(model: SiteModel, sector: str) -> tuple[str, str]:
    path = f"sektory/{sector_slug(sector)}.md"
    return path, decorate(model, path, registry.render_sector(model, sector), prefill={"sectors": sector}, what=f"sektor {sector}")


def home_pages(model: SiteModel, maps: bool = True) -> dict[str, str]:
    """Pages that list or count practices as a whole: a preview re-renders them after every practice edit
    (maps=False: without the map pages, which a preview renders after the edited page is shown)."""
    pages = {
        "index.md": home.render_home(model),
        **practice.render_practice_index(model),
        "samorzady/index.md": jst.render_jst_index(model),
        "sektory/index.md": registry.render_sector_index(model),
        editors.PAGE: editors.render_editors(model),
        **(practice_map.render_map_pages(model) if maps else {}),  # issue #15: the map of practices
    }
    return {**{path: decorate(model, path, text) for path, text in pages.items()},
            share.FEED_PAGE: share.atom_feed(model, model.publisher)}


def map_pages(model: SiteModel) -> dict[str, str]:
    """The map of practices (issue #15) as home_pages gives it."""
    return {path: decorate(model, path, text) for path, text in practice_map.render_map_pages(model).items()}


def collection_renderers(model: SiteModel) -> dict[str, Callable[[], str]]:
    """The other pages that are not the page of one record or one sector, each rendered when called."""
    renderers = _collection_renderers(model)
    return {path: _decorated(model, path, render) for path, render in renderers.items()}


def _decorated(model: SiteModel, path: str, render: Callable[[], str]) -> Callable[[], str]:
    return lambda: decorate(model, path, render())


def _collection_renderers(model: SiteModel) -> dict[str, Callable[[], str]]:
    return {
        share.ROBOTS_PAGE: lambda: share.robots(model.publisher),
        "assets/bdp.css": lambda: STYLESHEET,
        # Rendered by site_overrides/deklaracja.html from mkdocs.yml; the Markdown only selects it.
        "deklaracja-dostepnosci/index.md": lambda: "---\ntemplate: deklaracja.html\n---\n\n# Deklaracja dostępności\n",
        "konkursy/index.md": lambda: contest.render_contest_index(model),
        contest.ARCHIVE_PAGE: lambda: contest.render_contest_archive(model),
        "procedury/index.md": lambda: procedure.render_procedure_index(model),
        reuse.PAGE: lambda: reuse.render_most_reused(model),
        compare.PAGE: lambda: compare.render_compare_page(model),
        compare.DATA: lambda: compare.data_script(model),
        "slowniczek/index.md": lambda: registry.render_glossary(model),
        offline.PAGE: offline.render_offline_page,  # issue 15: what the service worker shows for a page not saved
        editors.GUIDE_PAGE: editors.render_guide_page,
        SEARCH_PAGE: lambda: render_search_page(model),
        "projekty/index.md": lambda: registry.render_simple_index(model, "project", "Projekty i programy",
                                                                  "Projekty, w których powstały praktyki z bazy.", "summary"),
        "organizacje/index.md": lambda: registry.render_simple_index(
            model, "organisation", "Organizacje", "Zrzeszenia samorządów, instytucje i partnerzy wymienieni w dokumentach źródłowych.", "description"),
        "wskazniki/index.md": lambda: indicator.render_indicator_index(model),
        OPENDATA_PAGE: lambda: opendata_page(model),
        downloads.PAGE: downloads.render_downloads,  # issue #15: filled in by generator/site/downloads.py
        "zrodla/index.md": lambda: registry.render_simple_index(
            model, "source", "Źródła", "Dokumenty, na których opiera się treść bazy. Każdy rekord wskazuje swoje źródła. " + licences.QUOTATIONS, "description"),
    }


OPENDATA_PAGE = "dane/index.md"
# Collection files that depend on every practice: a preview renders them again after a practice edit, the
# pages with the edited page (PRACTICE_WIDE), the comparison's data after it (PRACTICE_WIDE_DATA: no page shows it).
PRACTICE_WIDE = (reuse.PAGE,)
PRACTICE_WIDE_DATA = (compare.DATA,)


@lru_cache(maxsize=1)
def reserved_names() -> dict[str, frozenset[str]]:
    """Per record type, the ids whose page would overwrite one of the generator's own pages (a
    practice `index` replaces the practice list). Derived from the pages an empty model gets, so it
    follows every page the generator adds; record pages and sector pages are not included."""
    from generator.derive.model import build_model

    model = build_model([])
    own = set(home_pages(model)) | set(collection_renderers(model))
    reserved: dict[str, frozenset[str]] = {}
    for type_name in RECORD_RENDERERS:
        folder = BY_NAME[type_name].url_dir + "/"
        names = {path[len(folder):].split("/")[0] for path in own if path.startswith(folder)}
        reserved[type_name] = frozenset(name.rsplit(".", 1)[0] for name in names)
    return reserved


def opendata_page(model: SiteModel, listing: list[Any] | None = None) -> str:
    """The open data page; `listing`: plan_opendata's, when the caller has it already."""
    text = indicator.render_opendata(model, plan_opendata(model, schemas_of(None), content=False)[1] if listing is None else listing)
    return decorate(model, OPENDATA_PAGE, text)


def render_docs(model: SiteModel) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs root, in path order."""
    return dict(sorted(iter_docs(model)))


INDICATOR_LAYER = "indicators"  # the share of pages that need the indicator layer (render.indicators.indicator_site)
PLAIN = "plain"  # the other pages
NEEDS_INDICATOR_LAYER = {"wskazniki/index.md", OPENDATA_PAGE, compare.DATA}  # collection pages that need it
RECORDS_NEEDING_INDICATOR_LAYER = {"jst", "indicator", "procedure"}


def needs_indicator_layer(model: SiteModel, record: Record) -> bool:
    """Whether a record's page shows indicator sections (and so needs the indicator layer planned)."""
    if record.type.name == "practice":
        return bool(model.referring("practice", record.id, "indicator"))
    return record.type.name in RECORDS_NEEDING_INDICATOR_LAYER


def iter_docs(model: SiteModel, share: str | None = None) -> Iterator[tuple[str, str]]:
    """Generated pages as (path, text), one at a time (a build writes each as it comes); with
    `share`, only the pages that need the indicator layer (INDICATOR_LAYER) or only the others
    (PLAIN), so that a second process can render the others while the layer is planned."""
    def wanted(needs: bool) -> bool:
        return share is None or needs == (share == INDICATOR_LAYER)

    home = home_pages(model) if wanted(False) else {}
    for path, text in home.items():
        yield path, _final(path, text)
    for path, render in collection_renderers(model).items():
        if wanted(path in NEEDS_INDICATOR_LAYER):
            yield path, _final(path, render())
    for type_name in RECORD_RENDERERS:
        for record in model.all(type_name):
            if wanted(needs_indicator_layer(model, record)):
                path = page_path(record)
                yield path, _final(path, record_page(model, record))
                yield from record_files(model, record).items()
    if wanted(False):
        for sector in model.sectors():
            path, text = sector_page(model, sector)
            yield path, _final(path, text)


def _final(path: str, text: str) -> str:
    return trusted(text) if path.endswith(".md") else text


def finalise(pages: dict[str, str]) -> dict[str, str]:
    """Pages marked trusted, in path order (the order every build writes them in)."""
    return {path: _final(path, text) for path, text in sorted(pages.items())}


def trusted(page: str) -> str:
    """Mark a page written only from escaped data and sanitised HTML (a practice body passes nh3 in
    generator/markup.contributor_html): the MkDocs hook then skips the sanitiser for the whole page."""
    if page.startswith("---\n"):
        return page if "\nbdp_trusted: true\n" in page.split("\n---\n", 1)[0] + "\n" else "---\nbdp_trusted: true\n" + page[4:]
    return "---\nbdp_trusted: true\n---\n\n" + page
