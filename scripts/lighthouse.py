"""Lighthouse (performance only, mobile, simulated throttling) on four pages of a built site.

Serves the built site from 127.0.0.1 (plain files, as `python -m http.server` and `bdp serve` do;
--gzip compresses text as a static host such as GitHub Pages does), runs Lighthouse from node_modules (package.json, installed by
scripts/setup-test-tools.sh) against Debian's Chromium, and prints for each page the median of
--runs runs: performance score, FCP, LCP, TBT, CLS, Speed Index and the bytes transferred per
resource type, plus every request to a host other than the local server (there must be none).

Pages: the largest practice page (praktyki/*.html), the home page, the largest local-government
page (samorzady/*.html) and the search page (szukaj/index.html).

Usage: .venv/bin/python scripts/lighthouse.py [--site DIR] [--runs 3] [--json FILE] [--gzip]
Exit status: 0 figures printed, 1 Lighthouse, Chromium or Node failed, 2 wrong usage or no built site.
Not part of make test: `make lighthouse` runs it on the bundled site (`make site`).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
# Headless Debian Chromium that does not call home (as tests/browser.py).
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps")
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
METRICS = (  # (Lighthouse audit, column, unit)
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "ms"),
)
RESOURCE_TYPES = ("document", "stylesheet", "script", "font", "image", "other", "total")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the browser accepts it (as GitHub Pages does)."""
    gzip_text = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not self.gzip_text or "gzip" not in self.headers.get("Accept-Encoding", "")
                or path.suffix not in COMPRESSED or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serving(site: Path, gzip_text: bool) -> Iterator[str]:
    """The site served from 127.0.0.1 on a free port, in a thread; yields the base URL."""
    handler = type("Handler", (GzipHandler,), {"gzip_text": gzip_text})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _largest(folder: Path) -> Path | None:
    pages = [p for p in folder.glob("*.html") if p.name != "index.html"]
    return max(pages, key=lambda p: (p.stat().st_size, p.name), default=None)


def pages_of(site: Path) -> list[tuple[str, str]]:
    """(label, path relative to the site) of the measured pages that the site has."""
    found: list[tuple[str, Path | None]] = [
        ("praktyka", _largest(site / "praktyki")),
        ("strona główna", site / "index.html"),
        ("samorząd", _largest(site / "samorzady")),
        ("wyszukiwarka", site / "szukaj" / "index.html"),
    ]
    return [(label, path.relative_to(site).as_posix()) for label, path in found if path is not None and path.is_file()]


def figures(report: dict[str, Any], base: str) -> dict[str, Any]:
    """The figures printed for one Lighthouse report (lhr JSON)."""
    audits = report["audits"]
    score = report["categories"]["performance"]["score"]
    out: dict[str, Any] = {"score": None if score is None else round(score * 100)}
    for audit, column, _unit in METRICS:
        out[column] = audits[audit].get("numericValue")
    summary = {item["resourceType"]: item for item in audits["resource-summary"]["details"]["items"]}
    out["bytes"] = {kind: summary[kind]["transferSize"] for kind in RESOURCE_TYPES if kind in summary}
    out["requests"] = summary["total"]["requestCount"] if "total" in summary else None
    items = audits.get("network-requests", {}).get("details", {}).get("items", [])
    out["elsewhere"] = sorted({item["url"] for item in items if not item["url"].startswith((base, "data:", "blob:"))})
    return out


def median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per figure, the median of the runs (bytes: of each type; requests elsewhere: all of them)."""
    def mid(values: list[Any]) -> Any:
        known = [v for v in values if v is not None]
        return statistics.median(known) if known else None

    out: dict[str, Any] = {"runs": len(runs), "scores": [r["score"] for r in runs], "score": mid([r["score"] for r in runs])}
    for _audit, column, _unit in METRICS:
        out[column] = mid([r[column] for r in runs])
    kinds = sorted({kind for r in runs for kind in r["bytes"]}, key=RESOURCE_TYPES.index)
    out["bytes"] = {kind: mid([r["bytes"].get(kind) for r in runs]) for kind in kinds}
    out["requests"] = mid([r["requests"] for r in runs])
    out["elsewhere"] = sorted({url for r in runs for url in r["elsewhere"]})
    return out


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1000:.1f}".replace(".", ",")


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value / 1000:.2f} s".replace(".", ",")


def table(results: list[tuple[str, str, dict[str, Any]]]) -> str:
    """The printed table: one row per page (kB are 1000 bytes, as Lighthouse counts them)."""
    head = "| strona | wynik (przebiegi) | FCP | LCP | TBT | CLS | SI | HTML kB | CSS kB | JS kB | fonty kB | obrazy kB | razem kB (żądania) |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for label, _path, m in results:
        b = m["bytes"]
        cls = "–" if m["CLS"] is None else f"{m['CLS']:.3f}".replace(".", ",")
        tbt = "–" if m["TBT"] is None else f"{m['TBT']:.0f} ms"
        lines.append(
            f"| {label} | {m['score']} ({', '.join(str(s) for s in m['scores'])}) | {_ms(m['FCP'])} | {_ms(m['LCP'])} | {tbt} "
            f"| {cls} | {_ms(m['SI'])} | {_kb(b.get('document'))} | {_kb(b.get('stylesheet'))} | {_kb(b.get('script'))} "
            f"| {_kb(b.get('font'))} | {_kb(b.get('image'))} | {_kb(b.get('total'))} ({m['requests']:.0f}) |")
    return "\n".join(lines)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_lighthouse(url: str, work: Path, chrome: str) -> dict[str, Any]:
    """One Lighthouse run (mobile, simulated throttling, performance only); its report."""
    output = work / "report.json"
    output.unlink(missing_ok=True)
    env = dict(os.environ, CHROME_PATH=chrome, TMPDIR=str(work))
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               "--only-categories=performance", "--form-factor=mobile", "--throttling-method=simulate",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not output.is_file():
        raise RuntimeError(f"Lighthouse zakończył się kodem {done.returncode} dla {url}: {done.stderr.strip()[-800:]}")
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse nie zmierzył {url}: {report['runtimeError'].get('message', '')}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse (wydajność, telefon, symulowane ograniczenie sieci i procesora) "
                                                 "na czterech stronach zbudowanej witryny.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="katalog zbudowanej strony (domyślnie site/ z make site)")
    parser.add_argument("--runs", type=int, default=3, help="przebiegi na stronę; wypisywana jest mediana (domyślnie 3)")
    parser.add_argument("--json", type=Path, help="zapisz wyniki (mediany i wszystkie przebiegi) do pliku JSON")
    parser.add_argument("--gzip", action="store_true", help="kompresuj tekst (gzip) jak serwer statyczny, np. GitHub Pages "
                                                            "(domyślnie pliki bez kompresji, jak python -m http.server)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("liczba przebiegów (--runs) musi być dodatnia")
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"W {site} nie ma zbudowanej strony (index.html); zbuduj ją: make site albo bdp --root KATALOG build.", file=sys.stderr)
        return 2
    chrome = chromium()
    if chrome is None or shutil.which("node") is None or not LIGHTHOUSE.is_file():
        print("Brakuje Chromium, Node.js albo modułu lighthouse w node_modules; uruchom bash scripts/setup-test-tools.sh.", file=sys.stderr)
        return 1
    pages = pages_of(site)
    results: list[tuple[str, str, dict[str, Any]]] = []
    raw: dict[str, list[dict[str, Any]]] = {}
    (ROOT / ".tmp").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-", dir=ROOT / ".tmp") as tmp, serving(site, args.gzip) as base:
        try:
            for label, path in pages:
                runs = []
                for number in range(args.runs):
                    print(f"{label} ({path}): przebieg {number + 1} z {args.runs}…", file=sys.stderr, flush=True)
                    runs.append(figures(run_lighthouse(base + path, Path(tmp), chrome), base))
                raw[path] = runs
                results.append((label, path, median(runs)))
        except RuntimeError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    print(f"Lighthouse, telefon (symulowane ograniczenie), {'gzip' if args.gzip else 'bez kompresji'}, "
          f"mediana z {args.runs} przebiegów; strona: {site}")
    print(table(results))
    for label, path, m in results:
        print(f"{label}: {path}" + (f"; żądania do innych hostów: {', '.join(m['elsewhere'])}" if m["elsewhere"] else ""))
    if args.json:
        args.json.write_text(json.dumps({"pages": [{"label": label, "path": path, "median": m, "runs": raw[path]}
                                                   for label, path, m in results]}, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
