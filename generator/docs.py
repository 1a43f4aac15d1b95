"""The generated docs tree as a mapping of page paths to Markdown: a pure function of the model."""
from __future__ import annotations

from pathlib import Path

from generator.model import SiteModel, sector_slug
from generator.pages import contest, editors, home, indicator, jst, practice, procedure, registry
from generator.indicators.opendata import plan_opendata
from generator.pages.common import page_path
from generator.search.page import PAGE as SEARCH_PAGE, render_search_page

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


def attachments(model: SiteModel, root: Path) -> dict[str, Path]:
    """Attachment files of folder practices, placed beside the practice page."""
    files: dict[str, Path] = {}
    for record in model.all("practice"):
        folder = (root / record.path).parent
        for name in record.attachments:
            files[f"{record.type.url_dir}/{record.id}/{name}"] = folder / name
    return files


def render_docs(model: SiteModel) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs root."""
    pages: dict[str, str] = {
        "index.md": home.render_home(model), "assets/bdp.css": STYLESHEET,
        # Rendered by site_overrides/deklaracja.html from mkdocs.yml; the Markdown only selects it.
        "deklaracja-dostepnosci/index.md": "---\ntemplate: deklaracja.html\n---\n\n# Deklaracja dostępności\n",
    }
    renderers = {
        "practice": practice.render_practice, "jst": jst.render_jst, "organisation": registry.render_organisation,
        "project": registry.render_project, "source": registry.render_source, "indicator": indicator.render_indicator,
        "contest": contest.render_contest, "procedure": procedure.render_procedure,
    }
    for type_name, render in renderers.items():
        for record in model.all(type_name):
            pages[page_path(record)] = render(model, record)  # type: ignore[operator]
    for sector in model.sectors():
        pages[f"sektory/{sector_slug(sector)}.md"] = registry.render_sector(model, sector)
    pages.update({
        **practice.render_practice_index(model),
        "samorzady/index.md": jst.render_jst_index(model),
        "sektory/index.md": registry.render_sector_index(model),
        "konkursy/index.md": contest.render_contest_index(model),
        contest.ARCHIVE_PAGE: contest.render_contest_archive(model),
        "procedury/index.md": procedure.render_procedure_index(model),
        "slowniczek/index.md": registry.render_glossary(model),
        editors.PAGE: editors.render_editors(model),
        editors.GUIDE_PAGE: editors.render_guide_page(),
        SEARCH_PAGE: render_search_page(model),
        "projekty/index.md": registry.render_simple_index(model, "project", "Projekty i programy",
                                                          "Projekty, w których powstały praktyki z bazy.", "summary"),
        "organizacje/index.md": registry.render_simple_index(model, "organisation", "Organizacje",
                                                             "Zrzeszenia samorządów, instytucje i partnerzy wymienieni w dokumentach źródłowych.", "description"),
        "wskazniki/index.md": indicator.render_indicator_index(model),
        "dane/index.md": indicator.render_opendata(model, plan_opendata(model, content=False)[1]),
        "zrodla/index.md": registry.render_simple_index(model, "source", "Źródła",
                                                        "Dokumenty, na których opiera się treść bazy. Każdy rekord wskazuje swoje źródła.", "description"),
    })
    return {path: trusted(text) if path.endswith(".md") else text for path, text in sorted(pages.items())}


def trusted(page: str) -> str:
    """Mark a page written only from escaped data and sanitised HTML (a practice body passes nh3 in
    generator/markup.contributor_html): the MkDocs hook then skips the sanitiser for the whole page."""
    if page.startswith("---\n"):
        return page if "\nbdp_trusted: true\n" in page.split("\n---\n", 1)[0] + "\n" else "---\nbdp_trusted: true\n" + page[4:]
    return "---\nbdp_trusted: true\n---\n\n" + page
