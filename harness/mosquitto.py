"""A real Mosquitto on loopback: free port, persistence, password file, ACL, optional TLS.

```python
with Mosquitto(tmp_path, users={"hub": "pw"}, acl=hub_acl("hub", prefix)) as broker:
    broker.stop(); broker.start()   # SIGTERM: the broker saves its persistence file first
    broker.kill(); broker.start()   # SIGKILL: whatever was not saved yet is gone
    broker.persistence_file.unlink()   # as after a disk loss
```

Without `users`/`acl` the `passwords` and `acl` files the cloud's provisioning writes into
`directory` are used; with `dynsec` (a file from `dynsec_file`) the Dynamic Security plugin
authenticates and authorizes instead. Mosquitto's `acl_file` grants every subscription and
filters at delivery; the plugin refuses a subscription its ACLs deny (SUBACK 0x87). The port
is chosen once and kept across restarts, so clients reconnect to the same address; `tls_ports`
are TLS listeners, one per `TlsListener` given.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from harness.processes import free_port, terminate, wait_for_port

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
MOSQUITTO_PASSWD = shutil.which("mosquitto_passwd") or "/usr/bin/mosquitto_passwd"
MOSQUITTO_CTRL = shutil.which("mosquitto_ctrl") or "/usr/bin/mosquitto_ctrl"
DYNSEC_PLUGIN = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so"
#: File names, as `cloud.provision.mosquitto` writes them.
PASSWORD_FILE, ACL_FILE = "passwords", "acl"


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
    """ACL lines letting `username` read (cloud ingest) and write commands and receipts."""
    return f"user {username}\ntopic read {topic}\ntopic write showfloor/v1/+/+/+/cmd/#\n"


def dynsec_file(path: Path, username: str, password: str, acls: list[tuple[str, str]]) -> Path:
    """A Dynamic Security config: one client allowed only `acls` ((acltype, topic) pairs).

    Everything else gets the plugin's defaults: subscribing and publishing are denied.
    """
    subprocess.run([MOSQUITTO_CTRL, "dynsec", "init", str(path), username, password],
                   check=True, capture_output=True)  # fmt: skip
    config = json.loads(path.read_text(encoding="utf-8"))
    config["clients"][0]["roles"] = [{"rolename": "only"}]
    config["roles"] = [
        {"rolename": "only", "acls": [{"acltype": t, "topic": p, "allow": True} for t, p in acls]}
    ]
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


class Mosquitto:
    """One Mosquitto process, restartable on the same port and persistence directory."""

    def __init__(
        self,
        directory: Path,
        users: dict[str, str] | None = None,
        acl: str | None = None,
        *,
        tls: list[TlsListener] | None = None,
        extra: str = "",
        dynsec: Path | None = None,
    ) -> None:
        """A broker whose files live in `directory`; not started yet. `extra`: config lines."""
        self.directory = directory
        self.port = free_port()
        self.tls_ports = [free_port() for _ in tls or []]
        self.process: subprocess.Popen[bytes] | None = None
        directory.mkdir(parents=True, exist_ok=True)
        passwords = directory / PASSWORD_FILE
        if users is not None:
            passwords.write_text("", encoding="utf-8")
            for user, password in users.items():
                subprocess.run([MOSQUITTO_PASSWD, "-b", str(passwords), user, password],
                               check=True, capture_output=True)  # fmt: skip
        if acl is not None:
            (directory / ACL_FILE).write_text(acl, encoding="utf-8")
        (directory / "data").mkdir(exist_ok=True)
        lines = [
            *(["user root"] if os.geteuid() == 0 else []),  # else it drops to `mosquitto`
            "per_listener_settings false",
            "allow_anonymous false",
            *(
                [f"password_file {passwords}", f"acl_file {directory / ACL_FILE}"]
                if dynsec is None
                else [f"plugin {DYNSEC_PLUGIN}", f"plugin_opt_config_file {dynsec}"]
            ),
            "persistence true",
            f"persistence_location {directory / 'data'}/",
            "max_queued_messages 0",
            "max_inflight_messages 0",
            "set_tcp_nodelay true",
            f"log_dest file {directory / 'mosquitto.log'}",
            *(f"log_type {kind}" for kind in ("error", "warning", "notice", "information")),
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
        self.config.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")

    @property
    def persistence_file(self) -> Path:
        """Where the broker saves sessions and queued messages."""
        return self.directory / "data" / "mosquitto.db"

    def log(self) -> str:
        """What the broker logged so far."""
        path = self.directory / "mosquitto.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self.process is not None and self.process.poll() is None

    def start(self) -> Mosquitto:
        """Start (or start again) and wait until every listener accepts connections."""
        if self.running:
            return self
        self.process = subprocess.Popen(
            [MOSQUITTO, "-c", str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            for port in (self.port, *self.tls_ports):
                wait_for_port(port)
        except TimeoutError as err:
            self.stop()
            raise RuntimeError(f"mosquitto did not start: {self.log()[-2000:]}") from err
        return self

    def stop(self) -> None:
        """Stop gracefully (SIGTERM: the broker saves its persistence file) and wait."""
        self._end(terminate)

    def kill(self) -> None:
        """SIGKILL, as a crash, an OOM kill or a power cut: nothing is saved on the way out."""

        def sigkill(process: subprocess.Popen[bytes]) -> None:
            process.send_signal(signal.SIGKILL)
            process.wait(10)

        self._end(sigkill)

    def _end(self, how: Callable[[subprocess.Popen[bytes]], None]) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            how(process)
        if process.stderr is not None:
            process.stderr.close()

    def restart(self, down_s: float = 0.0) -> None:
        """Stop, stay down `down_s` seconds, start again."""
        self.stop()
        time.sleep(down_s)
        self.start()

    def reload(self) -> None:
        """SIGHUP: re-read the password and ACL files."""
        if self.process is not None:
            self.process.send_signal(signal.SIGHUP)
            time.sleep(0.3)

    def __enter__(self) -> Mosquitto:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
