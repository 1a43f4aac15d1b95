"""Contest edition pages and the contest index with laureates across editions."""
from __future__ import annotations

from generator.content.records import Record
from generator.derive.model import Award, SiteModel
from generator.polish import MONTHS_GENITIVE, format_date, plural, sort_key
from generator.render.pages.common import (
    bullet_list,
    edit_footer,
    esc,
    facts_table,
    join,
    link,
    notice,
    page_path,
    rel,
    section,
    sector_link,
    sources_section,
)


def as_of_phrase(as_of: str | None) -> str:
    """'2012' -> 'według źródła z 2012 r.', '2012-05' -> '… z maja 2012 r.', None -> 'według niedatowanego źródła'."""
    if not as_of:
        return "według niedatowanego źródła"
    parts = as_of.split("-")
    if len(parts) == 1:
        return f"według źródła z {parts[0]} r."
    month = MONTHS_GENITIVE[int(parts[1]) - 1]
    day = f"{int(parts[2])} " if len(parts) == 3 else ""
    return f"według źródła z {day}{month} {parts[0]} r."


_STATUS_PAST = {"zapowiedziana": "edycja była zapowiedziana", "ocena": "trwała ocena zgłoszeń",
                "wyniki ogłoszone": "wyniki były ogłoszone", "nabór otwarty": "trwał nabór zgłoszeń"}


def status_text(status: str | None, deadline: str | None, as_of: str | None, example: bool = False) -> str:
    """The edition's state as of its source, in the past tense, so a past call never reads as open today:
    ('nabór otwarty', '2012-06-15', '2012') -> 'Według źródła z 2012 r. nabór trwał do 15 czerwca 2012 r.'"""
    if not status:
        return ""
    if status == "nabór otwarty" and deadline:
        state = f"nabór trwał do {format_date(deadline)} r."
    else:
        state = _STATUS_PAST.get(status, status) + "."
    if example:
        return f"Dane przykładowe: {state}"
    phrase = as_of_phrase(as_of)
    return f"{phrase[0].upper()}{phrase[1:]} {state}"


def contest_as_of(model: SiteModel, contest: Record) -> str | None:
    """When the edition was in its recorded state: status_as_of, else the year of its first dated source."""
    if contest.get("status_as_of"):
        return str(contest.get("status_as_of"))
    for ref in contest.get("sources", []) or []:
        source = model.get("source", ref.get("source", ""))
        if source and source.get("year"):
            return str(source.get("year"))
    return None


def contest_status(model: SiteModel, contest: Record) -> str:
    return status_text(contest.get("status"), contest.get("deadline"), contest_as_of(model, contest), bool(contest.get("example")))


def _laureates(page: str, model: SiteModel, contest: Record) -> str:
    laureates = contest.get("laureates", [])
    if not laureates:
        return ""
    categories = {c["id"]: c["name"] for c in contest.get("categories", [])}
    columns: list[tuple[str, object]] = [
        ("Samorząd", lambda lau, j: link(page, j)),
        ("Rodzaj", lambda lau, j: esc(j.get("type"))),
        ("Województwo", lambda lau, j: esc(j.get("voivodeship"))),
        ("Nagroda", lambda lau, j: esc(lau["award"])),
        ("Kategoria", lambda lau, j: esc(categories.get(lau.get("category", ""), ""))),
        ("Praktyka", lambda lau, j: link(page, p) if lau.get("practice") and (p := model.get("practice", lau["practice"])) else ""),
        ("Uwagi", lambda lau, j: esc("; ".join(x for x in (f"w źródle „{lau['name_in_source']}”" if lau.get("name_in_source") else "", lau.get("note", "")) if x))),
    ]
    rows = [[cell(lau, model.jst_by_code[lau["jst"]]) for _, cell in columns] for lau in laureates]  # type: ignore[operator]
    keep = [i for i, (name, _) in enumerate(columns) if i < 4 or any(row[i] for row in rows)]
    lines = [f"{plural(len(laureates), 'nagrodzony samorząd', 'nagrodzone samorządy', 'nagrodzonych samorządów')}, w kolejności podanej w źródle.\n\n",
             "| " + " | ".join(columns[i][0] for i in keep) + " |\n", "| " + " | ".join("---" for _ in keep) + " |\n"]
    lines += ["| " + " | ".join(row[i] for i in keep) + " |\n" for row in rows]
    return "".join(lines)


EXAMPLE_NOTE = notice("warning", "Dane przykładowe",
                      "To nie jest prawdziwa edycja konkursu, tylko przykład pokazujący pracę jury. Kategorie, kryteria, "
                      "wagi i skale na tej stronie są przykładowe (zmyślone), a nie wzięte ze źródła.")


def _criteria(contest: Record) -> str:
    """The criteria with weights and scales; the jury's scores are never shown on the public site."""
    criteria = contest.get("criteria", [])
    if not criteria:
        return ""
    lines = ["| Kryterium | Waga | Skala ocen | Co ocenia jury |", "| --- | --- | --- | --- |"]
    lines += [f"| {esc(c['name'])} | {c['weight']}% | {c['scale']['min']}–{c['scale']['max']} | {esc(c.get('description', ''))} |" for c in criteria]
    note = "**Dane przykładowe:** kryteria, wagi i skale tej edycji są przykładowe.\n\n" if contest.get("example") else ""
    return note + "\n".join(lines) + "\n"


def render_contest(model: SiteModel, contest: Record) -> str:
    page = page_path(contest)
    project = model.get("project", contest.get("project", "")) if contest.get("project") else None
    rows = [
        ("Konkurs", esc(contest.get("contest"))), ("Rok edycji", str(contest.get("year"))),
        ("Temat", esc(contest.get("theme", ""))),
        ("Sektory", join(sector_link(page, s) for s in contest.get("sectors", []))),
        ("Stan (dane przykładowe)" if contest.get("example") else "Stan według źródła", esc(contest_status(model, contest))),
        ("Termin zgłoszeń", format_date(contest.get("deadline")) if contest.get("deadline") else ""),
        ("Kto może się zgłosić", esc(contest.get("eligibility", ""))),
        ("Organizatorzy", join(link(page, o) for oid in contest.get("organisers", []) if (o := model.get("organisation", oid)))),
        ("Projekt", link(page, project) if project else ""),
    ]
    categories = [f"**{esc(c['name'])}**" + (f" — {esc(c['description'])}" if c.get("description") else "")
                  + (f" (dla: {esc(', '.join(c['jst_types']))})" if c.get("jst_types") else "") for c in contest.get("categories", [])]
    return "".join([
        f"# {esc(contest.get('title'))}\n\n", EXAMPLE_NOTE if contest.get("example") else "", facts_table(rows), "\n",
        section("Cele konkursu", bullet_list(esc(g) for g in contest.get("goals", []))),
        section("Kategorie", bullet_list(categories)),
        section("Kryteria oceny", _criteria(contest)),
        section("Laureaci", _laureates(page, model, contest)),
        sources_section(page, model, contest), edit_footer(model, contest),
    ])


def render_contest_index(model: SiteModel) -> str:
    page = "konkursy/index.md"
    contests = sorted(model.all("contest"), key=lambda c: c.get("year"), reverse=True)
    lines = ["# Konkurs „Samorządowy Lider Zarządzania”\n\n"
             "Konkurs dla wszystkich samorządów gminnych i powiatowych w kraju; jego laureaci trafiają do Bazy Dobrych Praktyk.\n\n"
             "## Edycje\n\n| Edycja | Temat | Stan według źródła | Laureaci |\n| --- | --- | --- | --- |\n"]
    for contest in (c for c in contests if not c.get("example")):
        lines.append(f"| {link(page, contest)} | {esc(contest.get('theme', ''))} | {esc(contest_status(model, contest))} | {len(contest.get('laureates', []))} |\n")
    lines.append(f"\n[Archiwum laureatów]({rel(page, ARCHIVE_PAGE)}): według roku, rodzaju samorządu i sektora.\n")
    examples = [c for c in contests if c.get("example")]
    if examples:
        lines.append("\n## Przykładowa edycja (dane przykładowe)\n\n"
                     "Przykład pokazujący kategorie i kryteria oceny, a nie prawdziwa edycja konkursu:\n\n")
        lines += [f"- {link(page, c)} — dane przykładowe\n" for c in examples]
    winners: dict[str, list[Record]] = {}
    for award in real_awards(model):
        winners.setdefault(award.jst_code, []).append(award.contest)
    repeat = [code for code, editions in winners.items() if len(editions) > 1]
    if repeat:
        lines.append("\n## Samorządy nagrodzone więcej niż raz\n\n")
        lines += [f"- {link(page, model.jst_by_code[c])}: " + join(link(page, e) for e in winners[c]) + "\n" for c in repeat]
    return "".join(lines)


ARCHIVE_PAGE = "konkursy/archiwum.md"


def real_awards(model: SiteModel) -> list[Award]:
    """Awards of real editions, oldest first; example editions never count as results."""
    return sorted((a for a in model.awards() if not a.contest.get("example")), key=lambda a: (a.contest.get("year"), a.contest.id))


def _award_rows(page: str, model: SiteModel, awards: list[Award], columns: tuple[str, ...]) -> str:
    cells = {
        "Samorząd": lambda a, j: link(page, j), "Rodzaj": lambda a, j: esc(j.get("type")),
        "Województwo": lambda a, j: esc(j.get("voivodeship")), "Edycja": lambda a, j: link(page, a.contest, str(a.contest.get("year"))),
        "Nagroda": lambda a, j: esc(a.award),
        "Praktyka": lambda a, j: link(page, p) if a.practice and (p := model.get("practice", a.practice)) else "",
    }
    if not any(a.practice for a in awards):
        columns = tuple(c for c in columns if c != "Praktyka")
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    for award in awards:
        jst = model.jst_by_code[award.jst_code]
        lines.append("| " + " | ".join(cells[c](award, jst) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def render_contest_archive(model: SiteModel) -> str:
    """Laureates across editions: by year, by type of local government and by sector; repeat winners shown."""
    page = ARCHIVE_PAGE
    awards = real_awards(model)
    parts = ["# Archiwum laureatów konkursu\n\n",
             "Laureaci i wyróżnieni wszystkich edycji konkursu „Samorządowy Lider Zarządzania” zapisanych w bazie, "
             "z odnośnikami do stron samorządów i nagrodzonych praktyk."
             + (" Przykładowe edycje są pominięte." if any(c.get("example") is True for c in model.all("contest")) else "")
             + "\n\n"]
    if not awards:
        return "".join(parts) + "Baza nie ma jeszcze laureatów.\n"
    count: dict[str, int] = {}
    for award in awards:
        count[award.jst_code] = count.get(award.jst_code, 0) + 1
    repeat = sorted((c for c, n in count.items() if n > 1), key=lambda c: sort_key(str(model.jst_by_code[c].get("name"))))
    if repeat:
        items = [f"{link(page, model.jst_by_code[c])} — {plural(count[c], 'nagroda', 'nagrody', 'nagród')}: "
                 + join(link(page, a.contest, str(a.contest.get("year"))) for a in awards if a.jst_code == c) for c in repeat]
        parts.append(section("Samorządy nagrodzone więcej niż raz", bullet_list(items)))
    parts.append("## Według roku\n\n")
    for year in sorted({a.contest.get("year") for a in awards}, reverse=True):
        in_year = [a for a in awards if a.contest.get("year") == year]
        parts.append(f"### {year}\n\n{plural(len(in_year), 'nagrodzony samorząd', 'nagrodzone samorządy', 'nagrodzonych samorządów')}.\n\n")
        parts.append(_award_rows(page, model, in_year, ("Samorząd", "Rodzaj", "Województwo", "Edycja", "Nagroda", "Praktyka")) + "\n")
    parts.append("## Według rodzaju samorządu\n\n")
    kinds = sorted({str(model.jst_by_code[a.jst_code].get("type")) for a in awards}, key=sort_key)
    for kind in kinds:
        of_kind = [a for a in awards if model.jst_by_code[a.jst_code].get("type") == kind]
        parts.append(f"### {esc(kind)}\n\n" + _award_rows(page, model, of_kind, ("Samorząd", "Województwo", "Edycja", "Nagroda", "Praktyka")) + "\n")
    parts.append(_by_sector(page, model, awards))
    return "".join(parts).rstrip() + "\n"


def _by_sector(page: str, model: SiteModel, awards: list[Award]) -> str:
    """A laureate is listed under a sector only when the source gives it: through the awarded practice's
    sectors. An edition's sectors are its theme, not each laureate's; laureates without a known sector
    are listed once per edition, with the edition's sectors named as its theme."""
    by_sector: dict[str, list[Award]] = {}
    unknown: list[Award] = []
    for award in awards:
        practice = model.get("practice", award.practice) if award.practice else None
        sectors = practice.get("sectors", []) if practice else []
        for sector in sectors:
            by_sector.setdefault(sector, []).append(award)
        if not sectors:
            unknown.append(award)
    parts = ["## Według sektora\n\n",
             "Sektor nagrodzonego rozwiązania podajemy tylko wtedy, gdy wynika ze źródła — z opisu nagrodzonej praktyki "
             "w bazie. Sektory edycji to jej temat, a nie sektor każdego laureata.\n\n"]
    for sector in sorted(by_sector, key=sort_key):
        parts.append(f"### {esc(sector)}\n\n{sector_link(page, sector)}: "
                     + join(f"{link(page, model.jst_by_code[a.jst_code])} ({a.contest.get('year')})" for a in by_sector[sector]) + "\n\n")
    if unknown:
        parts.append("### Sektor niepodany w źródle\n\n")
        for contest in sorted({a.contest.id: a.contest for a in unknown}.values(), key=lambda c: (c.get("year"), c.id)):
            in_contest = [a for a in unknown if a.contest.id == contest.id]
            theme = join(sector_link(page, s) for s in contest.get("sectors", []))
            parts.append(f"- {link(page, contest, str(contest.get('year')))}"
                         + (f" (temat edycji: {theme})" if theme else "") + ": "
                         + join(link(page, model.jst_by_code[a.jst_code]) for a in in_contest) + "\n")
        parts.append("\n")
    return "".join(parts)
