"""Issue #18: the stylesheets of the built site keep only what its pages and scripts can use
(generator/site/trimcss.py), and scripts/lighthouse.py's figures from a Lighthouse report."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.site.mkdocs_seam import wrap_tables
from generator.site.trimcss import trim, words_of

PROJECT = Path(__file__).resolve().parent.parent

CSS = """/* a comment */
html{color:#111}
.used{color:red}.unused{color:blue}
.used .unused,.used>.also{margin:0}
#__drawer:checked~.used{display:block}#gone{display:none}
.md-typeset :not(.unused)>p{padding:0}
:root{--kept:1px;--dropped:2px;--chain:var(--kept);--by-script:3px}
.used{width:var(--chain)}
@media screen and (min-width:60em){.unused{display:none}.used{display:flex}}
@media print{.unused{display:none}}
@keyframes spin{0%{transform:none}to{transform:rotate(1turn)}}
"""


def test_keeps_rules_whose_classes_and_ids_occur_and_drops_the_rest() -> None:
    words = words_of(['<div class="used md-typeset" id="__drawer">', "el.classList.add('also'); s.setProperty('--by-script', 1)"])
    out = trim(CSS, words)
    assert "html{color:#111}" in out
    assert ".used{color:red}" in out and ".unused{color:blue}" not in out
    assert ".used>.also{margin:0}" in out and ".used .unused" not in out
    assert "#__drawer:checked~.used" in out and "#gone" not in out
    assert ":not(.unused)>p" in out  # a class inside :not() is not needed for the selector to match
    assert "--kept:1px" in out and "--chain:var(--kept)" in out and "--by-script:3px" in out
    assert "--dropped" not in out
    assert "@media screen and (min-width:60em){.used{display:flex}}" in out
    assert "@media print" not in out  # left empty
    assert "@keyframes spin" in out
    assert "comment" not in out


def test_a_custom_property_used_only_by_a_dropped_rule_goes() -> None:
    css = ":root{--a:1px;--b:2px}.gone{width:var(--a)}.here{width:var(--b)}"
    assert trim(css, words_of(['class="here"'])) == ":root{--b:2px}.here{width:var(--b)}"


def test_trimming_is_deterministic_and_idempotent() -> None:
    words = words_of(['<p class="used">'])
    once = trim(CSS, words)
    assert trim(CSS, words) == once
    assert trim(once, words) == once


@pytest.mark.slow
def test_bundled_site_stylesheet_is_trimmed_and_keeps_what_pages_use(bundled_site: Path) -> None:
    main = next((bundled_site / "assets" / "stylesheets").glob("main.*.css"))
    css = main.read_text(encoding="utf-8")
    assert len(css.encode()) < 90_000  # the theme's own file is 137 kB
    for needed in (".md-header", ".md-typeset__scrollwrap", ".md-nav__link", ".md-top"):
        assert needed in css, needed
    assert not re.search(r"\.md-search__input", css)  # the theme's search is off


@pytest.mark.slow
def test_pages_load_no_theme_bundle_and_defer_every_script(bundled_site: Path) -> None:
    for page in (bundled_site / "index.html", bundled_site / "samorzady" / "plock.html"):
        html = page.read_text(encoding="utf-8")
        sources = re.findall(r"<script[^>]*\bsrc=[^>]*>", html)
        assert sources and all(" defer " in tag for tag in sources), sources
        assert "javascripts/bundle." not in html
    assert '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>' in html


def test_tables_get_the_scrolling_box_when_built() -> None:
    html = "<p>a</p><table>\n<tr><td>1</td></tr></table><table class=\"x\"><tr><td>2</td></tr></table>"
    assert wrap_tables(html) == ('<p>a</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>\n'
                                 '<tr><td>1</td></tr></table></div></div><table class="x"><tr><td>2</td></tr></table>')
    assert wrap_tables("<p>no table</p>") == "<p>no table</p>"


def _lighthouse_module() -> Any:
    spec = importlib.util.spec_from_file_location("lighthouse_script", PROJECT / "scripts" / "lighthouse.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _report(score: float, fcp: float, other: str = "") -> dict[str, Any]:
    base = "http://127.0.0.1:8000/"
    requests = [{"url": base + "index.html"}] + ([{"url": other}] if other else [])
    return {
        "categories": {"performance": {"score": score}},
        "audits": {
            "first-contentful-paint": {"numericValue": fcp},
            "largest-contentful-paint": {"numericValue": fcp + 100},
            "total-blocking-time": {"numericValue": 30.0},
            "cumulative-layout-shift": {"numericValue": 0.01},
            "speed-index": {"numericValue": fcp},
            "resource-summary": {"details": {"items": [
                {"resourceType": "stylesheet", "transferSize": 12000, "requestCount": 1},
                {"resourceType": "total", "transferSize": 30000, "requestCount": 5}]}},
            "network-requests": {"details": {"items": requests}},
        },
    }


def test_lighthouse_figures_take_the_median_and_list_other_hosts() -> None:
    lighthouse = _lighthouse_module()
    base = "http://127.0.0.1:8000/"
    runs = [lighthouse.figures(_report(0.97, 1500.0), base), lighthouse.figures(_report(0.83, 2500.0), base),
            lighthouse.figures(_report(0.99, 1400.0, "https://fonts.example.com/a.woff2"), base)]
    middle = lighthouse.median(runs)
    assert middle["score"] == 97 and middle["scores"] == [97, 83, 99]
    assert middle["FCP"] == 1500.0 and middle["LCP"] == 1600.0
    assert middle["bytes"] == {"stylesheet": 12000, "total": 30000} and middle["requests"] == 5
    assert middle["elsewhere"] == ["https://fonts.example.com/a.woff2"]
    table = lighthouse.table([("praktyka", "praktyki/x.html", middle)])
    assert "| praktyka | 97 (97, 83, 99) | 1,50 s | 1,60 s | 30 ms | 0,010 | 1,50 s |" in table


def test_lighthouse_script_refuses_a_folder_without_a_site(tmp_path: Path) -> None:
    assert _lighthouse_module().main(["--site", str(tmp_path)]) == 2
