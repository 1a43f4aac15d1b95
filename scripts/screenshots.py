"""Screenshots of every kind of page at 380 and 1280 px, to look at what a build makes.

Builds the bundled content, the demo content and the demo jury site into a temporary folder (the
repository's own site/ is left alone) and saves full-page PNGs, named <site>-<page>-<width>.png, in
--out. Uses Debian's Chromium through Playwright, as the browser tests do.

    .venv/bin/python scripts/screenshots.py --out .tmp/zrzuty
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WIDTHS = (380, 1280)
PAGES = {
    "bundled": {
        "praktyka": "praktyki/plocki-model-wspolpracy.html",
        "samorzad": "samorzady/plock.html",
        "wskaznik": "wskazniki/koszt-uslug-oswiata.html",
        "szukaj": "szukaj/index.html?q=konsultacje",
        "konkurs": "konkursy/samorzadowy-lider-zarzadzania-2011.html",
        "mapa": "mapa/index.html",
        "pobierz": "pobierz/index.html",
        "dane": "dane/index.html",
    },
    "demo": {
        "wskaznik-demo": "wskazniki/decyzje-po-terminie.html",
        "porownanie-samorzadow": "porownaj/index.html?jst=1451012,1451022,3050011,2250013",
        "porownanie-praktyk": "porownaj/index.html?praktyki=fikcyjna-dolna-terminowe-decyzje,wzorcowa-terminowe-decyzje",
        "najczesciej-przenoszone": "praktyki/najczesciej-przenoszone.html",
    },
    "jury": {"jury-ranking": "przyklad-edycji-konkursu/index.html"},
}


def bdp(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"Budowanie nie powiodło się ({' '.join(args)}):\n{result.stdout}\n{result.stderr}")


def build_sites(work: Path) -> dict[str, Path]:
    for name in ("demo", "demo-jury"):
        shutil.copytree(PROJECT / name, work / name, ignore=shutil.ignore_patterns("site", "build", "jury-site"))
    bdp("--root", str(PROJECT), "build", "--force")
    bdp("--root", str(work / "demo"), "build")
    bdp("--root", str(work / "demo"), "build", "--profile", "jury", "--jury-data", str(work / "demo-jury"))
    return {"bundled": PROJECT / "site", "demo": work / "demo" / "site", "jury": work / "demo-jury" / "jury-site"}


def shoot(sites: dict[str, Path], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Brak Chromium: uruchom make test-tools.")
    made = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for site, pages in PAGES.items():
            for name, address in pages.items():
                path, _, query = address.partition("?")
                url = (sites[site] / path).as_uri() + (f"?{query}" if query else "")
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 800})
                    page.goto(url)
                    page.wait_for_load_state("load")
                    page.wait_for_timeout(300)  # scripts that fill the page (search, comparison)
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    made.append(target)
                    page.close()
        browser.close()
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description="Zrzuty ekranu stron każdego rodzaju przy 380 i 1280 px.")
    parser.add_argument("--out", type=Path, required=True, help="katalog na pliki PNG")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        made = shoot(build_sites(Path(work)), args.out)
    print(f"Zapisano {len(made)} zrzutów w {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
