"""Ports and processes for the services the tests, benches and demo start on loopback."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

#: Ports `free_port` handed out in this process (forgotten when half its range is used).
_GIVEN: set[int] = set()


def free_port() -> int:
    """A loopback TCP port nothing listens on now, below the ephemeral range.

    A port the kernel hands out for outgoing connections (32768-60999 by default) can be taken
    by a client's own socket while the server is down (TCP simultaneous open: a reconnecting
    client connects to itself), and the restarted server then fails with "address in use".

    Under pytest-xdist each worker draws from its own slice of the range, so two workers never
    pick the same port between one's probe and its server's bind; nor does one process pick a
    port twice (a broker's plain and TLS listeners, chosen before it binds any: "address in use").
    """
    low, high = _port_range()
    if len(_GIVEN) > (high - low) // 2:
        _GIVEN.clear()
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(low, high)
        if port in _GIVEN:  # handed out already, its server maybe not listening yet
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            _GIVEN.add(port)
            return port
    raise RuntimeError(f"no free loopback port in {low}-{high}")


def _port_range() -> tuple[int, int]:
    """20000-32000, or this pytest-xdist worker's share of it (`gw1` of 2: 26000-32000)."""
    low, high = 20000, 32000
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if worker.startswith("gw") and worker[2:].isdigit() and count > 1:
        share = (high - low) // count
        low += int(worker[2:]) % count * share
        high = low + share
    return low, high


def wait_for_port(port: int, timeout_s: float = 10.0) -> None:
    """Until something accepts connections on 127.0.0.1:`port`; `TimeoutError` if nothing."""
    deadline = time.monotonic() + timeout_s
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout_s} s")
        time.sleep(0.02)


def pid_alive(pid: int) -> bool:
    """Whether a process id is still running (for leak checks)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def terminate(process: subprocess.Popen[bytes], timeout_s: float = 10.0) -> None:
    """SIGTERM and reap; SIGKILL when it does not stop within `timeout_s`."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout_s)


@contextlib.contextmanager
def running(command: list[str], log: Path, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """`command` with its output in `log` (and `env` added) until the block ends."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=os.environ | env
        )
    try:
        yield process
    finally:
        terminate(process, 15.0)
