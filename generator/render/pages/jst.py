"""Local-government pages and the registry index grouped by voivodeship."""
from __future__ import annotations

from collections import defaultdict

from generator.content.records import Record
from generator.derive.model import SiteModel
from generator.polish import plural, plural_form, sort_key, there_are
from generator.render import share
from generator.render.indicators import indicator_site
from generator.render.pages import compare
from generator.render.pages.common import (
    bullet_list,
    edit_footer,
    esc,
    facts_table,
    link,
    notice,
    page_path,
    record_list,
    rel,
    section,
    sources_section,
)

UNVERIFIED = notice("warning", "Kod TERYT wymaga sprawdzenia",
                    "Przypisanie tej jednostki lub jej kodu TERYT nie zostało potwierdzone. {note}")


def _awards(page: str, model: SiteModel, jst: Record) -> str:
    items = []
    for award in model.awards():
        if award.jst_code == jst.get("teryt"):
            practice = model.get("practice", award.practice) if award.practice else None
            text = f"{esc(award.award)} — {link(page, award.contest)}"
            if practice:
                text += f" za praktykę {link(page, practice)}"
            items.append(text)
    return bullet_list(items)


def render_jst(model: SiteModel, jst: Record) -> str:
    page = page_path(jst)
    code = jst.get("teryt")
    practices = model.referring("jst", code, "practice")
    projects = model.referring("jst", code, "project")
    procedures = model.referring("jst", code, "procedure")
    rows = [
        ("Rodzaj", esc(jst.get("type"))),
        ("Województwo", esc(jst.get("voivodeship"))),
        ("Powiat", esc(jst.get("powiat", ""))),
        ("Kod TERYT (TERC)", f"`{code}`" + ("" if jst.get("teryt_verified") else " (do sprawdzenia)")),
        ("Nazwa w dokumencie źródłowym", esc(jst.get("name_in_source", ""))),
    ]
    parts = [f"# {esc(jst.get('name'))}\n\n", facts_table(rows), "\n", compare.pick_block(page, "jst", str(code))]
    if not jst.get("teryt_verified"):
        parts.append(UNVERIFIED.format(note=esc(jst.get("note", ""))))
    elif jst.get("note"):
        parts.append(notice("note", "Uwaga redakcji", esc(jst.get("note"))))
    parts += [
        section("Praktyki", record_list(page, practices)),
        section("Nagrody w konkursach", _awards(page, model, jst)),
        section("Projekty", record_list(page, projects)),
        section("Procedury", record_list(page, procedures)),
        section("Wskaźniki na tle grup porównawczych", indicator_site(model).jst_sections.get(code, "")),
        sources_section(page, model, jst),
        share.correction_block(model.publisher, jst, page),
        share.propose_block(model.publisher, {"jst": str(jst.get("name"))}, str(jst.get("name"))),
        edit_footer(model, jst),
    ]
    return "".join(parts)


def render_jst_index(model: SiteModel) -> str:
    page = "samorzady/index.md"
    all_jst = model.all("jst")
    by_voivodeship: dict[str, list[Record]] = defaultdict(list)
    for jst in all_jst:
        by_voivodeship[jst.get("voivodeship")].append(jst)
    unverified = sum(1 for j in all_jst if not j.get("teryt_verified"))
    listed = there_are(len(all_jst), "samorząd wymieniony", "samorządy wymienione", "samorządów wymienionych")
    doubt = (f"{plural(unverified, 'jednostka wymaga', 'jednostki wymagają', 'jednostek wymaga')} potwierdzenia, "
             + plural_form(unverified, "bo jej nazwy w źródle nie da się jednoznacznie odczytać albo przypisać",
                           "bo ich nazw w źródle nie da się jednoznacznie odczytać albo przypisać",
                           "bo ich nazw w źródle nie da się jednoznacznie odczytać albo przypisać")) if unverified else "wszystkie są potwierdzone"
    parts = [f"# Samorządy\n\nW rejestrze {listed} w dokumentach źródłowych, według województw. "
             f"Kody TERYT sprawdzono w rejestrze TERC; {doubt}. "
             f"Wybrane samorządy można [porównać obok siebie]({rel(page, compare.PAGE)}).\n\n"]
    for voivodeship in sorted(by_voivodeship, key=sort_key):
        parts.append(f"## Województwo {esc(voivodeship)}\n\n| Samorząd | Rodzaj | TERYT | Praktyki |\n| --- | --- | --- | --- |\n")
        for jst in sorted(by_voivodeship[voivodeship], key=lambda r: sort_key(r.get("name"))):
            flag = "" if jst.get("teryt_verified") else " (do sprawdzenia)"
            count = len(model.referring("jst", jst.get("teryt"), "practice"))
            parts.append(f"| {link(page, jst)} | {esc(jst.get('type'))} | `{jst.get('teryt')}`{flag} | {count} |\n")
        parts.append("\n")
    return "".join(parts)
