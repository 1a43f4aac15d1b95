"""Benchmark of the site engine step, for the exit plan from Material for MkDocs (README: „Plan na
koniec wsparcia Material for MkDocs”). Prints figures; asserts nothing.

For the docs tree a content root generates (bundled content by default):
- the whole engine step (generator/site/mkdocs_seam.py build_site) with MkDocs and with ProperDocs,
  in one process, the median of ROUNDS runs, in ms per page;
- Jinja2 alone rendering Material's templates (main.html and the page's own template) with the
  context MkDocs gives each page, in ms per page: what rendering the theme ourselves would cost
  at the least (reading, converting, the navigation, the sitemap and the checks not included).

    .venv/bin/python scripts/bench_seam.py                 # the repository's own content
    .venv/bin/python scripts/bench_seam.py --root demo --rounds 5
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    # a benchmark may reach into the engine; generator/ may not (tests/test_seam.py)
    from mkdocs.commands.build import get_context

    from generator.build import generate
    from generator.site.mkdocs_seam import ENGINES, Options, build_site

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bdp-bench-seam-", dir=ROOT / ".tmp" if (ROOT / ".tmp").is_dir() else None) as tmp:
        work = Path(tmp)
        report = generate(args.root, work / "docs")
        if not report.ok:
            print("Generowanie nie powiodło się:", *report.messages, sep="\n")
            return 1
        pages = report.pages
        print(f"Treść: {args.root} — stron: {pages}, rund: {args.rounds}")
        for engine in ENGINES:
            times = []
            for round_ in range(args.rounds):
                started = time.perf_counter()
                result = build_site(work / "docs", work / f"{engine}-{round_}", epoch=report.epoch, root=args.root,
                                    options=Options(engine=engine, workers=1))
                times.append(time.perf_counter() - started)
                assert result.ok, result
            median = statistics.median(times)
            print(f"{engine:11} cały krok silnika: {median:6.2f} s  ({1000 * median / pages:5.1f} ms/stronę; "
                  f"rundy: {', '.join(f'{t:.2f}' for t in times)})")
        kept = build_site(work / "docs", work / "kept", epoch=report.epoch, root=args.root, keep=True,
                          options=Options(workers=1)).state
        assert kept is not None
        doc_files = kept.files.documentation_pages()
        renders = []
        for _ in range(args.rounds):
            spent = 0.0
            for file in doc_files:
                page = file.page
                page.active = True
                context = get_context(kept.nav, doc_files, kept.config, page)
                started = time.perf_counter()
                kept.env.get_template(page.meta.get("template", "main.html")).render(context)
                spent += time.perf_counter() - started
                page.active = False
            renders.append(spent)
        median = statistics.median(renders)
        print(f"Jinja2 sam (szablony Material, kontekst MkDocs): {median:6.2f} s  ({1000 * median / len(doc_files):5.1f} ms/stronę)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
