"""Installable: manifest and icons, the shell offline, a push shown by the service worker.

In the machine's Chromium (headless), as test_browser. Screenshots go to `tmp/artifacts/`.
"""

from __future__ import annotations

import json
import struct
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from tests.cloud.factory import PASSWORD, World
from tests.cloud.web.test_browser import ARTIFACTS, CHROMIUM_FLAGS, base_url
from tools import make_icons

__all__ = ["base_url"]  # the fixture, shared with test_browser


def test_the_manifest_names_the_app_and_its_icons(client: TestClient) -> None:
    answer = client.get("/static/manifest.webmanifest")
    assert answer.headers["content-type"] == "application/manifest+json"
    manifest = answer.json()
    assert manifest["start_url"] == "/floor" and manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        png = client.get(icon["src"])
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", png.content[16:24])
        assert icon["sizes"] == f"{width}x{height}"
        sizes.add(width)
    assert {192, 512} <= sizes  # what Chromium asks of an installable app
    assert make_icons.main(["--check"]) == 0  # the committed icons are what the tool draws
    worker = client.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert '"/shell"' in worker.text


@pytest.fixture
def context(base_url: str) -> Iterator[BrowserContext]:
    """A Chromium context on the app, with notifications allowed."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS, timeout=30_000
        )
        context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
        context.grant_permissions(["notifications"], origin=base_url)
        context.set_default_timeout(15_000)
        yield context
        context.close()
        browser.close()


def _log_in(page: Page, world: World) -> None:
    page.goto("/login")
    page.fill("input[name=email]", world.email("acme", "manager"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/floor")
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "yes")


def test_the_floor_streams_and_its_shell_opens_offline(
    context: BrowserContext, world: World
) -> None:
    page = context.new_page()
    _log_in(page, world)
    expect(page.locator("#live")).to_have_attribute("data-live", "stream")
    context.set_offline(True)
    page.reload()
    expect(page.locator("#offline-shell")).to_be_visible()
    assert page.url.endswith("/floor")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "floor-offline-390.png"), full_page=True)
    context.set_offline(False)
    # back online, the shell fills itself with the live floor (the fallback poll or the stream)
    expect(page.locator("#active-count")).to_be_visible(timeout=20_000)


def test_the_service_worker_shows_a_pushed_alert(context: BrowserContext, world: World) -> None:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    _log_in(page, world)
    deadline = time.monotonic() + 30  # a loaded CI machine is slow to start a worker
    while not registrations:
        assert time.monotonic() < deadline, "no service worker registration reported"
        page.wait_for_timeout(100)
    # a push reaches an installed worker: wait until it is active (its install fetches the
    # shell, a page of the app, which a loaded machine answers slowly)
    assert page.evaluate("navigator.serviceWorker.ready.then((r) => Boolean(r.active))")
    origin = page.evaluate("location.origin")
    alert = {
        "title": "Complaint at site-a",
        "body": "The customer is making a complaint.",
        "url": "/floor",
        "tag": "alert-1",
    }
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": origin,
            "registrationId": registrations[0]["registrationId"],
            "data": json.dumps(alert),
        },
    )
    shown: list[list[str]] = []
    deadline = time.monotonic() + 30  # a loaded CI machine is slow to start a worker
    while not shown:
        assert time.monotonic() < deadline, "the service worker showed no notification"
        shown = page.evaluate(
            "navigator.serviceWorker.ready.then(r => r.getNotifications())"
            ".then(found => found.map(n => [n.title, n.body, n.tag]))"
        )
        page.wait_for_timeout(100)
    assert shown == [[alert["title"], alert["body"], alert["tag"]]]


def test_a_manager_turns_alerts_on_and_is_told_what_happened(
    context: BrowserContext, world: World
) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _log_in(page, world)
    page.goto("/account")
    page.click("text=Alerts on my devices")
    page.wait_for_url("**/account/alerts")
    page.uncheck("input[name=kinds][value=waiting]")
    page.check("input[name=sites][value=site-a]")
    page.click("#push-form button[type=submit]")
    # Chromium here has no push service to reach (no network): the page says so plainly
    expect(page.locator("#push-state")).to_contain_text(
        "This device could not subscribe", timeout=20_000
    )
    expect(page.locator("#push-state")).to_contain_text("alerts show on the live floor")
    assert errors == []
