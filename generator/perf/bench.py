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
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import markdown

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


def measure(practices: int, jst: int, work: Path, indicators: int = 50) -> dict[str, object]:
    root = work / f"synth-{practices}"
    write_tree(root, SynthOptions(practices=practices, jst=jst, indicators=indicators))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True, text=True)
    wall = time.perf_counter() - started
    peak_kib = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    if result.returncode != 0:
        raise SystemExit(f"Budowanie {root} nie powiodło się:\n{result.stdout}\n{result.stderr}")
    timings = {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+) s", result.stdout.split("Czasy:")[-1])}
    site = root / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    search = list((site / "assets" / "search").glob("*.js")) if (site / "assets" / "search").is_dir() else []
    search_gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in search if "index" in p.name or "data" in p.name)
    practice_pages = list((site / "praktyki").glob("praktyka-*.html"))
    floor, floor_pages = markdown_floor(root / "build" / "docs")
    converted = conversion_time(root / "build" / "docs")
    preview_first, preview_shown, preview_edit = preview_times(root)
    return {
        "practices": practices, "jst": jst, "indicators": indicators, "pages": pages,
        "validate_s": round(timings.get("validate", 0.0), 2), "generate_s": round(timings.get("generate", 0.0), 2),
        "mkdocs_s": round(timings.get("mkdocs", 0.0), 2), "total_wall_s": round(wall, 2),
        "peak_memory_mb": round(peak_kib / 1024, 1), "site_mb": round(_size(site) / 2**20, 1),
        "search_index_gz_mb": round(search_gz / 2**20, 3), "pages_per_s": round(pages / wall, 1),
        "largest_practice_page_kb": round(max((p.stat().st_size for p in practice_pages), default=0) / 1024, 1),
        "markdown_floor_s": round(floor, 2), "markdown_floor_pages": floor_pages, "ratio_to_floor": round(wall / floor, 2) if floor else None,
        "cmark_conversion_s": round(converted, 2),
        "preview_first_s": round(preview_first, 2), "preview_edit_page_shown_s": round(preview_shown, 2),
        "preview_edit_complete_s": round(preview_edit, 2),
    }


def conversion_time(docs: Path) -> float:
    """Seconds the site's own conversion (generator/render/markup.py, one process) takes for the same pages."""
    from generator.render.markup import render

    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))]
    started = time.perf_counter()
    for text in texts:
        render(text)
    return time.perf_counter() - started


def preview_times(root: Path) -> tuple[float, float, float]:
    """`bdp serve`'s first build, then after one practice's title is edited: seconds until its pages
    are rebuilt (what the browser shows), and until the search index and open data follow."""
    from generator.preview.serve import Preview, changed_files, snapshot

    preview = Preview(root)
    ok, first, lines = preview.rebuild()
    if not ok:
        raise SystemExit("Podgląd nie powstał:\n" + "\n".join(lines))
    time.sleep(3)  # the editor looks at the preview before editing (the map of links is made meanwhile)
    before = snapshot(root)
    practice = sorted((root / "practices").glob("*.md"))[0]
    practice.write_text(practice.read_text(encoding="utf-8").replace('title: "', 'title: "Zmieniony ', 1), encoding="utf-8")
    ok, edit, lines = preview.rebuild(changed_files(before, snapshot(root)))
    if not ok:
        raise SystemExit("Podgląd po zmianie nie powstał:\n" + "\n".join(lines))
    return first, (preview.pages_shown_after if preview.quick_used else edit), edit


def main(sizes: list[int], jst: int, indicators: int = 50) -> int:
    with tempfile.TemporaryDirectory(prefix="bdp-bench-") as tmp:
        rows = [measure(n, jst, Path(tmp), indicators) for n in sizes]
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    keys = list(rows[0])
    print("\n" + " | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))
    if len(rows) >= 2:
        growth = rows[-1]["total_wall_s"] / rows[0]["total_wall_s"]  # type: ignore[operator]
        print(f"\nWzrost czasu {rows[0]['practices']} → {rows[-1]['practices']} praktyk: ×{growth:.1f} "
              f"(liniowo byłoby ×{rows[-1]['practices'] / rows[0]['practices']:.0f})")  # type: ignore[operator]
    return 0
