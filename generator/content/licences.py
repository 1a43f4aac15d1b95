"""The licences the project publishes under: one place for their names, SPDX ids and addresses.

Code (the generator, scripts, templates, schemas) is MIT (LICENSE); the database's content and the
open data built from it are CC BY 4.0 (LICENSES/CC-BY-4.0.txt). Quotations from the source documents
stay their publishers' and are attributed to them in every record's sources."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    spdx: str  # SPDX identifier, also the file name in LICENSES/
    short: str  # what a page shows beside a link: "CC BY 4.0"
    title: str  # the full Polish name
    url: str  # the licence's own page (Polish deed where there is one)


CONTENT = Licence("CC-BY-4.0", "CC BY 4.0", "Creative Commons Uznanie autorstwa 4.0 Międzynarodowe",
                  "https://creativecommons.org/licenses/by/4.0/deed.pl")
CODE = Licence("MIT", "MIT", "Licencja MIT", "https://opensource.org/license/mit/")

# How to credit the content when reusing it (CC BY 4.0 requires attribution).
ATTRIBUTION = "Baza Dobrych Praktyk samorządu terytorialnego"

QUOTATIONS = ("Fragmenty dokumentów źródłowych cytowane w rekordach są cytatami: prawa do nich zachowują ich autorzy "
              "i wydawcy, każdy rekord wskazuje dokument, z którego pochodzą, a licencja CC BY 4.0 ich nie obejmuje.")


def datapackage_licences() -> list[dict[str, str]]:
    """The `licenses` of dane/datapackage.json (Frictionless Data Package: name = SPDX id, path, title)."""
    return [{"name": CONTENT.spdx, "path": "https://creativecommons.org/licenses/by/4.0/", "title": CONTENT.title}]
