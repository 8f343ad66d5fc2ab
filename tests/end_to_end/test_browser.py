"""The HTML reports in a real browser, at desktop and phone width: no accessibility violation (axe-core),
nothing wider than the screen except the tables' own scrolling regions, and every figure described."""

from __future__ import annotations

import os
import shutil

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from helpers import ROOT  # noqa: E402

from interpol_review.build.browser import CHROMIUM_ARGUMENTS  # noqa: E402

WIDTHS = {"desktop": 1280, "phone": 390}
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium: `make setup` installs it")
    with playwright.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        yield instance
        instance.close()


def open_page(browser, path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.route("http*://**", lambda route: route.abort())  # a report must work offline
    page.goto(path.as_uri())
    return page


PAGES = [f"{path.stem}/report.html" for path in sorted((ROOT / "params").glob("*.yaml"))] + ["index.html"]
# Elements reaching past the screen's right edge, other than inside a region that scrolls on its own (a
# wide table scrolls inside its box; the page itself must not).
OVERFLOW = """() => {
    const scrolls = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
    return [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !scrolls(e))
        .slice(0, 5).map(e => e.tagName + '.' + e.className); }"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violation_and_nothing_wider_than_the_screen(browser, reports, name, width):
    page = open_page(browser, reports / name, width)
    results = Axe().run(page)
    violations = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in results.response["violations"]]
    too_wide = page.evaluate(OVERFLOW)
    scroll = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert violations == []
    assert too_wide == [] and scroll <= 1


def test_every_figure_has_a_text_alternative(browser, latest_report):
    page = open_page(browser, latest_report / "report.html", WIDTHS["desktop"])
    missing = page.evaluate(
        "() => [...document.querySelectorAll('img, svg[role=img]')]"
        ".filter(e => !(e.getAttribute('alt') || e.getAttribute('aria-label') || e.querySelector('title')))"
        ".length"
    )
    count = page.evaluate("() => document.querySelectorAll('figure').length")
    page.close()
    assert missing == 0 and count >= 8
