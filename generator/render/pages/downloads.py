"""The download page (issue #15): the whole site and the open data, each as one zip archive.

The archives are made after MkDocs (generator/site/downloads.py), so this page carries fill-in
spans (`<span data-bdp-fill="KEY">…</span>`) that the post-build step replaces with the links,
sizes and SHA-256 sums; until then (a preview) they say that the archive is made by `bdp build`.
"""
from __future__ import annotations

PAGE = "pobierz/index.md"
FOLDER = "pobierz"
SITE_ZIP = "baza-dobrych-praktyk.zip"
DATA_ZIP = "dane-otwarte.zip"
PENDING = "powstaje przy pełnym budowaniu strony (bdp build)"
FILL_KEYS = ("site-link", "site-size", "site-sha256", "data-link", "data-size", "data-sha256")


def fill(key: str) -> str:
    return f'<span data-bdp-fill="{key}">{PENDING}</span>'


def render_downloads() -> str:
    """The page as Markdown with fill-in spans."""
    return (
        "# Pobierz bazę\n\n"
        "Całą bazę można pobrać jako jeden plik i czytać bez internetu: po rozpakowaniu archiwum otwórz "
        "plik `index.html` w przeglądarce. Działa w niej także wyszukiwarka. Dane otwarte są osobnym, "
        "mniejszym archiwum.\n\n"
        "## Cała strona\n\n"
        f"- Plik: {fill('site-link')}\n"
        f"- Rozmiar: {fill('site-size')}\n"
        f"- Suma kontrolna SHA-256: {fill('site-sha256')}\n\n"
        "Archiwum zawiera folder `baza-dobrych-praktyk` ze wszystkimi stronami, wyszukiwarką, wykresami i danymi "
        "otwartymi. Nie zawiera samych archiwów z tej strony.\n\n"
        "## Dane otwarte\n\n"
        f"- Plik: {fill('data-link')}\n"
        f"- Rozmiar: {fill('data-size')}\n"
        f"- Suma kontrolna SHA-256: {fill('data-sha256')}\n\n"
        "Archiwum zawiera folder `dane` z rekordami w formatach JSON i CSV, tabelami wskaźników, schematami "
        "i opisem pakietu danych (`datapackage.json`): te same pliki, które są na stronie [Dane otwarte](../dane/index.md).\n\n"
        "## Jak sprawdzić sumę kontrolną\n\n"
        "Suma SHA-256 pobranego pliku musi być równa sumie podanej wyżej; inna suma oznacza plik uszkodzony "
        "albo zmieniony. Sumę obliczy polecenie:\n\n"
        f"- Linux: `sha256sum {SITE_ZIP}`\n"
        f"- macOS: `shasum -a 256 {SITE_ZIP}`\n"
        f"- Windows (PowerShell): `Get-FileHash {SITE_ZIP} -Algorithm SHA256`\n\n"
        "## Dlaczego kopia strony nie podaje sumy samej siebie\n\n"
        "Suma kontrolna archiwum zależy od każdego bajtu jego zawartości, więc strona wewnątrz archiwum nie może jej "
        "zawierać. Dlatego ta strona w rozpakowanej kopii podaje rozmiar i sumę archiwum danych otwartych, a dla "
        "archiwum całej strony odsyła do opublikowanej witryny. Te same treści dają zawsze te same archiwa, bajt po "
        "bajcie: daty plików w archiwum pochodzą z treści bazy, a nie z chwili budowania.\n"
    )
