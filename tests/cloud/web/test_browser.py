"""The pages in a real headless Chromium: log in, read the numbers, no console errors.

Screenshots go to `tmp/artifacts/` (not committed).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Page, expect, sync_playwright
from sqlalchemy import Engine, func, select, update

from cloud.store import db
from cloud.store.projections import Conversation, TurnRow
from harness.processes import free_port
from tests.cloud.factory import PASSWORD, World
from tests.cloud.followup.conftest import link as followup_link
from tests.cloud.followup.conftest import voice as followup_voice

ARTIFACTS = Path(__file__).resolve().parents[3] / "tmp" / "artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def base_url(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn")
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture
def errors() -> list[str]:
    """Console and page errors of the test's page."""
    return []


@pytest.fixture
def page(base_url: str, errors: list[str]) -> Iterator[Page]:
    """A Chromium page; console errors and page errors are collected in `errors`."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS, timeout=30_000
        )
        context = browser.new_context(base_url=base_url, viewport={"width": 1024, "height": 1366})
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        context.close()
        browser.close()


def _shot(page: Page, name: str, backend: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{backend}.png"), full_page=True)


def test_a_manager_walks_every_page(
    page: Page, errors: list[str], world: World, engine: Engine, database_url: str
) -> None:
    backend = database_url.split(":", 1)[0].split("+")[0]
    page.goto("/floor")
    assert page.url.endswith("/login")
    page.fill("input[name=email]", world.email("acme", "manager"))
    page.fill("input[name=password]", "wrong password")
    page.click("button[type=submit]")
    assert page.text_content("#login-error") == "Wrong e-mail or password."
    assert errors == [
        "Failed to load resource: the server responded with a status of 401 (Unauthorized)"
    ]
    errors.clear()
    page.fill("input[name=email]", world.email("acme", "manager"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")
    with db.session_factory(engine)() as session:
        live = session.scalar(
            select(func.count()).where(
                Conversation.tenant_id == "acme", Conversation.ended_at.is_(None)
            )
        )
        conv = session.scalars(
            select(Conversation)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None))
            .limit(1)
        ).one()
        turns = session.scalar(select(func.count()).where(TurnRow.conversation_id == conv.id))
    assert page.text_content("#active-count") == str(live)
    assert page.locator("#active tbody tr").count() == live
    _shot(page, "floor", backend)

    page.goto(f"/conversations/{conv.id}")
    assert page.text_content("#turn-count") == str(turns)
    assert page.locator(".turn").count() == turns
    assert page.locator("svg.chart polyline").count() == 1
    _shot(page, "conversation", backend)

    page.goto("/scorecards")
    team = page.locator("#table-scorecards tbody tr").last
    assert team.locator("td").first.text_content() == "team"
    assert team.locator("td[data-column=conversations]").text_content() == str(world_ended(engine))
    _shot(page, "scorecards", backend)

    page.goto("/analytics?days=30")
    assert page.locator("svg.chart").count() == 2
    assert page.locator("#table-traffic_by_zone_hour tbody tr").count() == 4
    _shot(page, "analytics", backend)

    page.goto("/hubs")
    assert page.locator("#hub-list tbody tr").count() == 1
    _shot(page, "hubs", backend)
    page.goto("/conversations")
    _shot(page, "conversations", backend)
    assert errors == []


def world_ended(engine: Engine) -> int:
    """Ended conversations of acme."""
    with db.session_factory(engine)() as session:
        return int(
            session.scalar(
                select(func.count()).where(
                    Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None)
                )
            )
            or 0
        )


def test_the_floor_updates_without_reloading(
    page: Page, errors: list[str], world: World, engine: Engine
) -> None:
    page.goto("/login")
    page.fill("input[name=email]", world.email("acme", "viewer"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")
    before = int(page.text_content("#active-count") or "0")
    with db.session_factory(engine).begin() as session:
        session.execute(
            update(Conversation).where(Conversation.tenant_id == "acme").values(ended_at=func.now())
        )
    # expect() polls from Playwright's side: the CSP forbids the eval of wait_for_function
    expect(page.locator("#active-count")).to_have_text("0", timeout=15_000)
    assert before == 2
    assert errors == []


def test_an_admin_uses_the_access_pages_under_the_csp(
    page: Page, errors: list[str], world: World, engine: Engine
) -> None:
    page.goto("/login")
    page.fill("input[name=email]", world.email("acme", "admin"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")
    page.goto("/account")
    page.fill("input[name=name]", "browser")
    page.click("text=Make a token")
    assert page.text_content("#new-token pre", timeout=10_000).startswith("sfc_")  # type: ignore[union-attr]
    page.goto("/users")
    assert page.locator("#user-list tbody tr").count() == 3
    assert page.locator("#all-tokens tbody tr", has_text="browser").count() == 1
    with db.session_factory(engine)() as session:
        conv = session.scalars(
            select(Conversation.id).where(Conversation.tenant_id == "acme").limit(1)
        ).one()
    page.goto(f"/conversations/{conv}")
    # the forget form asks first (a script file, not an inline handler): dismissing keeps it
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("form[data-confirm] button")
    assert page.url.endswith(f"/conversations/{conv}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form[data-confirm] button")
    page.wait_for_url("**/forget")
    page.goto("/audit")
    actions = page.locator("#audit-log tbody tr td:nth-child(3)").all_text_contents()
    assert actions[:2] == ["forget", "token.add"]
    assert errors == []


def test_a_manager_edits_the_voice_then_a_customer_unsubscribes(
    page: Page, errors: list[str], world: World, engine: Engine
) -> None:
    with db.session_factory(engine).begin() as session:
        conv = session.scalars(
            select(Conversation.id)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None))
            .limit(1)
        ).one()
        followup_link(session, conv)
        followup_voice(session)
    page.goto("/login")
    page.fill("input[name=email]", world.email("acme", "manager"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")
    page.goto("/followup/settings/site-a")
    page.fill("textarea[name=en_sms]", "Hi {{ customer.first_name }}, {{ nobody }}")
    page.click("#followup-settings button[type=submit]")
    assert "'nobody' is undefined" in str(page.text_content("#followup-settings-problem"))
    page.fill(
        "textarea[name=en_sms]", "Hi {{ customer.first_name }}, thanks from {{ dealership }}!"
    )
    page.click("#followup-settings button[type=submit]")
    assert page.text_content("#followup-settings-notice") == "Saved."
    page.goto(f"/conversations/{conv}")
    text = page.input_value("#followup-sms textarea")
    assert text == "Hi Ana, thanks from Acme Toyota! Reply STOP to opt out."
    page.click("#followup-sms button[type=submit]")  # no Twilio set up in this app
    assert "texts are not set up" in str(page.text_content("#followup-notice"))
    _shot(page, "followup", engine.dialect.name)
    body = page.input_value("#followup-email textarea")
    link = body.rsplit("Unsubscribe: ", 1)[1].strip()
    page.context.clear_cookies()  # the customer
    page.goto(link.replace("http://127.0.0.1:8080", ""))
    page.click("#unsubscribe")
    assert "You are unsubscribed" in str(page.text_content("#unsubscribed"))
    # the refused template (400) and the unsent text (502) answer with their status; nothing else
    assert [e.rsplit("status of ", 1)[-1] for e in errors] == [
        "400 (Bad Request)",
        "502 (Bad Gateway)",
    ]


def test_a_manager_follows_up_the_likeliest_prospect_and_marks_it_sold(
    page: Page, errors: list[str], world: World, engine: Engine, database_url: str
) -> None:
    backend = database_url.split(":", 1)[0].split("+")[0]
    page.goto("/login")
    page.fill("input[name=email]", world.email("acme", "manager"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")
    assert page.locator("#active td.likelihood").count() == 2
    page.click("text=Follow up")
    page.wait_for_url("**/follow-up")
    shown = [
        int(t.rstrip(" %"))
        for t in page.locator("#follow-up td.num:first-child").all_text_contents()
    ]
    assert len(shown) > 5 and shown == sorted(shown, reverse=True)
    assert page.locator("#follow-up td.reasons").first.text_content() not in ("", "\u2013")
    _shot(page, "follow-up", backend)
    first = page.locator("#follow-up tbody tr").first
    key = first.get_attribute("data-key")
    first.locator("a").click()
    page.wait_for_url("**/conversations/*")
    page.click("#outcome-sold")
    expect(page.locator("#outcome strong")).to_have_text("sold")
    page.goto("/follow-up")
    assert page.locator(f'#follow-up tr[data-key="{key}"]').count() == 0
    assert errors == []
