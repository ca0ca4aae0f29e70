"""Memory of the web process under a burst of failed logins with unknown e-mails.

    .venv/bin/python -m bench.login_burst --logins 40 --slots 2
    .venv/bin/python -m bench.login_burst --logins 40 --slots 40 --per-address 1000

Starts `showfloor-cloud serve` on a fresh SQLite database, sends `--logins` concurrent failed
logins (each with its own session, CSRF token and unknown e-mail), and reads the server's peak
RSS (`VmHWM`) before and after. The second command is the old behaviour (every login hashes at
once, no per-address limit before hashing). Prints the status codes and the RSS figures.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mib(pid: int, field: str) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else 0.0


def _login(base: str, index: int) -> int:
    with httpx.Client(base_url=base, timeout=120) as client:
        page = client.get("/login").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        form = {
            "email": f"nobody{index}@nowhere.invalid",
            "password": "not the password",
            "csrf": csrf.group(1) if csrf else "",
        }
        return client.post("/login", data=form).status_code


def main() -> int:
    """Run the burst; print codes and peak RSS."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--logins", type=int, default=40)
    parser.add_argument("--slots", type=int, default=2, help="Setting password_hash_slots.")
    parser.add_argument("--per-address", type=int, default=30, help="login_attempts_per_address")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as state:
        port = _free_port()
        env = {
            **os.environ,
            "SHOWFLOOR_CLOUD_STATE_DIR": state,
            "SHOWFLOOR_CLOUD_PORT": str(port),
            "SHOWFLOOR_CLOUD_SECURE_COOKIES": "false",
            "SHOWFLOOR_CLOUD_PASSWORD_HASH_SLOTS": str(args.slots),
            "SHOWFLOOR_CLOUD_PASSWORD_HASH_WAIT_S": "60",
            "SHOWFLOOR_CLOUD_LOGIN_ATTEMPTS_PER_ADDRESS": str(args.per_address),
        }
        cli = [sys.executable, "-m", "cloud"]
        subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True)
        server = subprocess.Popen(
            [*cli, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{base}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            before = _rss_mib(server.pid, "VmRSS")
            started = time.monotonic()
            with ThreadPoolExecutor(args.logins) as pool:
                codes = Counter(pool.map(lambda i: _login(base, i), range(args.logins)))
            took = time.monotonic() - started
            peak = _rss_mib(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(30)
    sys.stdout.write(
        f"logins={args.logins} slots={args.slots} per_address={args.per_address} "
        f"codes={dict(sorted(codes.items()))} rss_before_mib={before:.0f} "
        f"peak_rss_mib={peak:.0f} seconds={took:.1f}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
