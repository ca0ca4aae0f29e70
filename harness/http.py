"""Serve an ASGI app (a vendor fake) with uvicorn on a free loopback port, in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import uvicorn

from harness.processes import free_port


class ServerError(RuntimeError):
    """The server did not start in time."""


@contextmanager
def serve(
    app: Any,
    *,
    port: int | None = None,
    timeout_s: float = 10.0,
    lifespan: Literal["on", "off"] = "off",
) -> Iterator[str]:
    """Run `app` on 127.0.0.1 until the block ends; yields its base URL (`http://127.0.0.1:P`).

    `lifespan="on"` runs the app's lifespan (a whole cloud, with its ingest).
    """
    chosen = port or free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=chosen, log_level="warning", lifespan=lifespan, access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"fake-http-{chosen}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(timeout_s)
            raise ServerError(f"the fake server on port {chosen} did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{chosen}"
    finally:
        server.should_exit = True
        thread.join(timeout_s)
