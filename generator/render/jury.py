"""The jury site's Markdown pages: a pure function of the reviews (derive.py) and the public records."""
from __future__ import annotations

from generator.content.records import Record
from generator.derive.jury import Criterion, EditionReview, EntryResult, near_ties, number
from generator.polish import format_date, plural
from generator.render.pages.common import bullet_list, esc, facts_table, notice, rel, section

STYLESHEET = """/* Jury site: printable pages. Links recognisable without colour, focus always visible (as on the public site). */
.md-typeset a { text-decoration: underline; text-underline-offset: 0.15em; }
.md-typeset a.headerlink { text-decoration: none; }
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
/* A wide table scrolls inside its own box (assets/bdp.js names it and makes it focusable); words are
   never cut: a column is at least as wide as its longest word, so titles do not fall apart on a laptop. */
.md-typeset__scrollwrap { max-width: 100%; overflow-x: auto; }
.md-typeset table:not([class]) { max-width: 100%; font-size: 0.8rem; }
.md-typeset table:not([class]) td, .md-typeset table:not([class]) th { overflow-wrap: normal; word-break: normal; hyphens: manual;
  padding: .4em .45em; }
.md-typeset table:not([class]) th { min-width: 0; }
.md-typeset table:not([class]) td:has(> a) { min-width: 10em; }
@media screen and (min-width: 60em) {
  .md-typeset__table { display: block; }
  .md-typeset table:not([class]) { display: table; width: 100%; }
  .md-typeset table:not([class]) td:has(> a) { min-width: 10em; }
}
.md-typeset { overflow-wrap: break-word; }
.md-header__title { overflow-x: clip; }
.md-nav__link, .md-header__button, .md-top { min-height: 24px; min-width: 24px; align-items: center; }
@media print {
  .md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-typeset .headerlink, .bdp-screen-only { display: none !important; }
  .md-main__inner, .md-content__inner { margin: 0 !important; padding: 0 !important; }
  .md-content { max-width: none !important; }
  .md-typeset { font-size: 11pt; }
  .md-typeset table:not([class]) { font-size: 10pt; display: table; max-width: none; }
  .md-typeset__scrollwrap { overflow: visible !important; }
  .md-typeset .admonition, .md-typeset table, .md-typeset tr { break-inside: avoid; }
  .md-typeset a { color: inherit; text-decoration: none; }
}
"""

CONFIDENTIAL = notice("danger", "Poufne — tylko dla jury",
                      "Ta strona zawiera zgłoszenia, oceny i uzasadnienia, które nie są publikowane. "
                "Nie przekazuj jej nikomu spoza jury. Strona publiczna bazy pokazuje tylko laureatów i kryteria.")
EXAMPLE = notice("warning", "Dane przykładowe",
                 "To jest przykładowa edycja: kryteria, wagi, skale, jurorzy, zgłoszenia i oceny są zmyślone "
           "i służą tylko pokazaniu pracy jury. To nie są prawdziwe wyniki konkursu.")
DASH = "……"
# Front matter of a page whose tables need the whole width: the theme leaves out the table of contents.
WIDE_PAGE = "---\nhide:\n  - toc\n---\n\n"


def edition_dir(review: EditionReview) -> str:
    return review.edition.id


def entry_page(review: EditionReview, entry_id: str) -> str:
    return f"{edition_dir(review)}/zgloszenia/{entry_id}.md"


def sheet_page(review: EditionReview, entry_id: str, juror_id: str) -> str:
    return f"{edition_dir(review)}/karty/{entry_id}--{juror_id}.md"


def _banners(review: EditionReview) -> str:
    return CONFIDENTIAL + (EXAMPLE if review.example else "")


def _jst(jst_by_code: dict[str, Record], code: object) -> str:
    jst = jst_by_code.get(str(code))
    return f"{esc(jst.get('name'))} ({esc(jst.get('type'))}, {esc(jst.get('voivodeship'))})" if jst else esc(code)


def _jst_name(jst_by_code: dict[str, Record], code: object) -> str:
    jst = jst_by_code.get(str(code))
    return esc(jst.get("name")) if jst else esc(code)


def _category_name(review: EditionReview, category: str) -> str:
    return esc(dict(review.categories).get(category, category) or "bez kategorii")


def _scale(criterion: Criterion) -> str:
    return f"{criterion.low}–{criterion.high}"


def _criteria_table(review: EditionReview) -> str:
    if not review.criteria:
        return "Edycja nie ma kryteriów oceny.\n"
    lines = ["| Kryterium | Waga | Skala | Co oceniamy |", "| --- | --- | --- | --- |"]
    lines += [f"| {esc(c.name)} | {c.weight}% | {_scale(c)} | {esc(c.description)} |" for c in review.criteria]
    low, high = review.total_range
    return ("\n".join(lines) + "\n\n"
            f"Ocena jurora = suma (waga × ocena) / suma wag, w skali {number(low)}–{number(high)}. Ocena łączna zgłoszenia to "
            "średnia ocen jurorów, którzy je ocenili (bez jurorów z konfliktem interesów). Zgłoszenia z równą oceną łączną "
            "mają to samo miejsce i oznaczenie „ex aequo” — remis nie jest rozstrzygany po cichu. Rozrzut to różnica między "
            "najwyższą a najniższą oceną jurorów; rozrzut równy co najmniej 1/5 skali jest oznaczony jako rozbieżność.\n")


def _rank_text(result: EntryResult) -> str:
    if result.rank is None:
        return "—"
    return f"{result.rank} ex aequo" if result.tied_with else str(result.rank)


def _notes(page: str, review: EditionReview, result: EntryResult, near: dict[str, list[str]]) -> str:
    notes = []
    if result.tied_with:
        notes.append("remis z: " + ", ".join(f"[{esc(r)}]({rel(page, entry_page(review, r))})" for r in result.tied_with))
    for other in near.get(result.id, []):
        notes.append(f"różnica z {esc(other)} mniejsza niż 0,01")
    if result.late:
        notes.append("**po terminie**")
    if result.disagreement:
        notes.append("**rozbieżność ocen**")
    if result.missing:
        notes.append(f"brak kart: {', '.join(esc(j.get('name')) for j in result.missing)}")
    if result.recusals:
        notes.append(f"konflikt interesów: {', '.join(esc(r.juror.get('name')) for r in result.recusals)}")
    return "; ".join(notes)


def _near_map(results: list[EntryResult]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for a, b in near_ties(results):
        found.setdefault(a, []).append(b)
        found.setdefault(b, []).append(a)
    return found


def _ranking(page: str, review: EditionReview, category: str, jst_by_code: dict[str, Record]) -> str:
    results = review.in_category(category)
    if not results:
        return "Brak zgłoszeń w tej kategorii.\n"
    near = _near_map(results)
    lines = ["| Miejsce | Zgłoszenie | Samorząd | Ocena łączna | Rozrzut | Karty | Uwagi |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for result in results:
        entry = result.entry
        link = f"[{esc(entry.get('title'))}]({rel(page, entry_page(review, entry.id))})"
        cards = f"{len(result.sheets)} z {len(review.jurors) - len(result.recusals)}"
        lines.append(f"| {_rank_text(result)} | {link} | {_jst_name(jst_by_code, entry.get('jst'))} | {number(result.total)} | "
                     f"{number(result.spread)} | {cards} | {_notes(page, review, result, near)} |")
    return "\n".join(lines) + "\n"


def _jury_table(review: EditionReview, jst_by_code: dict[str, Record]) -> str:
    lines = ["| Juror | Funkcja | Zgłoszone konflikty interesów |", "| --- | --- | --- |"]
    for juror in review.jurors:
        conflicts = "; ".join(f"{_jst_name(jst_by_code, c.get('jst'))}" + (f" ({esc(c['note'])})" if c.get("note") else "")
                              for c in juror.get("conflicts", []) or [])
        lines.append(f"| {esc(juror.get('name'))} | {esc(juror.get('role') or '')} | {conflicts or 'brak'} |")
    return "\n".join(lines) + "\n"


def render_edition(review: EditionReview, jst_by_code: dict[str, Record]) -> str:
    edition = review.edition
    page = f"{edition_dir(review)}/index.md"
    missing = sum(len(r.missing) for r in review.results)
    rows = [
        ("Rok edycji", str(edition.get("year"))), ("Temat", esc(edition.get("theme") or "")), ("Stan", esc(edition.get("status") or "")),
        ("Termin zgłoszeń", format_date(edition.get("deadline")) if edition.get("deadline") else ""),
        ("Zgłoszenia", str(len(review.results))), ("Jurorzy", str(len(review.jurors))),
        ("Brakujące karty oceny", f"[{missing}](braki.md)"),
    ]
    # the ranking needs the width of a laptop screen: the page's table of contents (four headings) gives way
    parts = [WIDE_PAGE, f"# Ocena zgłoszeń: {esc(edition.get('title'))}\n\n", _banners(review), facts_table(rows), "\n",
             section("Kryteria oceny", _criteria_table(review))]
    for category, name in review.categories:
        parts.append(section(f"Ranking — kategoria: {esc(name)}", _ranking(page, review, category, jst_by_code)))
    parts.append(section("Jury", _jury_table(review, jst_by_code)))
    return "".join(parts)


def _scores_table(review: EditionReview, result: EntryResult) -> str:
    if not result.sheets:
        return "Nikt jeszcze nie ocenił tego zgłoszenia.\n"
    names = [esc(s.juror.get("name")) for s in result.sheets]
    lines = ["| Kryterium | Waga | Skala | " + " | ".join(names) + " | Średnia | Rozrzut |",
             "| --- | --- | --- | " + " | ".join("---" for _ in names) + " | --- | --- |"]
    for criterion in review.criteria:
        cells = [str(s.scores[criterion.id]) for s in result.sheets]
        spread = result.criterion_spreads[criterion.id]
        lines.append(f"| {esc(criterion.name)} | {criterion.weight}% | {_scale(criterion)} | " + " | ".join(cells)
                     + f" | {number(result.criterion_means[criterion.id])} | {spread} |")
    lines.append("| **Ocena jurora (ważona)** | | | " + " | ".join(f"**{number(s.total)}**" for s in result.sheets)
                 + f" | **{number(result.total)}** | **{number(result.spread)}** |")
    return "\n".join(lines) + "\n"


def _justifications(result: EntryResult, review: EditionReview) -> str:
    names = {c.id: c.name for c in review.criteria}
    parts = []
    for sheet in result.sheets:
        comments = [f"{esc(names.get(s['criterion'], s['criterion']))}: {esc(s['comment'])}"
                    for s in sheet.record.get("scores", []) or [] if s.get("comment")]
        when = f" (ocena z {format_date(sheet.record.get('date'))})" if sheet.record.get("date") else ""
        parts.append(f"### {esc(sheet.juror.get('name'))}\n\n{esc(sheet.record.get('justification'))}{when}\n\n" + bullet_list(comments))
    return "\n".join(parts)


def render_entry(review: EditionReview, result: EntryResult, jst_by_code: dict[str, Record], practices: dict[str, Record]) -> str:
    entry = result.entry
    page = entry_page(review, entry.id)
    deadline = review.edition.get("deadline")
    submitted = format_date(entry.get("submitted")) + (f" — **po terminie** (termin: {format_date(deadline)})" if result.late else "")
    practice = practices.get(str(entry.get("practice") or ""))
    rank = f"{_rank_text(result)} w kategorii {_category_name(review, result.category)}" if result.rank else "brak ocen"
    rows = [
        ("Edycja", f"[{esc(review.edition.get('title'))}]({rel(page, edition_dir(review) + '/index.md')})"),
        ("Samorząd", _jst(jst_by_code, entry.get("jst"))), ("Kategoria", _category_name(review, result.category)),
        ("Data zgłoszenia", submitted),
        ("Praktyka w bazie", f"{esc(practice.get('title'))} (`practices/{esc(practice.id)}`)" if practice else ""),
        ("Miejsce", rank), ("Ocena łączna", number(result.total)), ("Rozrzut ocen jurorów", number(result.spread) if result.sheets else ""),
    ]
    attachments = [esc(a.get("title")) + (f" — {esc(a['note'])}" if a.get("note") else "")
                   + (f" — adres: {esc(a['url'])}" if a.get("url") else "") for a in entry.get("attachments", []) or []]
    recusals = [f"{esc(r.juror.get('name'))} — {'zgłoszony w składzie jury' if r.declared_in == 'jury' else 'zgłoszony w karcie oceny'}"
                + (f": {esc(r.reason)}" if r.reason else "") + "; nie ocenia tego zgłoszenia" for r in result.recusals]
    flags = []
    if result.tied_with:
        flags.append("Remis: " + ", ".join(f"[{esc(r)}]({rel(page, entry_page(review, r))})" for r in result.tied_with)
                     + " ma tę samą ocenę łączną; jury musi rozstrzygnąć kolejność samo.")
    if result.disagreement:
        flags.append(f"Rozbieżność: oceny jurorów różnią się o {number(result.spread)}.")
    sheets = [f"[{esc(j.get('name'))}]({rel(page, sheet_page(review, entry.id, j.id))})" for j in review.jurors]
    return "".join([
        f"# {esc(entry.get('title'))}\n\n", _banners(review), facts_table(rows), "\n", bullet_list(f"**{f}**" for f in flags), "\n",
        section("Zgłoszona praktyka", esc(entry.get("summary")) + "\n"),
        section("Załączniki", bullet_list(attachments)),
        section("Kryteria", _criteria_table(review)),
        section("Oceny jurorów", _scores_table(review, result)),
        section("Uzasadnienia", _justifications(result, review)),
        section("Konflikty interesów", bullet_list(recusals, "Żaden juror nie zgłosił konfliktu interesów.")),
        section("Brakujące karty", bullet_list(esc(j.get("name")) for j in result.missing)),
        section("Karty oceny do druku", bullet_list(sheets)),
    ])


def render_sheet(review: EditionReview, result: EntryResult, juror: Record, jst_by_code: dict[str, Record]) -> str:
    entry = result.entry
    page = sheet_page(review, entry.id, juror.id)
    sheet = next((s for s in result.sheets if s.juror.id == juror.id), None)
    recusal = next((r for r in result.recusals if r.juror.id == juror.id), None)
    rows = [
        ("Edycja", esc(review.edition.get("title"))),
        ("Zgłoszenie", f"[{esc(entry.get('title'))}]({rel(page, entry_page(review, entry.id))})"),
        ("Samorząd", _jst(jst_by_code, entry.get("jst"))), ("Kategoria", _category_name(review, result.category)),
        ("Juror", esc(juror.get("name"))), ("Stan karty", "wypełniona" if sheet else ("juror wyłączony z oceny" if recusal else "do wypełnienia")),
    ]
    parts = [f"# Karta oceny: {esc(entry.get('title'))} — {esc(juror.get('name'))}\n\n", _banners(review), facts_table(rows), "\n"]
    if recusal:
        parts.append(section("Konflikt interesów", f"Juror zgłosił konflikt interesów{': ' + esc(recusal.reason) if recusal.reason else ''}. "
                                                   "Nie ocenia tego zgłoszenia, a jego karta nie wchodzi do oceny łącznej.\n"))
        return "".join(parts)
    comments = {s["criterion"]: s.get("comment") for s in (sheet.record.get("scores", []) or [])} if sheet else {}
    lines = ["| Kryterium | Waga | Skala | Ocena | Komentarz |", "| --- | --- | --- | --- | --- |"]
    for criterion in review.criteria:
        score = str(sheet.scores[criterion.id]) if sheet else DASH
        comment = esc(comments.get(criterion.id) or "") if sheet else DASH
        lines.append(f"| {esc(criterion.name)} | {criterion.weight}% | {_scale(criterion)} | {score} | {comment} |")
    if sheet:
        lines.append(f"| **Ocena ważona** | | | **{number(sheet.total)}** | |")
    parts.append(section("Oceny", "\n".join(lines) + "\n"))
    parts.append(section("Uzasadnienie", esc(sheet.record.get("justification")) + "\n" if sheet else f"{DASH * 12}\n\n{DASH * 12}\n\n{DASH * 12}\n"))
    declaration = ("Oświadczam, że nie mam konfliktu interesów ze zgłaszającym samorządem i oceniłem/oceniłam zgłoszenie samodzielnie.\n\n"
                   f"Data: {format_date(sheet.record.get('date')) if sheet and sheet.record.get('date') else DASH * 3}\n\n"
                   f"Podpis jurora: {DASH * 6}\n")
    parts.append(section("Oświadczenie", declaration))
    return "".join(parts)


def render_missing(review: EditionReview, jst_by_code: dict[str, Record]) -> str:
    page = f"{edition_dir(review)}/braki.md"
    waiting = [r for r in review.results if r.missing]
    head = f"# Brakujące oceny: {esc(review.edition.get('title'))}\n\n" + _banners(review)
    if not waiting:
        return head + "Wszystkie zgłoszenia mają karty oceny od wszystkich jurorów bez konfliktu interesów.\n"
    count = sum(len(r.missing) for r in waiting)
    lines = [f"Brakuje {plural(count, 'karty', 'kart', 'kart')} oceny dla {plural(len(waiting), 'zgłoszenia', 'zgłoszeń', 'zgłoszeń')}.\n\n",
             "| Zgłoszenie | Samorząd | Kategoria | Brak karty od | Karty do druku |\n| --- | --- | --- | --- | --- |\n"]
    for result in waiting:
        entry = result.entry
        link = f"[{esc(entry.get('title'))}]({rel(page, entry_page(review, entry.id))})"
        who = ", ".join(esc(j.get("name")) for j in result.missing)
        sheets = ", ".join(f"[{esc(j.get('name'))}]({rel(page, sheet_page(review, entry.id, j.id))})" for j in result.missing)
        lines.append(f"| {link} | {_jst_name(jst_by_code, entry.get('jst'))} | {_category_name(review, result.category)} | {who} | {sheets} |\n")
    return head + "".join(lines)


def render_index(reviews: list[EditionReview]) -> str:
    lines = ["# Strona dla jury\n\n", CONFIDENTIAL,
             "Strona powstaje poleceniem `bdp build --profile jury` z plików w `contests/<edycja>/` (jury, zgłoszenia, karty oceny). "
             "Działa otwarta z dysku, bez internetu: można ją przekazać jury jako archiwum zip. Każdą kartę oceny można wydrukować "
             "poleceniem „Drukuj” przeglądarki.\n\n"]
    if not reviews:
        return "".join(lines) + "Żadna edycja nie ma jeszcze jury ani zgłoszeń.\n"
    lines.append("| Edycja | Stan | Zgłoszenia | Brakujące karty | Uwagi |\n| --- | --- | --- | --- | --- |\n")
    for review in reviews:
        missing = sum(len(r.missing) for r in review.results)
        lines.append(f"| [{esc(review.edition.get('title'))}]({edition_dir(review)}/index.md) | {esc(review.edition.get('status') or '')} | "
                     f"{len(review.results)} | [{missing}]({edition_dir(review)}/braki.md) | {'dane przykładowe' if review.example else ''} |\n")
    return "".join(lines)


def render_jury_docs(reviews: list[EditionReview], jst_by_code: dict[str, Record], practices: dict[str, Record]) -> dict[str, str]:
    """Every page of the jury site, keyed by its path relative to the jury docs root."""
    pages = {"index.md": render_index(reviews), "assets/jury.css": STYLESHEET}
    for review in reviews:
        base = edition_dir(review)
        pages[f"{base}/index.md"] = render_edition(review, jst_by_code)
        pages[f"{base}/braki.md"] = render_missing(review, jst_by_code)
        for result in review.results:
            pages[entry_page(review, result.id)] = render_entry(review, result, jst_by_code, practices)
            for juror in review.jurors:
                pages[sheet_page(review, result.id, juror.id)] = render_sheet(review, result, juror, jst_by_code)
    return dict(sorted(pages.items()))
