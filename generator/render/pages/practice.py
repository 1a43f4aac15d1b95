"""Practice pages and the practice index."""
from __future__ import annotations

import html

from generator.content.attachments import may_publish
from generator.content.records import Record
from generator.derive.model import SiteModel, title_of
from generator.polish import format_date, format_money, format_period, there_are
from generator.render import share
from generator.render.indicators import indicator_site
from generator.render.markup import contributor_html
from generator.render.pages import compare, reuse
from generator.render.pages.common import (
    bullet_list,
    edit_footer,
    esc,
    facts_table,
    join,
    jst_link,
    link,
    notice,
    page_path,
    record_list,
    rel,
    section,
    sector_link,
    sources_section,
    url_link,
)


def _costs(record: Record) -> str:
    costs = record.get("costs")
    if not costs:
        return ""
    text = f"{format_money(costs['amount_pln'])} ({esc(costs['kind'])})"
    if costs.get("placeholder"):
        text += " — **wartość przykładowa, nie pochodzi ze źródła**"
    if costs.get("note"):
        text += f"; {esc(costs['note'])}"
    return text


def summary_box(page: str, model: SiteModel, record: Record) -> str:
    partners = []
    for partner in record.get("partners", []):
        org = model.get("organisation", partner["organisation"])
        text = link(page, org) if org else esc(partner["organisation"])
        partners.append(text + (f" ({esc(partner['role'])})" if partner.get("role") else ""))
    projects = [link(page, p) for pid in record.get("projects", []) if (p := model.get("project", pid))]
    rows = [
        ("Samorządy", join(jst_link(page, model, c) for c in record.get("jst", []))),
        ("Sektory", join(sector_link(page, s) for s in record.get("sectors", []))),
        ("Okres realizacji", format_period(record.get("period")) if record.get("period") else ""),
        ("Projekty", join(projects)),
        ("Partnerzy", join(partners)),
        ("Koszty", _costs(record)),
        ("Finansowanie", join(esc(f) for f in record.get("funding", []))),
    ]
    return notice("abstract", "W skrócie", facts_table(rows))


def _contact(record: Record) -> str:
    contact = record.get("contact")
    if not contact:
        return ""
    parts = [esc(contact["role"])]
    if contact.get("person") and contact.get("person_consent") is True:
        parts.insert(0, esc(contact["person"]))
    if contact.get("phone"):
        parts.append(f"tel. {esc(contact['phone'])}")
    if contact.get("email"):
        user, _, domain = contact["email"].partition("@")
        parts.append(f"e-mail: {esc(user)} (małpa) {esc(domain)}")
    return "; ".join(parts) + "\n"


def _documents(record: Record) -> str:
    items = []
    for doc in record.get("documents", []):
        target = doc.get("url") or (f"{record.id}/{doc['file']}" if doc.get("file") and may_publish(record, doc["file"]) else None)
        items.append(url_link(target, doc["title"]) if target else esc(doc["title"]))
    return bullet_list(items)


def _awards(page: str, model: SiteModel, record: Record) -> str:
    items = []
    for award in model.awards():
        if award.practice == record.id:
            items.append(f"{esc(award.award)} — {link(page, award.contest)} ({jst_link(page, model, award.jst_code)})")
    return bullet_list(items)


def render_practice(model: SiteModel, record: Record) -> str:
    page = page_path(record)
    related = [r for rid in record.get("related", []) if (r := model.get("practice", rid))]
    procedures = model.referring("practice", record.id, "procedure")
    indicators = model.referring("practice", record.id, "indicator")
    parts = [
        f"# {esc(record.get('title'))}\n\n",
        f'<p class="bdp-lead">{html.escape(" ".join(str(record.get("summary")).split()))}</p>\n\n',
        notice("warning", "Opis może być nieaktualny", "Redakcja ostatnio sprawdziła ten opis ze źródłami "
               f"{format_date(record.get('last_verified'))}. Informacje mogły się od tego czasu zmienić.") if model.is_stale(record) else "",
        summary_box(page, model, record), "\n", compare.pick_block(page, "praktyki", record.id),
        contributor_html(record.body),
        section("Rezultaty w skrócie", bullet_list(esc(r) for r in record.get("results", []))),
        section("Jak przenieść praktykę", esc(record.get("transferability", "")) + "\n" if record.get("transferability") else ""),
        section("Kontakt", _contact(record)),
        section("Dokumenty", _documents(record)),
        section("Nagrody i wyróżnienia", _awards(page, model, record)),
        reuse.adopter_section(page, model, record), reuse.source_section(page, model, record),  # reuse tracking
        section("Procedury", record_list(page, procedures)),
        section("Wskaźniki", record_list(page, indicators, "description")),
        # only an indicator that names the practice gives it this section (and only then is the layer needed)
        section("Wskaźniki przed praktyką i po niej", indicator_site(model).practice_sections.get(record.id, "") if indicators else ""),
        section("Powiązane praktyki", record_list(page, related)),
        section("Słowa kluczowe", join(esc(k) for k in record.get("keywords", [])) + "\n" if record.get("keywords") else ""),
        sources_section(page, model, record),
        share.citation_section(model.publisher, record, page),
        share.correction_block(model.publisher, record, page),
        edit_footer(model, record),
    ]
    return "".join(parts)


def _newest_key(record: Record) -> tuple[str, ...]:
    period = record.get("period") or {}
    return (period.get("end") or period.get("start") or "", period.get("start") or "")


def newest(model: SiteModel, count: int) -> list[Record]:
    """Practices whose period ended (or started) most recently; ties in Polish title order."""
    by_title = model.all("practice")  # the model keeps them in Polish title order; sorted() is stable
    return sorted(by_title, key=_newest_key, reverse=True)[:count]


INDEX_PAGE_SIZE = 500  # rows per page of the practice list: at 10,000 practices one page was 5.3 MB


def index_path(number: int) -> str:
    return "praktyki/index.md" if number == 1 else f"praktyki/spis/{number}.md"


def render_practice_index(model: SiteModel, size: int = INDEX_PAGE_SIZE) -> dict[str, str]:
    """The alphabetical list of practices, in pages of `size` rows with a pager on each page."""
    practices = model.all("practice")
    chunks = [practices[i:i + size] for i in range(0, len(practices), size)] or [[]]
    pages = {}
    for number, chunk in enumerate(chunks, 1):
        page = index_path(number)
        heading = "# Praktyki\n\n" if number == 1 else f"# Praktyki — strona {number} z {len(chunks)}\n\n"
        lines = [heading, (f"W bazie {there_are(len(practices), 'praktyka', 'praktyki', 'praktyk')}, w porządku alfabetycznym. "
                 f"Praktyki można też przeglądać według [sektorów]({rel(page, 'sektory/index.md')}), "
                 f"[samorządów]({rel(page, 'samorzady/index.md')}) i [projektów]({rel(page, 'projekty/index.md')}), "
                 f"zobaczyć [najczęściej przenoszone]({rel(page, reuse.PAGE)}) "
                 f"albo [wyszukać]({rel(page, 'szukaj/index.md')}).\n\n")]
        pager = _pager(page, chunks, number)
        lines += [pager, "| Praktyka | Sektory | Okres | Samorządy |\n| --- | --- | --- | --- |\n"]
        for record in chunk:
            lines.append(f"| **{link(page, record)}** — {esc(record.get('summary'))} | "
                         f"{join(sector_link(page, s) for s in record.get('sectors', []))} | "
                         f"{format_period(record.get('period'))} | {len(record.get('jst', []))} |\n")
        lines.append("\n" + pager if pager else "")
        pages[page] = "".join(lines)
    return pages


def _pager(page: str, chunks: list[list[Record]], current: int) -> str:
    """Links to every page of the list, each named by its first and last practice."""
    if len(chunks) < 2:
        return ""
    items = []
    for number, chunk in enumerate(chunks, 1):
        label = f"{number}: {esc(title_of(chunk[0]))} … {esc(title_of(chunk[-1]))}"
        items.append(f"**{label}** (ta strona)" if number == current else f"[{label}]({rel(page, index_path(number))})")
    return "Strony spisu:\n\n" + bullet_list(items) + "\n"
