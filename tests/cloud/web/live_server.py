"""The whole cloud (lifespan, ingest) under uvicorn on a free port, in a thread."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI

from harness.processes import free_port
from tests.cloud.factory import PASSWORD


@contextmanager
def served(app: FastAPI, timeout_s: float = 20.0) -> Iterator[str]:
    """`app` with its lifespan on 127.0.0.1; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn")
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(timeout_s)
            raise AssertionError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout_s)


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
