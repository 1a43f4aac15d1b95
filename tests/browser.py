"""Headless Debian Chromium driven by Playwright, shared by the browser tests.

Chromium comes from Debian (`apt-get install chromium`, done by scripts/setup-test-tools.sh); Playwright's own browser
download is not used. The flags keep Chromium from calling home, so every request a page makes is
one the page itself asked for.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-quic"]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: run `make test` (scripts/setup-test-tools.sh installs it)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


AXE_SCRIPT = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
    const result = await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
    return result.violations.map(v => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes[0].target.join(' ')}`);
}"""


def axe_violations(page: object) -> list[str]:
    """axe-core (WCAG 2.1 A/AA and best practice) on the page as loaded; one line per violation."""
    page.add_script_tag(path=str(AXE_SCRIPT))  # type: ignore[attr-defined]
    return page.evaluate(AXE_RUN)  # type: ignore[attr-defined, no-any-return]


def requests_elsewhere(browser: object, pages: list[Path]) -> list[str]:
    """Open each page from disk; every URL it asks for that is not a local file (and each page must be Polish)."""
    context = browser.new_context()  # type: ignore[attr-defined]
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
    for path in pages:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == "pl", path
        page.close()
    context.close()
    return outside
