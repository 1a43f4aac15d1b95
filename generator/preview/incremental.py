"""A preview's update after records were edited: only the pages, files and search documents the
edit can change are made again, and the result is the same as a full generation's.

What an edited practice (or organisation, or source: QUICK_TYPES) can change:
- its own page, and for a practice its charts and CSV files (the indicator layer plans the
  practice again);
- every page that links to it (lists, related practices, contests, indicators, sources…), found in
  a map of the links between generated pages that is kept up to date;
- the pages of the records and sectors it refers to, before and after the edit (a jst page lists
  the practices that name the jst, even when it did not list this one before);
- the pages about practices as a whole (home, the paged list, the sector and jst indexes, the
  editors' page);
- its search document and those of the records referring to it, and the open data of its type.
Anything else (a new or removed file, a record the indicator layer uses, an error) takes the full
path. tests/test_incremental.py checks that both paths give the same files.
"""
from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build import Generated
from generator.content.attachments import publishable
from generator.content.records import Record
from generator.content.schemafiles import schemas_of
from generator.derive.model import (
    SiteModel,
    backlink_order,
    references_of,
    sector_slug,
    sort_records,
)
from generator.polish import sort_key
from generator.render.charts import render_charts, with_narrow
from generator.render.docs import (
    OPENDATA_PAGE,
    PRACTICE_WIDE,
    PRACTICE_WIDE_DATA,
    RECORD_RENDERERS,
    collection_renderers,
    finalise,
    home_pages,
    map_pages,
    opendata_page,
    record_files,
    record_page,
    sector_page,
)
from generator.render.indicators import carry_over, replan_practices
from generator.render.opendata import plan_opendata
from generator.render.pages.common import page_path
from generator.render.search.index import TYPES as SEARCH_TYPES
from generator.render.search.index import search_doc
from generator.render.search.page import files_of

QUICK_TYPES = {"practice", "organisation", "source"}  # records whose edit takes the quick path (not the indicator layer's)
SEARCHED = {name for name, _ in SEARCH_TYPES}

_LINK = re.compile(r'\]\(([^()\s]+?\.md)(?:#[^()\s]*)?\)|href="([^"#:]+?\.md)(?:#[^"]*)?"')


def links_of(page: str, text: str) -> set[str]:
    """Generated pages a page links to (paths relative to the docs root)."""
    base = posixpath.dirname(page)
    found = set()
    for match in _LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if "://" not in target:
            found.add(posixpath.normpath(posixpath.join(base, target)))
    return found


@dataclass
class LinkMap:
    """Which pages link to which: kept up to date as pages are rendered again."""
    forward: dict[str, set[str]] = field(default_factory=dict)
    backward: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, pages: dict[str, str]) -> LinkMap:
        links = cls()
        for page, text in pages.items():
            if page.endswith(".md"):
                links.update(page, text)
        return links

    def update(self, page: str, text: str) -> None:
        for target in self.forward.get(page, set()):
            self.backward[target].discard(page)
        targets = links_of(page, text)
        self.forward[page] = targets
        for target in targets:
            self.backward[target].add(page)

    def linking_to(self, page: str) -> set[str]:
        return set(self.backward.get(page, ()))


def replace_records(model: SiteModel, edits: list[tuple[Record, Record]]) -> SiteModel:
    """The model with edited records (old, new) replaced; the same as build_model over the edited
    records, for edits that keep each record's type and id. Cached derived data is carried over."""
    records = {name: list(items) for name, items in model.records.items()}
    by_id = dict(model.by_id)
    links = dict(model.backlinks)
    touched: set[tuple[str, str]] = set()
    for old, new in edits:
        items = records[new.type.name]
        items[items.index(old)] = new
        by_id[(new.type.name, new.id)] = new
        for key, _ in references_of(old):
            links[key] = [(r, p) for r, p in links.get(key, []) if r is not old]
            touched.add(key)
        for key, path in references_of(new):
            links[key] = [*links.get(key, []), (new, path)]
            touched.add(key)
    for key in touched:  # the order build_model gives: references in REFERENCES order, then records by type and id
        links[key] = sorted(links[key], key=backlink_order)
        if not links[key]:
            del links[key]
        if key[0] == "jst" and key[1] in model.jst_by_code:  # jst are also keyed by record id (see build_model)
            links[("jst", model.jst_by_code[key[1]].id)] = links.get(key, [])
    for name in {new.type.name for _, new in edits}:
        records[name] = sort_records(records[name])
    updated = replace(model, records=records, by_id=by_id, backlinks=links)
    if "_awards" in model.__dict__:
        updated.__dict__["_awards"] = model.__dict__["_awards"]
    carry_over(model, updated)
    return updated


def _target_page(model: SiteModel, key: tuple[str, str]) -> str | None:
    target_type, value = key
    record = model.jst_by_code.get(value) if target_type == "jst" else model.get(target_type, value)
    if record is None or target_type not in RECORD_RENDERERS:
        return None
    return page_path(record)


def affected_pages(model: SiteModel, edits: list[tuple[Record, Record]], links: LinkMap) -> tuple[set[str], set[str]]:
    """(record pages, sectors) an edit of these practices can change, besides the pages about practices as a whole."""
    pages: set[str] = set()
    sectors: set[str] = set()
    for old, new in edits:
        pages.add(page_path(new))
        pages |= links.linking_to(page_path(old))
        for record in (old, new):
            pages |= {p for key, _ in references_of(record) if (p := _target_page(model, key))}
            sectors |= set(record.get("sectors", []))
    return pages, sectors


@dataclass
class Update:
    """Files of the docs tree that an update changed (text or a file to copy) and those it removed."""
    changed: dict[str, str | Path]
    removed: set[str]


def update_records(generated: Generated, edits: list[tuple[Record, Record]], root: Path, links: LinkMap) -> Update:
    """Both stages: update_pages, then update_exports."""
    first = update_pages(generated, edits, root, links)
    second = update_exports(generated, edits, root, links)
    return Update({**first.changed, **second.changed}, first.removed | second.removed)


def update_pages(generated: Generated, edits: list[tuple[Record, Record]], root: Path, links: LinkMap) -> Update:
    """First stage, what an editor waits for: the pages, charts and CSV files an edit of these
    records (of QUICK_TYPES) can change; `generated` is updated in place."""
    model = replace_records(generated.model, edits)
    site = replan_practices(model, [new for _, new in edits if new.type.name == "practice"])
    pages: dict[str, str] = dict(home_pages(model, maps=False))
    record_pages, sectors = affected_pages(model, edits, links)
    by_page = {page_path(r): r for name in RECORD_RENDERERS for r in model.all(name)}
    collections = collection_renderers(model)
    pages.update({path: collections[path]() for path in PRACTICE_WIDE})  # the reuse list (issue #15)
    for page in record_pages - {OPENDATA_PAGE}:  # the open data page belongs to the second stage
        if page in by_page:
            pages[page] = record_page(model, by_page[page])
        elif page in collections:
            pages[page] = collections[page]()
        elif page.startswith("sektory/"):
            sectors |= {s for s in model.sectors() if f"sektory/{sector_slug(s)}.md" == page}
    used = set(model.sectors())
    pages.update(sector_page(model, sector) for sector in sectors if sector in used)

    files: dict[str, str | Path] = dict(finalise(pages))
    folders = tuple(f"{new.type.url_dir}/{new.id}/" for _, new in edits if new.type.name == "practice")  # charts, CSV, attachments
    own: dict[str, str | Path] = dict(render_charts(with_narrow({k: v for k, v in site.charts.items() if k.startswith(folders)})).files)
    own.update({k: v for k, v in site.files.items() if k.startswith(folders)})
    own.update({path: file for _, new in edits for path, file in publishable(new, root).items()})
    own.update({path: text for _, new in edits for path, text in record_files(model, new).items()})
    removed = {p for p in generated.files if p.startswith(folders)} - own.keys()
    removed |= {f"sektory/{sector_slug(s)}.md" for s in sectors - used} & generated.files.keys()  # a sector no practice names now
    files.update(own)
    generated.model = model
    old_ids = {id(old) for old, _ in edits}
    generated.records = [r for r in generated.records if id(r) not in old_ids] + [new for _, new in edits]
    return _apply(generated, files, removed, links)


def update_exports(generated: Generated, edits: list[tuple[Record, Record]], root: Path, links: LinkMap | None = None) -> Update:
    """Second stage: the search index (rebuilt from every document, so it is always complete), the
    open data with its page and the comparison's data, after update_pages."""
    model = generated.model
    opendata, listing = plan_opendata(model, schemas_of(root), root, types={new.type.name for _, new in edits})
    collections = collection_renderers(model)
    wide = {path: collections[path]() for path in PRACTICE_WIDE_DATA}  # the comparison (issue #15)
    wide.update(map_pages(model))  # the map's lists name the practices (issue #15)
    files: dict[str, str | Path] = {**finalise({OPENDATA_PAGE: opendata_page(model, listing), **wide}), **opendata}
    # the edited records' documents, and those of the records that refer to them (which may show their names)
    again = {(r.type.name, r.id): r for _, new in edits for r in [new, *model.referring(new.type.name, new.id)] if r.type.name in SEARCHED}
    urls = {f"{r.type.url_dir}/{r.id}.html" for r in again.values()}
    docs = [d for d in generated.search if d.url not in urls] + [search_doc(model, r) for r in again.values()]
    generated.search = sorted(docs, key=lambda d: (sort_key(d.title), d.url))
    files.update(files_of(generated.search))
    return _apply(generated, files, set(), links)


def _apply(generated: Generated, files: dict[str, str | Path], removed: set[str], links: LinkMap | None) -> Update:
    """Keep what differs from the last generation; record it (and the new links) in `generated`."""
    changed = {p: v for p, v in files.items() if generated.files.get(p) != v}
    for path in removed:
        generated.files.pop(path, None)
        generated.pages.pop(path, None)
        if links is not None:
            links.update(path, "")
    generated.files.update(changed)
    generated.files = dict(sorted(generated.files.items()))
    for page, text in changed.items():
        if page.endswith(".md") and isinstance(text, str):
            generated.pages[page] = text
            if links is not None:
                links.update(page, text)
    return Update(changed, removed)
