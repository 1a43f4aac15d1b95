"""The home page: what the database is, what it holds, the newest practices."""
from __future__ import annotations

from generator.derive.model import SiteModel
from generator.polish import format_period
from generator.render.pages.common import esc, link
from generator.render.pages.practice import newest

INTRO = (
    "Baza Dobrych Praktyk gromadzi i upowszechnia dobre praktyki samorządów gminnych i powiatowych "
    "oraz ich doświadczenia w stosowaniu nowoczesnych narzędzi zarządzania rozwojem i usługami publicznymi. "
    "Korzystanie z bazy obniża koszty i skraca czas zapoznania się z praktyką, co zwiększa szansę na jej "
    "powtórzenie lub dostosowanie w innym samorządzie."
)


def render_home(model: SiteModel) -> str:
    page = "index.md"
    counts = [
        ("Praktyki", "praktyki/index.md", len(model.all("practice"))),
        ("Samorządy", "samorzady/index.md", len(model.all("jst"))),
        ("Sektory", "sektory/index.md", len(model.sectors())),
        ("Projekty i programy", "projekty/index.md", len(model.all("project"))),
        ("Organizacje", "organizacje/index.md", len(model.all("organisation"))),
        ("Edycje konkursu", "konkursy/index.md", len(model.all("contest"))),
        ("Procedury", "procedury/index.md", len(model.all("procedure"))),
        ("Wskaźniki", "wskazniki/index.md", len(model.all("indicator"))),
        ("Hasła słowniczka", "slowniczek/index.md", len(model.all("glossary"))),
        ("Dokumenty źródłowe", "zrodla/index.md", len(model.all("source"))),
    ]
    table = "| Zawartość | Liczba |\n| --- | ---: |\n" + "".join(f"| [{label}]({target}) | {n} |\n" for label, target, n in counts)
    latest = "".join(f"- **{link(page, p)}** ({format_period(p.get('period'))}) — {esc(p.get('summary'))}\n" for p in newest(model, 6))
    return (
        "# Baza Dobrych Praktyk samorządu terytorialnego\n\n"
        f"{INTRO}\n\n"
        "Każdy rekord wskazuje dokument, z którego pochodzą jego informacje; "
        "wszystkie [źródła](zrodla/index.md) są opisane w bazie. Treść jest otwarta: rekordy to pliki w repozytorium, "
        "a każdą stronę można poprawić przez propozycję zmiany.\n\n"
        "## Co jest w bazie\n\n" + table + "\n"
        "## Najnowsze praktyki\n\n" + latest + "\n"
        "[Wszystkie praktyki](praktyki/index.md) · [Mapa praktyk według województw](mapa/index.md)\n"
    )
