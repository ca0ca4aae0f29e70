"""Sign in to a cloud served over HTTP (`harness.http.serve(app, lifespan="on")`)."""

from __future__ import annotations

import re

import httpx

from tests.cloud.factory import PASSWORD


def signed_in(base_url: str, email: str) -> httpx.Client:
    """An HTTP client with `email`'s session cookie."""
    client = httpx.Client(base_url=base_url, timeout=10)
    form = client.get("/login").text
    found = re.search(r'name="csrf" value="([^"]+)"', form)
    assert found, "no CSRF field on /login"
    answer = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf": found.group(1)}
    )
    assert answer.status_code == 303, answer.text
    return client
