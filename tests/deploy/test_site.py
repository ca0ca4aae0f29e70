"""A whole site deployed by the real playbook on this machine, then used end to end.

`site.yml` converges `cloud` (on the machine's PostgreSQL, a database this test makes and
drops), `broker` (Mosquitto with a TLS listener, certificates made here) and two `edge_hub`s,
each into its own throwaway prefix, with a local connection and the roles' switches for an
unprivileged run (no packages, users, database administration or systemctl; the release's venv
is the one these tests run in). A second run must change nothing. Then the converged units are
started without systemd (`tests.deploy.launch`: their ExecStart, environment files and
credentials), and:

- a hub replays a recorded conversation through the TLS broker into the cloud;
- the web view (HTTP login as a user added here) shows it;
- an upgrade of the cloud and both hubs to another release (`site.yml`, all hosts), then a
  rollback, keep it: after each step the cloud still lists every conversation, each hub's
  outbox holds what it held (and the backup the role took before the switch holds the same),
  and a new conversation replayed on a hub reaches the cloud, every hub event exactly once;
- a forget from the web view reaches the hub, which acknowledges it (the hub gets it when it
  next runs, replaying another conversation after the rollback).

Needs: ansible-playbook, mosquitto, PostgreSQL at 127.0.0.1:5432 (user postgres, trust), the
model bundle (`showfloor_bundle_dir`). Four converges of the whole site and three hub runs are
most of its time: 562 s on a loaded 2-core machine, where the version that upgraded only the
cloud took 445 s beside it (both runs side by side, load average 5 to 15).
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

import httpx
import psycopg
import pytest
import yaml

from harness.processes import free_port, wait_for_port
from tests.deploy.launch import Running, UnitFile
from tests.postgres import throwaway_database
from tests.tls import make_pki
from tests.waiting import until

T = TypeVar("T")

#: Four converges of the whole site (first, idempotence, upgrade, rollback) and three hub runs: more
#: than the suite's 300 s on a loaded machine. The limit also covers the setup, where under
#: pytest-xdist (`make test`) this first test builds the run's model bundle beside the other
#: worker: 264 s of setup and 637 s of run on a 2-core machine at load average 13 to 24.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

REPO = Path(__file__).resolve().parents[2]
ANSIBLE = REPO / "deploy" / "ansible"
BIN = Path(sys.executable).parent
TENANT, SITE, HUBS = "acme-motors", "riverside", ("floor", "delivery")
MANAGER, MANAGER_PASSWORD = "it@acme.invalid", "a long deploy test password 7"
_RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


@pytest.fixture
def database() -> Iterator[str]:
    with throwaway_database("showfloor_site") as url:
        yield url


class Site:
    """The test's inventory, its prefixes, and the processes it starts."""

    def __init__(self, root: Path, database_url: str, bundle: Path) -> None:
        """Prefixes under `root`; nothing runs yet."""
        self.root, self.database_url, self.bundle = root, database_url, bundle
        self.pki = make_pki(root / "pki")
        self.mqtt_port, self.web_port = free_port(), free_port()
        self.cloud_password = secrets.token_urlsafe(24)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.units: list[Running] = []
        self.clients: list[httpx.Client] = []
        self.hub_passwords: dict[str, str] = {}

    def prefix(self, host: str) -> Path:
        """The throwaway root of one host."""
        return self.root / host

    def cli(self, *args: str, env: dict[str, str] | None = None) -> str:
        """`showfloor-cloud ...` on the site's database, as an administrator would run it."""
        done = subprocess.run(
            [sys.executable, "-m", "cloud", *args, "--database-url", self.database_url],
            capture_output=True,
            text=True,
            timeout=60,
            env=_clean_environment() | {"HOME": str(self.root)} | (env or {}),
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def provision(self) -> None:
        """Schema, tenant, site, hubs, a manager, and the broker's accounts (`broker-files`)."""
        self.cli("migrate")
        self.cli("tenant", "add", TENANT)
        self.cli("site", "add", TENANT, SITE)
        for hub in HUBS:
            snippet = self.cli("hub", "add", TENANT, SITE, hub)
            self.hub_passwords[hub] = snippet.rsplit("credential): ", 1)[1].strip()
        self.cli(
            "user", "add", MANAGER, TENANT, "--role", "admin",
            env={"SHOWFLOOR_CLOUD_NEW_PASSWORD": MANAGER_PASSWORD},
        )  # fmt: skip
        url = f"mqtts://showfloor-cloud:{self.cloud_password}@127.0.0.1:{self.mqtt_port}"
        self.cli("broker-files", "--mqtt-url", url, "--out", str(self.root / "broker-files"))

    def inventory(self) -> Path:
        """An inventory in the shape of inventory/example, every path inside a prefix."""
        cloud, broker = self.prefix("cloud"), self.prefix("cloud")
        local = {"ansible_connection": "local", "ansible_become": False,
                 "ansible_python_interpreter": sys.executable}  # fmt: skip
        hubs = {
            f"hub-{hub}": {
                "showfloor_hub": hub,
                "edge_hub_install_root": f"{self.prefix(f'hub-{hub}')}/opt/showfloor/edge",
                "edge_hub_config_dir": f"{self.prefix(f'hub-{hub}')}/etc/showfloor",
                "edge_hub_unit_dir": f"{self.prefix(f'hub-{hub}')}/etc/systemd/system",
                "edge_hub_udev_dir": f"{self.prefix(f'hub-{hub}')}/etc/udev/rules.d",
                "edge_hub_state_dir": f"{self.prefix(f'hub-{hub}')}/var/lib/showfloor",
                "edge_hub_credentials": {
                    "site_key": f"site-key-{secrets.token_hex(16)}",
                    "mqtt_password": self.hub_passwords[hub],
                },
            }
            for hub in HUBS
        }
        group = {
            "showfloor_version": "0.1.0",
            # broker
            "broker_config_dir": f"{broker}/etc/mosquitto",
            "broker_persistence_dir": f"{broker}/var/lib/mosquitto",
            "broker_port": self.mqtt_port,
            "broker_listen_address": "127.0.0.1",
            "broker_user": "root",
            "broker_manage_packages": False,
            "broker_manage_users": False,
            "broker_manage_services": False,
            "broker_tls_cert_src": str(self.pki / "server.crt"),
            "broker_tls_key_src": str(self.pki / "server.key"),
            "broker_tls_ca_src": str(self.pki / "ca.crt"),
            "broker_auth_src": str(self.root / "broker-files"),
            # cloud
            "cloud_version": "{{ showfloor_version }}",
            "cloud_install_root": f"{cloud}/opt/showfloor/cloud",
            "cloud_config_dir": f"{cloud}/etc/showfloor",
            "cloud_unit_dir": f"{cloud}/etc/systemd/system",
            "cloud_state_dir": f"{cloud}/var/lib/showfloor-cloud",
            "cloud_nginx_snippet_dir": f"{cloud}/etc/nginx/snippets",
            "cloud_manage_packages": False,
            "cloud_manage_users": False,
            "cloud_manage_database": False,
            "cloud_manage_services": False,
            "cloud_venv_reuse": sys.prefix,
            "cloud_database_url": self.database_url,
            "cloud_bind_port": self.web_port,
            "cloud_mqtt_port": self.mqtt_port,
            "cloud_mqtt_ca_file": f"{broker}/etc/mosquitto/certs/ca.crt",
            "cloud_ingest_workers": 1,
            "cloud_settings": {"secure_cookies": "false"},
            "cloud_session_secret": secrets.token_urlsafe(32),
            "cloud_mqtt_password": self.cloud_password,
            # hubs
            "showfloor_tenant": TENANT,
            "showfloor_site": SITE,
            "edge_hub_version": "{{ showfloor_version }}",
            "edge_hub_manage_packages": False,
            "edge_hub_manage_users": False,
            "edge_hub_manage_services": False,
            "edge_hub_venv_reuse": sys.prefix,
            "edge_hub_bundle_reuse": str(self.bundle),
            "edge_hub_broker_ca_src": str(self.pki / "ca.crt"),
            "edge_hub_settings": {
                "asr": {"threads": 1},
                "presence": {"enabled": False},
                "privacy": {"consent_mode": "one_party"},
                "sync": {
                    "tenant": TENANT,
                    "site": SITE,
                    "hub": "{{ showfloor_hub }}",
                    "host": "127.0.0.1",
                    "port": self.mqtt_port,
                    "tls": True,
                    "username": f"hub-{TENANT}-{SITE}-{{{{ showfloor_hub }}}}",
                    "backoff_max_s": 1,
                },
            },
        }
        inventory = {
            "all": {
                "vars": local | group,
                "children": {
                    "cloud": {"hosts": {"cloud-vm": {}}},
                    "broker": {"hosts": {"cloud-vm": {}}},
                    "hubs": {"hosts": hubs},
                },
            }
        }
        path = self.root / "inventory.yml"
        path.write_text(yaml.safe_dump(inventory), encoding="utf-8")
        return path

    def converge(self, *extra: str) -> dict[str, int]:
        """Run site.yml; the number of changed tasks per host."""
        done = subprocess.run(
            [str(BIN / "ansible-playbook"), "-i", str(self.root / "inventory.yml"), "site.yml",
             *extra],
            cwd=ANSIBLE, capture_output=True, text=True, timeout=400, check=False,
            env=_clean_environment() | {"PATH": f"{BIN}:{os.environ['PATH']}", "NO_COLOR": "1"},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
        recap = {m[0]: (int(m[2]), int(m[3]), int(m[4])) for m in _RECAP.findall(done.stdout)}
        assert all(failed == 0 and unreachable == 0 for _, unreachable, failed in recap.values())
        return {host: changed for host, (changed, _, _) in recap.items()}

    def unit(self, host: str, name: str, instance: str = "") -> UnitFile:
        """A converged unit of `host`."""
        path = self.prefix(host) / "etc" / "systemd" / "system" / name
        return UnitFile.read(path, self.prefix(host), instance)

    def start(
        self, host: str, name: str, *extra: str, instance: str = ""
    ) -> subprocess.Popen[bytes]:
        """Start a converged unit and wait for its READY=1, as systemd does (`Type=notify`)."""
        unit = self.unit(host, name, instance)
        credentials = self.root / "run" / f"{host}-{name}-{len(self.processes)}"
        running = unit.start(credentials, *extra, log=self.root / f"{host}-{name}.log")
        self.processes.append(running.process)
        self.units.append(running)
        if "Type=notify" in unit.path.read_text(encoding="utf-8") and not extra:
            running.ready(90)
        return running.process

    def run_once(self, host: str, name: str, *extra: str, timeout: float = 180) -> None:
        """Run a unit to its end (a oneshot, or a hub replaying a file); it must succeed."""
        process = self.start(host, name, *extra)
        assert process.wait(timeout=timeout) == 0, self.log(host, name)

    def log(self, host: str, name: str) -> str:
        """What a unit printed so far."""
        path = self.root / f"{host}-{name}.log"
        return path.read_text(encoding="utf-8", errors="replace")[-4000:] if path.exists() else ""

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        """SIGTERM and reap."""
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def close(self) -> None:
        """Stop everything this test started."""
        for process in reversed(self.processes):
            self.stop(process)
        for unit in self.units:
            unit.close()
        for client in self.clients:
            client.close()


def _clean_environment() -> dict[str, str]:
    """This process's environment (PYTHONPATH: this tree) without any setting of ours."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}


def _wait(what: str, check: Callable[[], T], timeout_s: float = 60.0) -> T:
    """`until`, polling slower and counting a server that refuses or errs as "not yet"."""
    return until(what, check, timeout_s, every_s=0.2, ignoring=(httpx.HTTPError, OSError))


def _tables(database: str) -> dict[str, Any]:
    """Row counts of the ingest tables (for a failure message)."""
    with psycopg.connect(database.replace("+psycopg", ""), autocommit=True) as conn:
        counts: dict[str, Any] = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            for table in ("events", "dead_letters", "rejections", "conversations", "hubs")
        }
        counts["dead"] = conn.execute("SELECT reason FROM dead_letters LIMIT 3").fetchall()
        return counts


def _login(base: str) -> httpx.Client:
    web = httpx.Client(base_url=base, timeout=10, follow_redirects=True)
    page = web.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    answer = web.post("/login", data={"email": MANAGER, "password": MANAGER_PASSWORD,
                                       "csrf": csrf.group(1)})  # fmt: skip
    assert answer.status_code == 200 and "Wrong e-mail" not in answer.text
    return web


def _conversation_ids(web: httpx.Client) -> list[str]:
    return re.findall(r'href="/conversations/(conv-[0-9a-f]{16})"', web.get("/conversations").text)


def _replay(site: Site, hub: str) -> None:
    """The hub's unit replays the recorded conversation (as fast as it can) and stops."""
    recording = str(REPO / "demo" / "showroom.flac")
    site.run_once(f"hub-{hub}", "showfloor-edge.service", "--replay", recording, "--fast")


def _outbox_path(site: Site, hub: str) -> Path:
    """Where a hub's unit keeps its outbox (the hub's default, in its state directory)."""
    return site.prefix(f"hub-{hub}") / "var" / "lib" / "showfloor" / "outbox.sqlite3"


def _outbox(site: Site, hub: str, path: Path | None = None) -> dict[str, str | None]:
    """Event id -> type of every event in a hub's outbox (the hub is not running)."""
    path = path or _outbox_path(site, hub)
    assert path.is_file(), path
    with closing(sqlite3.connect(path)) as db:
        return dict(db.execute("SELECT id, type FROM events").fetchall())


def _delivered_once(site: Site, database: str) -> None:
    """Every event each hub's outbox holds is in the cloud, and nothing else is.

    Ids are unique in the cloud, so each arrived once however often a hub re-sent it.
    """
    outboxes: dict[str, str | None] = {}
    for hub in HUBS:
        if _outbox_path(site, hub).exists():
            outboxes |= _outbox(site, hub)
    assert outboxes
    # The test's own database: this site's events only. The hub's retained status is published
    # beside the outbox, not from it.
    sql = "SELECT id FROM events WHERE type <> 'showfloor.status.v1'"
    with psycopg.connect(database.replace("+psycopg", ""), autocommit=True) as conn:

        def cloud() -> list[str]:
            return sorted(row[0] for row in conn.execute(sql).fetchall())

        try:
            _wait("every hub event in the cloud", lambda: cloud() == sorted(outboxes), 30)
        except AssertionError as err:
            missing, extra = set(outboxes) - set(cloud()), set(cloud()) - set(outboxes)
            raise AssertionError(f"{err}: missing {missing}, unknown {extra}") from err


def _new_conversation(web: httpx.Client, known: list[str], what: str) -> str:
    """The one conversation the web view lists besides `known`."""

    def new() -> list[str]:
        return [
            conversation for conversation in _conversation_ids(web) if conversation not in known
        ]

    found = _wait(what, new, 30)
    assert len(found) == 1, found
    return found[0]


def _serve(site: Site) -> tuple[subprocess.Popen[bytes], httpx.Client]:
    """Migrate (the migrate unit), start the API, log in."""
    site.run_once("cloud", "showfloor-cloud-migrate.service", timeout=120)
    api = site.start("cloud", "showfloor-cloud.service")
    base = f"http://127.0.0.1:{site.web_port}"
    _wait("the web view", lambda: httpx.get(f"{base}/healthz", timeout=2).status_code == 200)
    web = _login(base)
    site.clients.append(web)
    return api, web


def _switch(
    site: Site,
    version: str,
    api: subprocess.Popen[bytes],
    ingest: subprocess.Popen[bytes],
    conversations: list[str],
) -> tuple[subprocess.Popen[bytes], subprocess.Popen[bytes], httpx.Client]:
    """`site.yml` on every host at `version` with the cloud stopped (the hubs run only to replay).

    Every host then runs `version`; each hub's outbox holds what it held, as does the backup the
    role took before the switch; the cloud, started again, lists the same conversations.
    """
    outboxes = {hub: _outbox(site, hub) for hub in HUBS if _outbox_path(site, hub).exists()}
    site.stop(ingest)
    site.stop(api)
    changed = site.converge("-e", f"showfloor_version={version}")
    assert all(changed[host] > 0 for host in ("cloud-vm", "hub-floor", "hub-delivery"))
    for host, role in (("cloud", "cloud"), *((f"hub-{hub}", "edge") for hub in HUBS)):
        current = site.prefix(host) / "opt" / "showfloor" / role / "current"
        assert current.readlink().name == version
    for hub, before in outboxes.items():
        assert _outbox(site, hub) == before, f"hub {hub}'s outbox changed"
        backup = _outbox_path(site, hub).parent / "backups" / f"outbox-before-{version}.db"
        assert _outbox(site, hub, backup) == before
    api, web = _serve(site)
    ingest = site.start("cloud", "showfloor-ingest@.service", instance="1")
    assert sorted(_conversation_ids(web)) == sorted(conversations)
    return api, ingest, web


def test_a_whole_site_converges_then_works_end_to_end(
    tmp_path: Path, database: str, showfloor_bundle_dir: Path
) -> None:
    site = Site(tmp_path, database, showfloor_bundle_dir)
    try:
        site.provision()
        site.inventory()
        first = site.converge()
        assert all(first[host] > 0 for host in ("cloud-vm", "hub-floor", "hub-delivery"))
        assert site.converge() == {"cloud-vm": 0, "hub-floor": 0, "hub-delivery": 0}

        broker = site.prefix("cloud") / "etc" / "mosquitto" / "mosquitto.conf"
        site.processes.append(
            subprocess.Popen(["mosquitto", "-c", str(broker)], stderr=subprocess.DEVNULL)
        )
        wait_for_port(site.mqtt_port)
        api, web = _serve(site)
        ingest = site.start("cloud", "showfloor-ingest@.service", instance="1")

        # a hub replays a conversation through the TLS broker into the cloud
        floor = site.unit("hub-floor", "showfloor-edge.service")
        assert floor.credentials.keys() == {"privacy.site_key", "sync.password"}
        _replay(site, "floor")
        try:
            ids = _wait("the conversation in the web view", lambda: _conversation_ids(web), 30)
        except AssertionError as err:
            raise AssertionError(f"{err}; {_tables(database)}") from err
        assert len(ids) == 1
        page = web.get(f"/conversations/{ids[0]}").text
        assert "floor" in page or SITE in page
        _delivered_once(site, database)

        # upgrade the cloud and the hubs to another release: the data stays, a hub's new
        # conversation reaches the cloud, every hub event exactly once
        api, ingest, web = _switch(site, "0.2.0", api, ingest, ids)
        _replay(site, "delivery")
        ids = [*ids, _new_conversation(web, ids, "delivery's conversation on 0.2.0")]
        _delivered_once(site, database)

        # roll back; then forget from the web view: erased in the cloud, and the
        # command reaches the hub when it next runs (recording another conversation), acked
        api, ingest, web = _switch(site, "0.1.0", api, ingest, ids)
        page = web.get(f"/conversations/{ids[0]}").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf is not None
        answer = web.post(f"/conversations/{ids[0]}/forget", data={"csrf": csrf.group(1)})
        assert answer.status_code == 200
        assert "not sent" not in answer.text and "no broker" not in answer.text
        # (the page answers before its transaction commits: the list may lag a moment)
        gone = sorted(ids[1:])
        _wait("the forgotten conversation gone", lambda: sorted(_conversation_ids(web)) == gone)
        _replay(site, "floor")
        ids = [*ids, _new_conversation(web, ids, "floor's conversation on 0.1.0")]
        sql = "SELECT ack_ok FROM command_audit WHERE subject = %s AND command = 'forget_subject'"
        with psycopg.connect(database.replace("+psycopg", ""), autocommit=True) as conn:

            def acknowledged() -> bool:
                return conn.execute(sql, (ids[0],)).fetchone() == (True,)

            assert _wait("the hub's acknowledgement", acknowledged, 30)
        _delivered_once(site, database)
    finally:
        site.close()
