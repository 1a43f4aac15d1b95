"""Benchmark of the indicator layer: tables, derivations, pages, charts and open data at national scale.

Writes a synthetic tree (`generator.perf.synth`: local governments, practices, projects) and adds
INDICATORS indicator definitions with one table each (every local government × every year), then
times each step. Charts are drawn without the cache, so the figures are those of a cold build.

    .venv/bin/python scripts/bench_indicators.py                      # 2500 × 50 × 10
    .venv/bin/python scripts/bench_indicators.py --bundled            # the repository's own content
    .venv/bin/python scripts/bench_indicators.py --practices 10000 --full   # plus a whole `bdp build`
    .venv/bin/python scripts/bench_indicators.py --tree /tmp/nat           # an existing tree (`bdp synth ... --out /tmp/nat`)
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTORS = ["oświata", "kultura", "pomoc społeczna", "wodociągi i kanalizacja", "odpady komunalne", "mieszkalnictwo",
           "transport i drogownictwo", "efektywność energetyczna"]
DIRECTIONS = ["wyższa lepsza", "niższa lepsza", "bez oceny"]


def write_indicator_tables(root: Path, indicators: int, years: int, seed: int = 1, practices_per_indicator: int = 5) -> int:
    """Add synthetic indicator definitions (example data) and one CSV table per indicator; return the rows written."""
    import yaml

    rng = random.Random(seed)
    codes = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["teryt"] for p in (root / "registry" / "jst").glob("*.yaml"))
    practice_ids = sorted(p.stem for p in (root / "practices").glob("*.md"))
    folder = root / "indicators"
    folder.mkdir(parents=True, exist_ok=True)
    first = 2024 - years + 1
    rows = 0
    for n in range(indicators):
        indicator = f"wskaznik-syntetyczny-{n:02d}"
        named = sorted(rng.sample(practice_ids, min(practices_per_indicator, len(practice_ids))))
        (folder / f"{indicator}.yaml").write_text(
            f"id: {indicator}\nname: \"Wskaźnik syntetyczny {n}\"\ndescription: \"Wskaźnik do testów wydajności.\"\n"
            f"unit: pkt\ndirection: {DIRECTIONS[n % 3]}\nrange:\n  minimum: 0\nyears:\n  start: {first}\n  end: 2024\n"
            f"example_data: true\nsectors:\n  - {SECTORS[n % len(SECTORS)]}\n"
            + ("practices:\n" + "".join(f"  - {p}\n" for p in named) if named else "")
            + "sources:\n  - source: synteza\n", encoding="utf-8")
        lines = ["teryt,indicator,year,value"]
        for code in codes:
            level = rng.uniform(10, 1000)
            for year in range(first, 2025):
                lines.append(f"{code},{indicator},{year},{level * rng.uniform(0.9, 1.1):.2f}")
                rows += 1
        (folder / f"tabela-{n:02d}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def timed(label: str, results: dict[str, float], action):
    wall, cpu = time.perf_counter(), time.process_time()
    value = action()
    results[label] = time.perf_counter() - wall
    results[label + " (CPU procesu głównego)"] = time.process_time() - cpu
    return value


def bench(root: Path, full: bool) -> None:
    from generator.build import build, reference_date
    from generator.check.tables import check_tables
    from generator.check.validate import validate_tree
    from generator.content.schemafiles import schemas_of
    from generator.content.tables import load_tables
    from generator.content.tree import load_tree
    from generator.derive.indicators import derive_for
    from generator.derive.model import build_model
    from generator.render.charts import render_charts, with_narrow
    from generator.render.indicators import attach, plan_site
    from generator.render.opendata import plan_opendata

    results: dict[str, float] = {}
    tree = load_tree(root)
    raw, _ = timed("tabele: odczyt CSV", results, lambda: load_tables(root))
    tables, problems = timed("tabele: sprawdzenie wierszy", results, lambda: check_tables(raw, tree.records))
    assert not problems, problems[:5]
    validated = validate_tree(root, reference_date())
    assert validated.ok, [str(p) for p in validated.problems[:5]]
    model = build_model(validated.records, "", reference_date(), validated.tables)
    derived = timed("pochodne (pandas)", results, lambda: derive_for(model))
    site = timed("sekcje stron, opisy wykresów i pliki CSV", results, lambda: attach(model, plan_site(model, derived)))
    run = timed("wykresy szerokie i telefoniczne (bez pamięci podręcznej)", results, lambda: render_charts(with_narrow(site.charts)))
    timed("dane otwarte (JSON, CSV, datapackage)", results, lambda: plan_opendata(model, schemas_of(root), root))
    rows = sum(len(t) for t in tables)
    print(f"Drzewo: {root}")
    print(f"Wiersze tabel: {rows}; wskaźniki z danymi: {len(site.indicator_sections)}; sekcje samorządów: {len(site.jst_sections)}; "
          f"sekcje praktyk: {len(site.practice_sections)}; wykresy: {len(site.charts)}; pliki CSV stron: {len(site.files)}; "
          f"rdzenie: {os.cpu_count()}")
    for label, seconds in results.items():
        print(f"  {label:<52} {seconds:8.2f} s")
    by_kind: dict[str, list[float]] = defaultdict(list)
    for path, seconds in run.seconds.items():
        by_kind[site.charts[path.replace('-telefon.svg', '.svg')].kind].append(seconds)
    total = sum(run.seconds.values())
    print(f"Wykresy: {len(run.seconds)} narysowanych, czas zegarowy {run.wall:.2f} s, suma czasu CPU rysowania {total:.2f} s, "
          f"średnio {total / max(1, len(run.seconds)):.3f} s CPU na wykres")
    for kind, seconds in sorted(by_kind.items()):
        print(f"  {kind:<8} {len(seconds):5d} wykresów (CPU): średnio {statistics.mean(seconds):.3f} s, mediana {statistics.median(seconds):.3f} s, "
              f"najdłużej {max(seconds):.3f} s")
    if full:
        shutil.rmtree(root / "build", ignore_errors=True)
        started = time.perf_counter()
        report = build(root, root / "site")
        print(f"Pełne `bdp build` (zimne, bez pamięci podręcznej wykresów): {time.perf_counter() - started:.1f} s; ok={report.ok}; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jst", type=int, default=2500)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--practices", type=int, default=200)
    parser.add_argument("--full", action="store_true", help="zmierz też całe `bdp build` z MkDocs")
    parser.add_argument("--bundled", action="store_true", help="zmierz treść repozytorium zamiast danych syntetycznych")
    parser.add_argument("--keep", type=Path, help="zostaw drzewo w tym katalogu")
    parser.add_argument("--tree", type=Path, help="zmierz istniejące drzewo (np. z `bdp synth`) zamiast tworzyć nowe")
    args = parser.parse_args()
    if args.tree:
        bench(args.tree, args.full)
        return
    if args.bundled:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "tree"
            shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "node_modules", "site*", "build", ".git", ".hypothesis"))
            bench(copy, args.full)
        return
    from generator.perf.synth import SynthOptions, write_tree

    target = args.keep or Path(tempfile.mkdtemp(prefix="bdp-bench-indicators-"))
    if target.exists() and any(target.iterdir()):
        sys.exit(f"katalog {target} nie jest pusty")
    started = time.perf_counter()
    write_tree(target, SynthOptions(args.practices, args.jst, 0, args.years, 1))
    rows = write_indicator_tables(target, args.indicators, args.years)
    print(f"Zapisano drzewo syntetyczne ({args.jst} samorządów, {args.indicators} wskaźników × {args.years} lat = {rows} wierszy, "
          f"{args.practices} praktyk) w {time.perf_counter() - started:.1f} s")
    try:
        bench(target, args.full)
    finally:
        if not args.keep:
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    main()
