"""`bdp bench`: build synthetic corpora and print the figures of the performance issue.

For each size: validation, generation and MkDocs seconds, total wall time, peak memory, site size,
search index size (gzipped), pages per second, the largest practice page, and the floor: the same
Markdown converted by one plain Python-Markdown instance (the floor of any site whose pages MkDocs
converts); beside it the time of the site's own conversion (cmark-gfm, generator/render/markup.py), and
the preview (`bdp serve`): its first build and its rebuild after one practice is edited.
Printed as JSON and as a table.
"""
from __future__ import annotations

import gzip
import json
import re
import tempfile
import time
from pathlib import Path

import markdown

from generator.perf import stock
from generator.perf.measure import bdp, checked
from generator.perf.synth import SynthOptions, write_tree

FLOOR_EXTENSIONS = ["tables", "attr_list", "def_list", "admonition", "toc"]


def _size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def markdown_floor(docs: Path) -> tuple[float, int]:
    """Seconds to convert every generated page with one reused Python-Markdown instance."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))]
    converter = markdown.Markdown(extensions=FLOOR_EXTENSIONS)
    started = time.perf_counter()
    for text in texts:
        converter.reset().convert(text)
    return time.perf_counter() - started, len(texts)


def _timings(stdout: str) -> dict[str, float]:
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+) s", stdout.split("Czasy:")[-1])}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"Nie można zmienić {path}: brak tekstu {old!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def measure(practices: int, jst: int, work: Path, indicators: int = 50, builds_only: bool = False) -> dict[str, object]:
    """Every figure of the issue's table for one synthetic corpus; `builds_only`: no preview, edit or floor
    (those figures are None)."""
    root = work / f"synth-{practices}"
    write_tree(root, SynthOptions(practices=practices, jst=jst, indicators=indicators))
    validated = checked(bdp(root, "validate", "--no-cache"), "bdp validate --no-cache")  # cold: nothing kept
    cold = checked(bdp(root, "build"), "bdp build")  # cold too (no build/cache/ yet); keeps the records for the next runs
    timings = _timings(cold.stdout)
    warm = checked(bdp(root, "validate"), "bdp validate")  # the records kept in build/cache/ by the build
    unchanged = checked(bdp(root, "build"), "bdp build (bez zmian)")
    edited = None
    if not builds_only:
        _edit(sorted((root / "practices").glob("*.md"))[0], 'title: "', 'title: "Zmieniony ')
        edited = checked(bdp(root, "build"), "bdp build (zmieniona praktyka)")
    site = root / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    stock_project = stock.write_project(work, root / "build" / "docs", pages)
    stock_cold = stock.build(stock_project)
    stock_again = stock.build(stock_project)
    search = list((site / "assets" / "search").glob("*.js")) if (site / "assets" / "search").is_dir() else []
    search_gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in search if "index" in p.name or "data" in p.name)
    practice_pages = list((site / "praktyki").glob("praktyka-*.html"))
    floor, floor_pages, converted = 0.0, 0, 0.0
    preview: dict[str, float | None] = dict.fromkeys(PREVIEW_KEYS)
    if not builds_only:
        floor, floor_pages = markdown_floor(root / "build" / "docs")
        converted = conversion_time(root / "build" / "docs")
        preview = {**preview_times(root)}
    return {
        "practices": practices, "jst": jst, "indicators": indicators, "pages": pages,
        "validate_alone_s": validated.wall_s, "validate_warm_s": warm.wall_s,
        "validate_s": round(timings.get("validate", 0.0), 2), "generate_s": round(timings.get("generate", 0.0), 2),
        "mkdocs_s": round(timings.get("mkdocs", 0.0), 2), "total_wall_s": cold.wall_s,
        "unchanged_rebuild_s": unchanged.wall_s, "one_practice_edited_build_s": edited.wall_s if edited else None,
        "peak_memory_mb": cold.peak_mb, "site_mb": round(_size(site) / 2**20, 1),
        "stock_material_s": stock_cold.wall_s, "stock_material_rebuild_s": stock_again.wall_s,
        "stock_material_peak_mb": stock_cold.peak_mb, "stock_material_site_mb": round(_size(stock_project / "site") / 2**20, 1),
        "ratio_to_stock": round(cold.wall_s / stock_cold.wall_s, 2) if stock_cold.wall_s else None,
        "search_index_gz_mb": round(search_gz / 2**20, 3), "pages_per_s": round(pages / cold.wall_s, 1),
        "largest_practice_page_kb": round(max((p.stat().st_size for p in practice_pages), default=0) / 1024, 1),
        "markdown_floor_s": round(floor, 2) if floor else None, "markdown_floor_pages": floor_pages,
        "ratio_to_floor": round(cold.wall_s / floor, 2) if floor else None,
        "cmark_conversion_s": round(converted, 2) if converted else None, **preview,
    }


def conversion_time(docs: Path) -> float:
    """Seconds the site's own conversion (generator/render/markup.py, one process) takes for the same pages."""
    from generator.render.markup import render

    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))]
    started = time.perf_counter()
    for text in texts:
        render(text)
    return time.perf_counter() - started


PREVIEW_KEYS = ("preview_first_s", "preview_edit_page_shown_s", "preview_edit_complete_s", "preview_edit_jst_s",
                "preview_edit_table_s")


def preview_times(root: Path) -> dict[str, float]:
    """`bdp serve`'s first build, then: after one practice's title is edited, seconds until its pages
    are rebuilt (what the browser shows) and until the search index and open data follow; after a
    local government's name is edited; after one value of an indicator table is edited."""
    from generator.preview.serve import Preview
    from generator.preview.watch import changed_files, snapshot

    preview = Preview(root)
    ok, first, lines = preview.rebuild()
    if not ok:
        raise SystemExit("Podgląd nie powstał:\n" + "\n".join(lines))
    time.sleep(3)  # the editor looks at the preview before editing (the map of links is made meanwhile)

    def after(path: Path, old: str, new: str) -> float:
        before = snapshot(root)
        _edit(path, old, new)
        done, seconds, notes = preview.rebuild(changed_files(before, snapshot(root)))
        if not done:
            raise SystemExit(f"Podgląd po zmianie {path.name} nie powstał:\n" + "\n".join(notes))
        return seconds

    practice = sorted((root / "practices").glob("*.md"))[-1]
    edit = after(practice, 'title: "', 'title: "Poprawiony ')
    shown = preview.pages_shown_after if preview.quick_used else edit
    jst = sorted((root / "registry" / "jst").glob("*.yaml"))[-1]
    jst_edit = after(jst, 'name: "', 'name: "Nowy ')
    table = sorted((root / "indicators").glob("*.csv"))[0]
    last = table.read_text(encoding="utf-8").splitlines()[-1]
    cells = last.split(",")
    cells[3] = f"{float(cells[3]) + 1:.1f}"  # the value column of the synthetic tables
    table_edit = after(table, last, ",".join(cells))
    return {"preview_first_s": round(first, 2), "preview_edit_page_shown_s": round(shown, 2),
            "preview_edit_complete_s": round(edit, 2), "preview_edit_jst_s": round(jst_edit, 2),
            "preview_edit_table_s": round(table_edit, 2)}


# (label, this project's figure, stock Material's figure or None, the target at 10,000 practices)
FIGURES = [
    ("pełne budowanie od zera", "total_wall_s", "stock_material_s", 30.0),
    ("sama walidacja (bdp validate), od zera", "validate_alone_s", None, 2.0),
    ("sama walidacja, pliki bez zmian (build/cache/)", "validate_warm_s", None, 2.0),
    ("ponowne budowanie bez zmian", "unchanged_rebuild_s", "stock_material_rebuild_s", 3.0),
    ("zmieniona jedna praktyka, pełne bdp build", "one_practice_edited_build_s", None, 5.0),
    ("podgląd: zmieniona praktyka widoczna", "preview_edit_page_shown_s", None, 1.0),
    ("podgląd: zmieniony samorząd", "preview_edit_jst_s", None, 3.0),
    ("podgląd: zmieniona tabela wskaźnika", "preview_edit_table_s", None, 3.0),
    ("szczytowe zużycie pamięci (MB)", "peak_memory_mb", "stock_material_peak_mb", 1024.0),
]


def _number(value: object) -> str:
    if value is None:
        return "nie mierzono"
    return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)


def _target(row: dict[str, object], key: str, goal: float, base: dict[str, object] | None) -> str:
    """The issue's targets: given for 10,000 practices; 30,000 must stay within 3× the 10,000 figure
    of a cold build and within 2 GB."""
    if row["practices"] == 10000:
        return f"≤ {_number(goal)}"
    if row["practices"] == 30000 and key == "total_wall_s" and base:
        return f"≤ {_number(3 * float(base['total_wall_s']))} (3 × 10 000)"  # type: ignore[arg-type]
    if row["practices"] == 30000 and key == "peak_memory_mb":
        return "≤ 2048"
    return "–"


def targets_table(row: dict[str, object], base: dict[str, object] | None = None) -> str:
    """The issue's table for one corpus: this project, stock Material on as many pages, their ratio, the target."""
    lines = [f"{row['practices']} praktyk, {row['jst']} samorządów, {row['pages']} stron (czasy w sekundach)",
             "| pomiar | BDP | Material bez zmian | BDP / Material | cel |", "|---|---|---|---|---|"]
    for label, key, stock_key, goal in FIGURES:
        ours, theirs = row[key], row[stock_key] if stock_key else None
        ratio = f"{float(ours) / float(theirs):.2f}".replace(".", ",") if theirs and ours is not None else "–"  # type: ignore[arg-type]
        lines.append(f"| {label} | {_number(ours)} | {_number(theirs) if theirs else '–'} | {ratio} | {_target(row, key, goal, base)} |")
    return "\n".join(lines)


def main(sizes: list[int], jst: int, indicators: int = 50, builds_only: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix="bdp-bench-") as tmp:
        rows = [measure(n, jst, Path(tmp), indicators, builds_only) for n in sizes]
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    base = next((row for row in rows if row["practices"] == 10000), None)
    for row in rows:
        print("\n" + targets_table(row, base))
    if len(rows) >= 2:
        growth = float(rows[-1]["total_wall_s"]) / float(rows[0]["total_wall_s"])  # type: ignore[arg-type]
        print(f"\nWzrost czasu {rows[0]['practices']} → {rows[-1]['practices']} praktyk: ×{growth:.1f} "
              f"(liniowo byłoby ×{int(rows[-1]['practices']) // int(rows[0]['practices'])})")  # type: ignore[call-overload]
    return 0
