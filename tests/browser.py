"""Headless Debian Chromium driven by Playwright, shared by the browser tests.

Chromium comes from Debian (`apt-get install chromium`, done by .ci/run); Playwright's own browser
download is not used. The flags keep Chromium from calling home, so every request a page makes is
one the page itself asked for.
"""
from __future__ import annotations

import shutil
from typing import Iterator

import pytest

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-quic"]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: run `apt-get install chromium` (.ci/run does it)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
