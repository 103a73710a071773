"""Shared pieces of the browser tests: Debian's Chromium through Playwright, and axe-core's WCAG checks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The success criteria of WCAG 2.1 levels A and AA, which the EU Web Accessibility Directive (EN 301 549) requires.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"Debian's Chromium is not installed at {CHROMIUM}"
)


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A Chromium page. Request it after the fixtures that write to the database: Playwright runs an event loop in
    this thread, and Django refuses (async-unsafe) database calls while it runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        yield page
        browser.close()


def wcag_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one line each (rule, impact, the elements)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]
