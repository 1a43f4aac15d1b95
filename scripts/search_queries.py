"""Top results of chosen queries on a built site, read from the search page in headless Chromium.

    .venv/bin/python scripts/search_queries.py SITE [--json wyniki.json]
    .venv/bin/python scripts/search_queries.py --compare BEFORE.json AFTER.json > docs-notes/search-queries.md

The first form opens SITE/szukaj/index.html?q=… from disk for each query of QUERIES and records the
first three results (page and title) and the status line as the visitor sees them. The second writes
a Markdown table of two such records (before and after a change). Not a test: a note for people.
"""
from __future__ import annotations

import argparse
import json
import sys
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import CHROMIUM_FLAGS, chromium_path  # noqa: E402

from generator import polish  # noqa: E402

# (query, what it tries) — plurals and cases, no Polish letters, one unmatched word, typos, names
QUERIES: tuple[tuple[str, str], ...] = (
    ("plock", "nazwa samorządu bez polskich liter"),
    ("elk", "nazwa samorządu bez polskich liter"),
    ("dabrowa gornicza", "nazwa samorządu bez polskich liter"),
    ("budzyn", "nazwa samorządu bez polskich liter"),
    ("plocku", "nazwa samorządu w innym przypadku"),
    ("plock konsultacje", "samorząd i temat"),
    ("konkursy", "liczba mnoga"),
    ("laureaci", "liczba mnoga"),
    ("odpadami", "inny przypadek"),
    ("badań", "inny przypadek"),
    ("organizacje pozarzadowe", "liczba mnoga bez polskich liter"),
    ("konsultacje kwazar", "jedno słowo bez wyników"),
    ("budzet obywatelski plock", "słowo bez wyników i nazwa samorządu"),
    ("konsutacje", "literówka: brak litery"),
    ("strateiga", "literówka: zamienione litery"),
    ("wspolpracz", "literówka: zmieniona litera"),
    ("2011", "rok edycji konkursu"),
    ("lider zarzadzania 2012", "nazwa edycji konkursu"),
    ("edycja 2010", "edycja konkursu"),
    ("zwiazek miast polskich", "nazwa organizacji bez polskich liter"),
)

READ = """() => {
  const items = [...document.querySelectorAll('#search-results li')].slice(0, 3);
  return {status: document.getElementById('bdp-status').textContent.trim(),
          top: items.map(li => { const a = li.querySelector('a');
            return {page: a.getAttribute('href').replace(/^(\\.\\.\\/)+/, ''), title: a.textContent}; })};
}"""


def run(site: Path) -> list[dict[str, Any]]:
    """Each query's first three results and status on the search page of a built site (from disk)."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for query, why in QUERIES:
            page.goto((site / "szukaj" / "index.html").as_uri() + "?q=" + urllib.parse.quote(query))
            page.wait_for_selector("#bdp-search[data-state=ready]", timeout=60_000)
            # the body index may widen the results; wait for it when the page reports it
            page.wait_for_function("document.getElementById('bdp-search').getAttribute('data-body') === 'ready'",
                                   timeout=60_000)
            out.append({"query": query, "why": why} | page.evaluate(READ))
        browser.close()
    return out


def _cell(row: dict[str, Any]) -> str:
    top = [f"{n}. {item['title']} (`{item['page']}`)" for n, item in enumerate(row["top"], 1)]
    return "<br>".join(top) if top else "—"


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """A Markdown table: each query, what it tries, the top 3 before and after, and the status after."""
    lines = ["# Wyszukiwanie: 20 zapytań przed zmianami i po nich", "",
             "Trzy pierwsze wyniki strony `szukaj/` (wbudowana treść, Chromium bez okna, strona otwarta z dysku).",
             "Plik wygenerowany: `scripts/search_queries.py SITE --json …` dla strony przed zmianami i po nich,",
             "potem `scripts/search_queries.py --compare PRZED.json PO.json`. Nie poprawiać ręcznie.", "",
             "| zapytanie | co sprawdza | 3 pierwsze wyniki przed | 3 pierwsze wyniki po | zmiana | komunikat po |",
             "| --- | --- | --- | --- | --- | --- |"]
    old = {row["query"]: row for row in before}
    changed = 0
    for row in after:
        previous = old.get(row["query"], {"top": []})
        moved = [item["page"] for item in previous["top"]] != [item["page"] for item in row["top"]]
        changed += moved
        lines.append(f"| {row['query']} | {row['why']} | {_cell(previous)} | {_cell(row)} | {'tak' if moved else '—'} "
                     f"| {row['status']} |")
    lines.insert(5, f"{polish.plural(len(after), 'zapytanie', 'zapytania', 'zapytań')}; trzy pierwsze wyniki "
                    f"zmieniły się dla {changed}.")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, nargs="?", help="katalog zbudowanej strony")
    parser.add_argument("--json", type=Path, help="zapisz wyniki do pliku JSON")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("PRZED", "PO"), help="tabela z dwóch plików JSON")
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        sys.stdout.write(compare(before, after))
        return 0
    if not args.site or not (args.site / "szukaj" / "index.html").is_file():
        print("search_queries: podaj katalog zbudowanej strony (z plikiem szukaj/index.html)", file=sys.stderr)
        return 2
    rows = run(args.site.resolve())
    text = json.dumps(rows, indent=2, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
