"""Reuse tracking on the pages: both directions on a practice page and the list of the most reused practices."""
from __future__ import annotations

from generator.content.records import Record
from generator.derive.model import SiteModel
from generator.derive.reuse import Adoption, reuse_index
from generator.polish import plural, there_are
from generator.render.pages.common import bullet_list, esc, jst_link, link, rel, section

PAGE = "praktyki/najczesciej-przenoszone.md"


def _note(adoption: Adoption) -> str:
    return f" — {esc(adoption.note)}" if adoption.note else ""


def inspired(count: int) -> str:
    """"Zainspirowała 1 samorząd", "… 3 samorządy", "… 5 samorządów"."""
    return f"Zainspirowała {plural(count, 'samorząd', 'samorządy', 'samorządów')}"


def source_section(page: str, model: SiteModel, record: Record) -> str:
    """On the source practice: who adopted it, when, and with which practice record."""
    index = reuse_index(model)
    adoptions = index.by_source.get(record.id, ())
    if not adoptions:
        return ""
    items = [f"{jst_link(page, model, a.jst_code)} ({a.year}): {link(page, a.adopter)}{_note(a)}" for a in adoptions]
    lead = (f"{inspired(index.jst_count(record.id))} do wdrożenia tej praktyki u siebie. "
            f"Zobacz też [najczęściej przenoszone praktyki]({rel(page, PAGE)}).\n\n")
    return section("Przeniesienia do innych samorządów", lead + bullet_list(items))


def adopter_section(page: str, model: SiteModel, record: Record) -> str:
    """On the adopting practice: "Wzorowano na …"."""
    adoptions = reuse_index(model).by_adopter.get(record.id, ())
    items = [f"{link(page, a.source)} — przeniósł {jst_link(page, model, a.jst_code)} w {a.year} r.{_note(a)}" for a in adoptions]
    return section("Wzorowano na", bullet_list(items))


def render_most_reused(model: SiteModel) -> str:
    """The practices other local governments adopted, most local governments first."""
    page = PAGE
    ranked = reuse_index(model).most_reused()
    lines = ["# Najczęściej przenoszone praktyki\n\n",
             "Praktyki, które inne samorządy przeniosły do siebie (pole „wzorowano na” w opisie praktyki przejmującej), "
             "od przenoszonych przez najwięcej samorządów. Dane o przeniesieniach są też w "
             f"[danych otwartych]({rel(page, 'dane/index.md')}) (tabela przeniesień).\n\n"]
    if not ranked:
        lines.append("W bazie nie ma jeszcze zapisanych przeniesień praktyk: żadne źródło opisu praktyki nie mówi, "
                     "że wzorowano ją na innej praktyce z bazy.\n")
        return "".join(lines)
    lines.append(f"W bazie {there_are(len(ranked), 'praktyka przeniesiona', 'praktyki przeniesione', 'praktyk przeniesionych')} "
                 "do innych samorządów.\n\n")
    lines.append("| Praktyka | Samorządy, które ją przeniosły | Liczba samorządów |\n| --- | --- | --- |\n")
    by_source = reuse_index(model).by_source
    for record, count in ranked:
        places = ", ".join(f"{jst_link(page, model, a.jst_code)} ({a.year})" for a in by_source[record.id])
        lines.append(f"| **{link(page, record)}** | {places} | {count} |\n")
    return "".join(lines)
