"""The practice page in Chromium: the customer's line is spoken through speechSynthesis."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.cloud.factory import PASSWORD, World
from tests.cloud.web import test_browser

base_url, page, errors = test_browser.base_url, test_browser.page, test_browser.errors
#: Records what the page asks the browser to say (headless Chromium has no voice to hear).
RECORD = """window.__said = [];
const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
window.speechSynthesis.speak = (u) => { window.__said.push([u.text, u.lang]); speak(u); };"""


def _open_practice(page: Page, world: World) -> None:
    """Log in as a manager and open a practice customer for the first salesperson."""
    page.goto("/login")
    page.fill("input[name=email]", world.email("acme", "manager"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")
    page.goto(f"/practice?site=site-a&staff={world.staff['acme'][0]}")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_customer_speaks_and_the_answer_is_graded(
    page: Page, errors: list[str], world: World
) -> None:
    page.add_init_script(RECORD)
    _open_practice(page, world)
    line = page.locator("#customer-line").text_content()
    assert line
    page.click("#speak-line")  # visible only because this browser has speechSynthesis
    assert page.evaluate("window.__said") == [[line.strip("“”"), "en-US"]]
    page.fill("textarea[name=answer]", "I hear you. What matters most to you today?")
    page.click("#practice-answer button[type=submit]")
    page.wait_for_selector("#practice-grade")
    assert "Score" in (page.locator("#practice-score").text_content() or "")
    # the next customer speaks at once: the answer was the salesperson's own gesture
    said = page.evaluate("window.__said")
    assert said == [[(page.locator("#customer-line").text_content() or "").strip("“”"), "en-US"]]
    assert errors == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_without_speech_the_line_is_only_read(page: Page, world: World) -> None:
    page.add_init_script("delete window.speechSynthesis; delete Window.prototype.speechSynthesis;")
    _open_practice(page, world)
    assert page.locator("#customer-line").is_visible()
    assert page.locator("#speak-line").is_hidden()
