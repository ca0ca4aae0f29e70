"""Every page at phone, tablet and desktop sizes in a real Chromium: layout, axe-core, keyboard.

For each page and each of 390x844, 768x1024 and 1440x900 (and in Spanish at 390x844): a
full-page screenshot in `tmp/artifacts/layout/` (not committed), no sideways scrolling of the
page itself, touch targets of at least 44 px on the phone, and axe-core's WCAG 2.1 A/AA rules
with no serious or critical violation. One browser and one page for the whole walk (a page is
loaded once and resized), on SQLite only: the layout does not depend on the database.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from sqlalchemy import Engine, select

from cloud.store.projections import Conversation
from tests.cloud.factory import PASSWORD, World
from tests.cloud.web import test_browser
from tests.cloud.web.test_browser import ARTIFACTS

#: The browser tests' fixtures: the app served by uvicorn, a Chromium page, its console errors.
base_url, page, errors = test_browser.base_url, test_browser.page, test_browser.errors
SIZES = [(390, 844), (768, 1024), (1440, 900)]
SHOTS = ARTIFACTS / "layout"
#: axe-core's tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = ("serious", "critical")
#: What a thumb presses: every button, field, menu link and stand-alone link (WCAG 2.5.5's
#: 44 px; links inside a sentence are exempt, as in WCAG 2.5.8).
TARGETS = (
    "button, select, input:not([type=hidden]):not([type=checkbox]), header a, a.target, "
    ".scroll td a, label:has(input[type=checkbox])"
)
# These run in the page through CDP (Runtime.evaluate), which the page's CSP does not govern.
SIDEWAYS = "document.scrollingElement.scrollWidth - window.innerWidth"
SMALL_TARGETS = """(selector) => [...document.querySelectorAll('main, header')].flatMap(root =>
  [...root.querySelectorAll('*')]).filter(el => el.matches(selector)).map(el => {
    const box = el.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 80), width: box.width, height: box.height};
  }).filter(box => box.width > 0 && (box.height < 44 || box.width < 44))"""


def _log_in(page: Page, email: str, go: bool = True) -> None:
    """Log in through the form (from the login page already open unless `go`)."""
    if go:
        page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")


def _blocking(results: Any) -> list[str]:
    """Axe-core's serious and critical violations, one line each with the first offending node."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def _check_page(
    page: Page, axe: Axe, name: str, problems: list[str], sizes: list[tuple[int, int]] = SIZES
) -> None:
    """Each size: screenshot, no page-level sideways scroll, targets (phone), axe."""
    for width, height in sizes:
        page.set_viewport_size({"width": width, "height": height})
        where = f"{name} at {width}x{height}"
        page.screenshot(path=str(SHOTS / f"{name}-{width}x{height}.png"), full_page=True)
        overflow = page.evaluate(SIDEWAYS)
        if overflow > 0:
            problems.append(f"{where}: the page scrolls sideways by {overflow} px")
        if width < 400:
            for small in page.evaluate(SMALL_TARGETS, TARGETS):
                problems.append(
                    f"{where}: target {small['width']:.0f}x{small['height']:.0f}"
                    f" px: {small['what']}"
                )
        problems.extend(f"{where}: {line}" for line in _blocking(axe.run(page, options=WCAG_AA)))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_every_page_fits_every_size_and_passes_axe(
    page: Page, errors: list[str], world: World, engine: Engine
) -> None:
    axe = Axe()
    problems: list[str] = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    with engine.connect() as connection:
        conv = connection.execute(
            select(Conversation.id).where(Conversation.tenant_id == "acme").limit(1)
        ).scalar_one()
    page.goto("/login")
    _check_page(page, axe, "login", problems)
    _log_in(page, world.email("acme", "admin"), go=False)
    pages = {
        "floor": "/floor",
        "conversations": "/conversations",
        "conversation": f"/conversations/{conv}",
        "scorecards": "/scorecards",
        "analytics": "/analytics?days=30",
        "hubs": "/hubs",
        "crm": "/crm",
        "crm-settings": "/crm/settings/site-a",
        "followup": "/followup",
        "followup-settings": "/followup/settings/site-a",
        "follow-up": "/follow-up?days=30",
        "account": "/account",
        "alerts": "/account/alerts",
        "users": "/users",
        "audit": "/audit",
        "practice": "/practice",
        "practice-customer": f"/practice?site=site-a&staff={world.staff['acme'][0]}",
    }
    for name, path in pages.items():
        page.goto(path)
        _check_page(page, axe, name, problems)
    # Spanish runs longer: every page again on the phone, as a user who chose Spanish
    page.goto("/account")
    page.select_option("select[name=locale]", "es")
    page.click("#language button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "es"
    for name, path in pages.items():
        page.goto(path)
        _check_page(page, axe, f"{name}-es", problems, SIZES[:1])
    assert problems == [], "\n".join(problems)
    assert errors == []
    # and axe does see a violation when there is one: an image with no text equivalent
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [line.split(" ")[0] for line in _blocking(axe.run(page, options=WCAG_AA))] == [
        "image-alt"
    ]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_wide_table_scrolls_in_its_card_with_its_first_column_pinned(
    page: Page, world: World
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, world.email("acme", "manager"))
    page.goto("/scorecards")
    region = page.locator(".scroll", has=page.locator("#table-scorecards"))
    wider = region.evaluate("el => el.scrollWidth - el.clientWidth")
    assert wider > 100  # ten columns do not fit a phone: the card scrolls, not the page
    # the cue that there is more: a shadow painted on the right edge of the region
    assert "radial-gradient" in region.evaluate("el => getComputedStyle(el).backgroundImage")
    name = page.locator("#table-scorecards tbody tr").first.locator("td").first
    number = page.locator("#table-scorecards tbody tr").first.locator("td").nth(3)
    before = (name.bounding_box(), number.bounding_box())
    region.evaluate("el => { el.scrollLeft = 200; }")
    after = (name.bounding_box(), number.bounding_box())
    assert before[0] and after[0] and before[1] and after[1]
    assert after[0]["x"] == pytest.approx(before[0]["x"], abs=1)  # the name stays
    assert after[1]["x"] < before[1]["x"] - 100  # the numbers move under it
    assert page.evaluate(SIDEWAYS) <= 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_keyboard_alone_reaches_the_content_and_every_menu_entry(
    page: Page, world: World
) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/login")
    page.keyboard.press("Tab")  # the skip link comes first, and shows when focused
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    box = page.locator("a.skip").bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Tab")
    page.keyboard.type(world.email("acme", "admin"))
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/floor")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to the content
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto("/floor")
    reached, outlines = [], []
    for _ in range(15):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        outlines.append(page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))
    menu = ["/floor", "/conversations", "/follow-up", "/scorecards", "/analytics", "/hubs"]
    menu += ["/crm", "/followup", "/practice", "/account", "/users", "/audit"]
    assert reached[:13] == ["#main", *menu]
    assert all(style != "none" for style in outlines[:13])  # focus is visible
    page.goto("/floor")  # open a menu entry from the keyboard: the twelfth stop is Users
    for _ in range(12):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/users")
    assert page.locator("h1").text_content() == "Users"
