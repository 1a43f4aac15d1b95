"""Pages for the editors: what needs attention, and the field guide generated from the schemas."""
from __future__ import annotations

import re

from generator.derive.model import SiteModel
from generator.polish import format_date, plural
from generator.render.guide import render_guide
from generator.render.pages.common import bullet_list, esc, link, section

PAGE = "dla-redakcji/index.md"
GUIDE_PAGE = "dla-redakcji/przewodnik.md"


def render_editors(model: SiteModel) -> str:
    stale = [p for p in model.all("practice") if model.is_stale(p)]
    unverified = [j for j in model.all("jst") if not j.get("teryt_verified")]
    stale_items = [f"{link(PAGE, p)} — ostatnio sprawdzono {format_date(p.get('last_verified'))}" for p in stale]
    jst_items = [f"{link(PAGE, j)} (`{j.get('teryt')}`) — {esc(j.get('note', ''))}" for j in unverified]
    return "".join([
        "# Dla redakcji\n\n",
        "Jak dodać lub poprawić rekord, opisuje [przewodnik dla redakcji](przewodnik.md): wszystkie pola każdego rodzaju "
        "rekordu i wszystkie komunikaty walidatora, generowane ze schematów.\n\n",
        section(f"Praktyki do ponownej weryfikacji ({len(stale)})",
                (f"Praktyki sprawdzone ze źródłami dawniej niż {plural(model.stale_after_days // 365, 'rok', 'lata', 'lat')} temu"
                 + (f" (stan na {format_date(model.today.isoformat())})" if model.today else "") + ".\n\n"
                 + (bullet_list(stale_items) or "Wszystkie praktyki są aktualne.\n"))),
        section(f"Samorządy z kodem TERYT do sprawdzenia ({len(unverified)})", bullet_list(jst_items) or "Brak.\n"),
    ])


def render_guide_page() -> str:
    """The guide on the site; example e-mail addresses are written the way the site writes every address."""
    guide = re.sub(r"([\w.+-]+)@([\w-]+\.[\w.]+)", r"\1 (małpa) \2", render_guide())
    return "# Przewodnik dla redakcji\n\nPełny przewodnik z opisem zasad jest w pliku `CONTRIBUTING.md` repozytorium.\n\n" + guide
