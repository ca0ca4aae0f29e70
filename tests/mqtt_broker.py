"""A real Mosquitto for tests: a free loopback port, persistence, a password file and an ACL.

```python
with Broker(tmp_path, users={"hub": "pw"}, acl=ACL) as broker:
    broker.stop(); broker.start()   # same port, same persistence directory
```

The port is chosen once and kept across restarts, so clients reconnect to the same address.
`Broker.tls_port` exists when `tls=` is given: a TLS listener with that server certificate.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
MOSQUITTO_PASSWD = shutil.which("mosquitto_passwd") or "/usr/bin/mosquitto_passwd"


def free_port() -> int:
    """A loopback TCP port nothing listens on now, below the ephemeral range.

    A port the kernel hands out for outgoing connections (32768-60999 by default) can be taken
    by a client's own socket while the server is down (TCP simultaneous open: a reconnecting
    client connects to itself), and the restarted broker then fails with "address in use".
    """
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port in 20000-32000")


def wait_for_port(port: int, timeout_s: float = 10.0) -> None:
    """Until something accepts connections on 127.0.0.1:`port`."""
    deadline = time.monotonic() + timeout_s
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout_s} s")
        time.sleep(0.02)


@dataclass(frozen=True)
class TlsListener:
    """A TLS listener: the server certificate, its key and the CA clients are checked with."""

    cert_file: Path
    key_file: Path
    ca_file: Path


def hub_acl(username: str, prefix: str) -> str:
    """ACL lines letting `username` write under `prefix` and read its commands only."""
    return f"user {username}\ntopic write {prefix}/#\ntopic read {prefix}/cmd/#\n"


def reader_acl(username: str, topic: str = "showfloor/v1/#") -> str:
    """ACL lines letting `username` read (cloud ingest) and write commands."""
    return f"user {username}\ntopic read {topic}\ntopic write showfloor/v1/+/+/+/cmd/#\n"


class Broker:
    """One Mosquitto process, restartable on the same port and persistence directory."""

    def __init__(
        self,
        directory: Path,
        users: dict[str, str],
        acl: str,
        *,
        tls: list[TlsListener] | None = None,
    ) -> None:
        """A broker whose files live in `directory`; not started yet."""
        self.directory = directory
        self.port = free_port()
        self.tls_ports = [free_port() for _ in tls or []]
        self._process: subprocess.Popen[bytes] | None = None
        directory.mkdir(parents=True, exist_ok=True)
        passwd = directory / "passwd"
        passwd.write_text("", encoding="utf-8")
        for user, password in users.items():
            subprocess.run(
                [MOSQUITTO_PASSWD, "-b", str(passwd), user, password],
                check=True,
                capture_output=True,
            )
        (directory / "acl").write_text(acl, encoding="utf-8")
        (directory / "data").mkdir(exist_ok=True)
        lines = [
            "user root",
            "per_listener_settings false",
            "allow_anonymous false",
            f"password_file {passwd}",
            f"acl_file {directory / 'acl'}",
            "persistence true",
            f"persistence_location {directory / 'data'}/",
            "max_queued_messages 0",
            "max_inflight_messages 0",
            "set_tcp_nodelay true",
            f"log_dest file {directory / 'mosquitto.log'}",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            f"listener {self.port} 127.0.0.1",
        ]
        for port, listener in zip(self.tls_ports, tls or [], strict=True):
            lines += [
                f"listener {port} 127.0.0.1",
                f"certfile {listener.cert_file}",
                f"keyfile {listener.key_file}",
                f"cafile {listener.ca_file}",
            ]
        self.config = directory / "mosquitto.conf"
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @property
    def log(self) -> str:
        """What the broker logged so far."""
        path = self.directory / "mosquitto.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start (or start again) and wait until every listener accepts connections."""
        if self.running:
            return
        self._process = subprocess.Popen(
            [MOSQUITTO, "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            for port in (self.port, *self.tls_ports):
                wait_for_port(port)
        except TimeoutError as err:
            self.stop()
            raise RuntimeError(f"mosquitto did not start: {self.log[-2000:]}") from err

    def stop(self) -> None:
        """Stop gracefully (SIGTERM: the broker saves its persistence file) and wait."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()

    def restart(self, down_s: float = 0.0) -> None:
        """Stop, stay down `down_s` seconds, start again."""
        self.stop()
        time.sleep(down_s)
        self.start()

    def __enter__(self) -> Broker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def pid_alive(pid: int) -> bool:
    """Whether a process id is still running (for leak checks)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
