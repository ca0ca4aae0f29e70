"""An app on the test database with two tenants of demo data, and a way to log in."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cloud.settings import CloudSettings
from cloud.web.app import create_app
from tests.cloud.factory import PASSWORD, World, build


@pytest.fixture
def world(engine: Engine) -> World:
    """Tenants acme and rival with users, tokens and events."""
    return build(engine)


@pytest.fixture
def app(settings: CloudSettings, world: World) -> FastAPI:
    """The app (no broker)."""
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client with the lifespan running."""
    with TestClient(app, follow_redirects=False) as client:
        yield client


def csrf_of(client: TestClient, page: str = "/login") -> str:
    """The CSRF token of the client's session, read from a form."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(page).text)
    assert found, f"no CSRF field on {page}"
    return found.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Log in; returns the CSRF token for the session's forms."""
    answer = client.post(
        "/login", data={"email": email, "password": password, "csrf": csrf_of(client)}
    )
    assert answer.status_code == 303, answer.text
    return csrf_of(client, "/hubs")
