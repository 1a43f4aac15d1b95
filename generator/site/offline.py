"""Post-build step for reading without the internet (issue 15, item 5): the service worker (sw.js) at
the site's root, stamped with a build id, and bdp-offline.json, the lists of files the worker saves
on request (the site's assets, the search, each section's pages).

The build id is the first 16 hex digits of a SHA-256 over every file of the built site (path and
bytes, in sorted order), so the same content gives the same worker, byte for byte, and any change
gives a new worker whose activation removes the older caches."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from generator.paths import PACKAGE_DIR

WORKER = PACKAGE_DIR / "assets" / "offline" / "sw.js"
WORKER_FILE = "sw.js"
MANIFEST_FILE = "bdp-offline.json"
PLACEHOLDER = "__BDP_BUILD__"
SEARCH = ("szukaj/",)  # the search page with its data under assets/search/ (saved with the assets)
SKIP = {WORKER_FILE, MANIFEST_FILE}
# The theme's scripts (its bundle, and lunr with its worker for its own search, which is off) are in
# the site, but no page loads them (site_overrides/main.html leaves the bundle out: issue #18).
UNUSED = ("assets/javascripts/",)
KEPT_SUFFIXES = (".html", ".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".json")


def site_files(site: Path) -> list[str]:
    """Every file of the built site (relative POSIX paths, sorted), without the worker's own two."""
    found = []
    for folder, _, names in os.walk(site):
        base = Path(folder).relative_to(site).as_posix()
        found += [name if base == "." else f"{base}/{name}" for name in names]
    return sorted(path for path in found if path not in SKIP)


def build_id(site: Path, paths: list[str]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site / path).read_bytes()).digest())
    return digest.hexdigest()[:16]


def manifest(paths: list[str], build: str) -> dict[str, object]:
    """What the worker saves on request: assets/ (styles, scripts, search data), the search page, and
    per section (a top-level folder; "" for the pages at the root) its pages and the files beside them."""
    kept = [path for path in paths if path.endswith(KEPT_SUFFIXES) and not path.startswith(UNUSED)]
    sections: dict[str, list[str]] = {}
    for path in kept:
        if path.startswith("assets/"):
            continue
        folder = path.split("/", 1)[0] if "/" in path else ""
        sections.setdefault(folder, []).append(path)
    return {"build": build, "assets": [p for p in kept if p.startswith("assets/")],
            "search": [p for p in kept if p.startswith(SEARCH) and p.endswith(".html")],
            "sections": sections}


def add_offline(site: Path) -> str:
    """Write sw.js and bdp-offline.json into a built site; returns the build id."""
    paths = site_files(site)
    build = build_id(site, paths)
    text = json.dumps(manifest(paths, build), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    (site / MANIFEST_FILE).write_text(text, encoding="utf-8")
    worker = WORKER.read_text(encoding="utf-8").replace(PLACEHOLDER, build)
    (site / WORKER_FILE).write_text(worker, encoding="utf-8")
    return build
