"""Pages of organisations, projects, sources, indicators and the glossary."""
from __future__ import annotations

from collections import defaultdict

from generator.content.records import Record
from generator.content.terc import SOURCE_ID as REGISTER_SOURCE_ID
from generator.content.terc import RegisterMeta, load_register
from generator.derive.model import SiteModel, sector_slug, title_of
from generator.polish import format_date, format_money, format_period, plural, sort_key
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
    section,
    sector_link,
    sources_section,
    url_link,
)


def render_organisation(model: SiteModel, org: Record) -> str:
    page = page_path(org)
    led = model.referring_via("organisation", org.id, "leader")
    partnered = list(model.referring_via("organisation", org.id, "partners/*"))
    rows = [("Skrót", esc(org.get("short_name", ""))), ("Rodzaj", esc(org.get("kind"))),
            ("Kraj", esc(org.get("country", ""))),
            ("Strona internetowa", url_link(org.get("website")) if org.get("website") else "")]
    return "".join([
        f"# {esc(org.get('name'))}\n\n", facts_table(rows), "\n",
        f"{esc(org.get('description'))}\n\n" if org.get("description") else "",
        section("Prowadzone projekty", record_list(page, led)),
        section("Udział w projektach jako partner", record_list(page, partnered)),
        section("Praktyki", record_list(page, model.referring("organisation", org.id, "practice"))),
        section("Konkursy", record_list(page, model.referring("organisation", org.id, "contest"), "theme")),
        sources_section(page, model, org), edit_footer(model, org),
    ])


def _participants(page: str, model: SiteModel, codes: list[str]) -> str:
    grouped: dict[str, list[Record]] = defaultdict(list)
    for code in codes:
        jst = model.jst_by_code[code]
        grouped[jst.get("type")].append(jst)
    parts = []
    for kind in sorted(grouped, key=sort_key):
        names = join(link(page, j) for j in sorted(grouped[kind], key=lambda r: sort_key(r.get("name"))))
        parts.append(f"- **{esc(kind)}** ({len(grouped[kind])}): {names}")
    return "\n".join(parts) + "\n" if parts else ""


def render_project(model: SiteModel, project: Record) -> str:
    page = page_path(project)
    budget = project.get("budget")
    leader = model.get("organisation", project.get("leader", "")) if project.get("leader") else None
    rows = [
        ("Okres realizacji", format_period(project.get("period"))),
        ("Uwagi o okresie", esc(project.get("period", {}).get("note", ""))),
        ("Budżet", f"{format_money(budget['amount_pln'])} ({esc(budget['kind'])})" if budget else "brak danych w źródle"),
        ("Program", esc(project.get("programme", ""))),
        ("Lider", link(page, leader) if leader else (jst_link(page, model, project.get("leader_jst")) if project.get("leader_jst") else "")),
        ("Partnerzy", join(link(page, o) for pid in project.get("partners", []) if (o := model.get("organisation", pid)))),
    ]
    codes = project.get("participants", [])
    return "".join([
        f"# {esc(project.get('title'))}\n\n",
        f"{esc(project.get('summary'))}\n\n" if project.get("summary") else "",
        facts_table(rows), "\n",
        section("Komponenty", bullet_list(esc(c) for c in project.get("components", []))),
        section(f"Uczestniczące samorządy ({len(codes)})", _participants(page, model, codes)),
        section("Praktyki", record_list(page, model.referring("project", project.id, "practice"))),
        section("Konkursy", record_list(page, model.referring("project", project.id, "contest"), "theme")),
        sources_section(page, model, project), edit_footer(model, project),
    ])


SOURCE_LINKS_PER_KIND = 200


def render_source(model: SiteModel, source: Record) -> str:
    page = page_path(source)
    by_type: dict[str, dict[str, Record]] = defaultdict(dict)
    for record, _ in model.backlinks.get(("source", source.id), []):
        by_type[record.type.plural].setdefault(record.id, record)
    rows = [("Rodzaj", esc(source.get("kind"))), ("Plik", f"`{source.get('file')}`" if source.get("file") else ""),
            ("Adres", url_link(source.get("url")) if source.get("url") else ""),
            ("Wydawca", esc(source.get("publisher", ""))), ("Rok", str(source.get("year", "")))]
    if source.id == REGISTER_SOURCE_ID:
        rows += register_rows(load_register().meta)
    cited = ""
    for kind, records in sorted(by_type.items(), key=lambda item: sort_key(item[0])):
        shown = sorted(records.values(), key=lambda r: sort_key(title_of(r)))[:SOURCE_LINKS_PER_KIND]
        more = len(records) - len(shown)
        cited += (f"**{esc(kind)}** ({len(records)}): " + join(link(page, r) for r in shown)
                  + (f" i {plural(more, 'inna pozycja', 'inne pozycje', 'innych pozycji')}" if more else "") + "\n\n")
    return "".join([
        f"# {esc(source.get('title'))}\n\n", facts_table(rows), "\n",
        f"{esc(source.get('description'))}\n\n",
        notice("note", "Jakość tekstu źródłowego", esc(source.get("extraction_note"))) if source.get("extraction_note") else "",
        section("Rekordy oparte na tym dokumencie", cited),
        edit_footer(model, source),
    ])


def register_rows(meta: RegisterMeta) -> list[tuple[str, str]]:
    """What the source page of the TERC register says about the copy the program checks codes with."""
    return [("Rejestr w programie — stan na", f"{format_date(meta.stan_na)} r."), ("Plik GUS", f"`{meta.file}`"),
            ("Jednostek w rejestrze", str(meta.units)), ("Skąd kopia pliku", esc(meta.copy_of)),
            ("Odświeżanie", "`bdp import terc PLIK`")]


def render_indicator(model: SiteModel, indicator: Record) -> str:
    page = page_path(indicator)
    rows = [("Skrót", esc(indicator.get("short_name", ""))), ("Jednostka", esc(indicator.get("unit", ""))),
            ("Kierunek", esc(indicator.get("direction", ""))),
            ("Sektory", join(sector_link(page, s) for s in indicator.get("sectors", [])))]
    practices = [p for pid in indicator.get("practices", []) if (p := model.get("practice", pid))]
    return "".join([
        f"# {esc(indicator.get('name'))}\n\n", facts_table(rows), "\n",
        f"{esc(indicator.get('description'))}\n\n",
        section("Metoda", f"{esc(indicator.get('method'))}\n" if indicator.get("method") else ""),
        section("Praktyki stosujące wskaźnik", record_list(page, practices)),
        sources_section(page, model, indicator), edit_footer(model, indicator),
    ])


def render_simple_index(model: SiteModel, type_name: str, title: str, intro: str, describe: str) -> str:
    records = model.all(type_name)
    page = f"{records[0].type.url_dir}/index.md" if records else "index.md"
    return f"# {title}\n\n{intro}\n\n" + (record_list(page, records, describe) or "Brak rekordów.\n")


def render_glossary(model: SiteModel) -> str:
    page = "slowniczek/index.md"
    parts = ["# Słowniczek\n\nSkróty i pojęcia używane w dokumentach źródłowych i w bazie, w porządku alfabetycznym.\n\n"]
    for term in model.all("glossary"):
        parts.append(f"## {esc(term.get('term'))}\n\n")
        if term.get("expansion"):
            parts.append(f"*{esc(term.get('expansion'))}*\n\n")
        parts.append(f"{esc(term.get('definition'))}\n\n")
        see = [model.get("glossary", t) for t in term.get("see_also", [])]
        if see:
            parts.append("Zobacz też: " + join(link(page, s, s.get("term")) for s in see if s) + ".\n\n")
        sources = [model.get("source", s["source"]) for s in term.get("sources", [])]
        parts.append("Źródło: " + join(link(page, s) for s in sources if s) + ".\n\n")
    return "".join(parts)


def render_sector(model: SiteModel, sector: str) -> str:
    page = f"sektory/{sector_slug(sector)}.md"
    practices = [p for p in model.all("practice") if sector in p.get("sectors", [])]
    contests = [c for c in model.all("contest") if sector in c.get("sectors", [])]
    indicators = [i for i in model.all("indicator") if sector in i.get("sectors", [])]
    return "".join([
        f"# Sektor: {esc(sector)}\n\n",
        f"{plural(len(practices), 'praktyka', 'praktyki', 'praktyk')} w tym sektorze.\n\n",
        section("Praktyki", record_list(page, practices)),
        section("Edycje konkursu", record_list(page, contests, "theme")),
        section("Wskaźniki", record_list(page, indicators, "description")),
    ])


def render_sector_index(model: SiteModel) -> str:
    page = "sektory/index.md"
    lines = ["# Sektory\n\nObszary usług publicznych i zarządzania, w których są praktyki.\n\n| Sektor | Praktyki |\n| --- | --- |\n"]
    for sector in model.sectors():
        count = sum(1 for p in model.all("practice") if sector in p.get("sectors", []))
        lines.append(f"| {sector_link(page, sector)} | {count} |\n")
    return "".join(lines)
