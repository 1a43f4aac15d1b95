"""Contest edition pages and the contest index with laureates across editions."""
from __future__ import annotations

from generator.model import SiteModel
from generator.pages.common import (bullet_list, edit_footer, esc, facts_table, join, link, page_path,
                                    section, sector_link, sources_section)
from generator.polish import format_date, plural
from generator.records import Record


def _laureates(page: str, model: SiteModel, contest: Record) -> str:
    laureates = contest.get("laureates", [])
    if not laureates:
        return ""
    categories = {c["id"]: c["name"] for c in contest.get("categories", [])}
    columns: list[tuple[str, object]] = [
        ("Samorząd", lambda l, j: link(page, j)),
        ("Rodzaj", lambda l, j: esc(j.get("type"))),
        ("Województwo", lambda l, j: esc(j.get("voivodeship"))),
        ("Nagroda", lambda l, j: esc(l["award"])),
        ("Kategoria", lambda l, j: esc(categories.get(l.get("category", ""), ""))),
        ("Praktyka", lambda l, j: link(page, p) if l.get("practice") and (p := model.get("practice", l["practice"])) else ""),
        ("Uwagi", lambda l, j: esc("; ".join(x for x in (f"w źródle „{l['name_in_source']}”" if l.get("name_in_source") else "", l.get("note", "")) if x))),
    ]
    rows = [[cell(l, model.jst_by_code[l["jst"]]) for _, cell in columns] for l in laureates]  # type: ignore[operator]
    keep = [i for i, (name, _) in enumerate(columns) if i < 4 or any(row[i] for row in rows)]
    lines = [f"{plural(len(laureates), 'nagrodzony samorząd', 'nagrodzone samorządy', 'nagrodzonych samorządów')}, w kolejności podanej w źródle.\n\n",
             "| " + " | ".join(columns[i][0] for i in keep) + " |\n", "| " + " | ".join("---" for _ in keep) + " |\n"]
    lines += ["| " + " | ".join(row[i] for i in keep) + " |\n" for row in rows]
    return "".join(lines)


def render_contest(model: SiteModel, contest: Record) -> str:
    page = page_path(contest)
    project = model.get("project", contest.get("project", "")) if contest.get("project") else None
    rows = [
        ("Konkurs", esc(contest.get("contest"))), ("Rok edycji", str(contest.get("year"))),
        ("Temat", esc(contest.get("theme", ""))),
        ("Sektory", join(sector_link(page, s) for s in contest.get("sectors", []))),
        ("Stan według źródła", esc(contest.get("status", ""))),
        ("Termin zgłoszeń", format_date(contest.get("deadline")) if contest.get("deadline") else ""),
        ("Kto może się zgłosić", esc(contest.get("eligibility", ""))),
        ("Organizatorzy", join(link(page, o) for oid in contest.get("organisers", []) if (o := model.get("organisation", oid)))),
        ("Projekt", link(page, project) if project else ""),
    ]
    categories = [f"**{esc(c['name'])}**" + (f" — {esc(c['description'])}" if c.get("description") else "") for c in contest.get("categories", [])]
    return "".join([
        f"# {esc(contest.get('title'))}\n\n", facts_table(rows), "\n",
        section("Cele konkursu", bullet_list(esc(g) for g in contest.get("goals", []))),
        section("Kategorie", bullet_list(categories)),
        section("Laureaci", _laureates(page, model, contest)),
        sources_section(page, model, contest), edit_footer(model, contest),
    ])


def render_contest_index(model: SiteModel) -> str:
    page = "konkursy/index.md"
    contests = sorted(model.all("contest"), key=lambda c: c.get("year"), reverse=True)
    lines = ["# Konkurs „Samorządowy Lider Zarządzania”\n\n"
             "Konkurs dla wszystkich samorządów gminnych i powiatowych w kraju; jego laureaci trafiają do Bazy Dobrych Praktyk.\n\n"
             "## Edycje\n\n| Edycja | Temat | Stan | Laureaci |\n| --- | --- | --- | --- |\n"]
    for contest in contests:
        lines.append(f"| {link(page, contest)} | {esc(contest.get('theme', ''))} | {esc(contest.get('status', ''))} | {len(contest.get('laureates', []))} |\n")
    winners: dict[str, list[Record]] = {}
    for award in model.awards():
        winners.setdefault(award.jst_code, []).append(award.contest)
    repeat = [code for code, editions in winners.items() if len(editions) > 1]
    if repeat:
        lines.append("\n## Samorządy nagrodzone więcej niż raz\n\n")
        lines += [f"- {link(page, model.jst_by_code[c])}: " + join(link(page, e) for e in winners[c]) + "\n" for c in repeat]
    return "".join(lines)
