"""The search page (szukaj/index.md) and the files the search needs in the docs tree."""
from __future__ import annotations

from pathlib import Path

from generator.derive.model import SiteModel
from generator.paths import PACKAGE_DIR
from generator.render.search.index import (
    SearchDoc,
    body_data,
    index_data,
    index_script,
    search_docs,
)

ASSETS = PACKAGE_DIR / "assets" / "search"
PAGE = "szukaj/index.md"

# Browseable index pages offered with or without JavaScript: (label, page relative to the docs root).
BROWSE: tuple[tuple[str, str], ...] = (
    ("Praktyki", "praktyki/index.md"), ("Samorządy według województw", "samorzady/index.md"),
    ("Sektory", "sektory/index.md"), ("Projekty i programy", "projekty/index.md"),
    ("Organizacje", "organizacje/index.md"), ("Konkursy", "konkursy/index.md"),
    ("Procedury", "procedury/index.md"), ("Wskaźniki", "wskazniki/index.md"),
    ("Słowniczek", "slowniczek/index.md"), ("Źródła", "zrodla/index.md"),
)

FORM = """<div id="bdp-search" class="bdp-search" data-root="../" data-state="idle">
<form class="bdp-search__form" role="search" action="index.html" method="get">
<label for="bdp-q" class="bdp-search__label">Szukaj w bazie</label>
<div class="bdp-search__row">
<input id="bdp-q" name="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="bdp-hint bdp-status" aria-controls="search-results">
<button type="submit" class="md-button md-button--primary">Szukaj</button>
</div>
<p id="bdp-hint" class="bdp-search__hint">Można pisać bez polskich liter i w dowolnej formie słowa, np. „plock”, „konsultacje”, „odpady”.</p>
<p class="bdp-search__sort"><label for="bdp-sort">Kolejność wyników</label>
<select id="bdp-sort" name="sortuj">
<option value="trafnosc">trafność</option>
<option value="tytul">tytuł A–Ż</option>
<option value="najnowsze">najnowsze</option>
</select></p>
</form>
<noscript><p>Wyszukiwarka działa z włączonym JavaScriptem. Bez niego skorzystaj ze spisów poniżej.</p></noscript>
<div class="bdp-search__layout">
<div class="bdp-search__results">
<p id="bdp-status" class="bdp-search__status" role="status" aria-live="polite" aria-atomic="true"></p>
<ol id="search-results" class="bdp-search__list"></ol>
<button id="bdp-more" type="button" class="md-button" hidden>Pokaż kolejne wyniki</button>
</div>
<div id="bdp-facets" class="bdp-search__facets" role="group" aria-label="Filtry"></div>
</div>
</div>
<script src="../assets/search/bdp-search.js"></script>
"""


def render_search_page(model: SiteModel) -> str:
    """The search page: the form, the empty result list, and links to browse without JavaScript."""
    browse = "".join(f"- [{label}](../{target})\n" for label, target in BROWSE)
    return (
        "---\nbdp_trusted: true\n---\n\n"
        "# Szukaj\n\n"
        "Wyszukiwarka przeszukuje praktyki, samorządy, edycje konkursu, procedury, wskaźniki, projekty "
        "i organizacje. Wyniki można zawęzić filtrami; adres strony zapamiętuje wyszukiwanie, więc można go "
        "zapisać albo wysłać.\n\n"
        + FORM + "\n"
        "## Przeglądaj bazę\n\n" + browse
    )


def search_files(model: SiteModel) -> dict[str, str | Path]:
    """The search files of the docs tree: scripts, style and the index (the page is in render_docs)."""
    return search_outputs(model)[0]


def search_outputs(model: SiteModel) -> tuple[dict[str, str | Path], list[SearchDoc]]:
    """The search files and the documents they were made from (a preview updates them one by one)."""
    docs = search_docs(model)
    return files_of(docs), docs


def files_of(docs: list[SearchDoc]) -> dict[str, str | Path]:
    return {
        "assets/search/bdp-search.js": ASSETS / "bdp-search.js",
        "assets/search/bdp-search.css": ASSETS / "bdp-search.css",
    } | index_files(docs)


INDEX_SCRIPTS = ("assets/search/index.js", "assets/search/index-tekst.js")  # data, not code


def index_files(docs: list[SearchDoc]) -> dict[str, str | Path]:
    """The two stages of the index as scripts."""
    return {
        INDEX_SCRIPTS[0]: index_script(index_data(docs)),
        INDEX_SCRIPTS[1]: index_script(body_data(docs), "BDP_SEARCH_BODY"),
    }
