"""Building blocks shared by the page renderers: escaping, links, lists, sources."""
from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from generator.content.records import Record
from generator.content.settings import is_placeholder
from generator.derive.model import SiteModel, sector_slug, title_of
from generator.polish import format_date, heading_slug

_MD_SPECIAL = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|",
    "<": "&lt;", ">": "&gt;", "&": "&amp;", "#": "\\#",
})


_HAS_SPECIAL = re.compile(r"[\\`*_\[\]|<>&#]")


@lru_cache(maxsize=1 << 16)
def _esc(text: str) -> str:
    line = " ".join(text.split())
    return line.translate(_MD_SPECIAL) if _HAS_SPECIAL.search(line) else line


def esc(text: object) -> str:
    """Plain text from a record, safe inside Markdown: no markup, no HTML, one line. Cached (titles
    recur in every list), and translated only when a special character is there (most texts have none)."""
    return _esc(str(text))


def page_path(record: Record) -> str:
    """Where a record's page is; glossary terms share one page and get an anchor each."""
    if record.type.name == "glossary":
        return f"{record.type.url_dir}/index.md#{heading_slug(str(record.get('term')))}"
    return f"{record.type.url_dir}/{record.id}.md"


@cache
def _dir_prefix(from_dir: str, to_dir: str) -> str:
    prefix = posixpath.relpath(to_dir or ".", from_dir or ".")
    return "" if prefix == "." else prefix + "/"


def rel(from_page: str, to_page: str) -> str:
    """Relative link between two generated pages (paths relative to the docs root).

    Same result as posixpath.relpath, which took 3 s of a 1,000-practice build: the folder part
    is computed once per pair of folders.
    """
    to_dir, _, name = to_page.rpartition("/")
    return _dir_prefix(posixpath.dirname(from_page), to_dir) + name


def link(from_page: str, record: Record, text: str | None = None) -> str:
    return f"[{esc(text or title_of(record))}]({rel(from_page, page_path(record))})"


def url_link(url: str, text: str | None = None) -> str:
    """A link to an address from a record (the schemas allow only http and https) as inline HTML,
    so no character of the address can end the link or start markup; the text stays escaped Markdown."""
    return f'<a href="{html.escape(url, quote=True)}">{esc(text or url)}</a>'


def sector_link(from_page: str, sector: str) -> str:
    return f"[{esc(sector)}]({rel(from_page, f'sektory/{sector_slug(sector)}.md')})"


def jst_link(from_page: str, model: SiteModel, code: str) -> str:
    jst = model.jst_by_code.get(code)
    return link(from_page, jst) if jst else esc(code)


def bullet_list(items: Iterable[str], empty: str = "") -> str:
    lines = [f"- {item}" for item in items]
    if not lines:
        return f"{empty}\n" if empty else ""
    return "\n".join(lines) + "\n"


def notice(kind: str, title: str, body: str) -> str:
    """A highlighted box in Material's admonition style (`note`, `warning`, `danger`, `abstract`).

    Raw HTML around Markdown: GitHub-Flavoured Markdown has no admonition syntax, and a block of
    HTML ends at the blank line, so the body between the two blocks is still Markdown.
    """
    return (f'<div class="admonition {kind}">\n<p class="admonition-title">{html.escape(title)}</p>\n\n'
            f"{body.strip()}\n\n</div>\n\n")


def section(title: str, content: str) -> str:
    """A level-2 section, or nothing when the content is empty."""
    return f"## {title}\n\n{content.rstrip()}\n\n" if content.strip() else ""


def facts_table(rows: list[tuple[str, str]]) -> str:
    """A two-column table of labelled facts, rows with empty values dropped."""
    kept = [(label, value) for label, value in rows if value]
    if not kept:
        return ""
    lines = ["| Cecha | Wartość |", "| --- | --- |"]
    lines += [f"| {label} | {value} |" for label, value in kept]
    return "\n".join(lines) + "\n"


def sources_section(page: str, model: SiteModel, record: Record) -> str:
    items = []
    for cited in record.get("sources", []):
        source = model.get("source", cited["source"])
        text = link(page, source) if source else esc(cited["source"])
        if cited.get("locator"):
            text += f", {esc(cited['locator'])}"
        if cited.get("note"):
            text += f" — {esc(cited['note'])}"
        items.append(text)
    return section("Źródła", bullet_list(items))


def edit_footer(model: SiteModel, record: Record) -> str:
    lines = []
    if record.get("last_verified"):
        lines.append(f"Ostatnio sprawdzono ze źródłami: {format_date(record.get('last_verified'))}.")
    where = f"`{record.path}`"
    if model.edit_base:
        mark = " (adres przykładowy — wydawca strony jeszcze go nie ustawił)" if is_placeholder(model.edit_base) else ""
        lines.append(f"Plik źródłowy rekordu: {where} — [edytuj plik w repozytorium (dla redaktorów)]({model.edit_base}{record.path}){mark}.")
    else:
        lines.append(f"Plik źródłowy rekordu: {where}.")
    return "---\n\n" + "\n\n".join(lines) + "\n"


def record_list(page: str, records: list[Record], describe: str = "summary") -> str:
    items = []
    for record in records:
        text = f"**{link(page, record)}**"
        detail = record.get(describe)
        if detail:
            text += f" — {esc(detail)}"
        items.append(text)
    return bullet_list(items)


def join(items: Iterable[str]) -> str:
    return ", ".join(items)
