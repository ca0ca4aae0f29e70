"""`make demo`: a broker, the cloud with a demo tenant, and a hub replaying a conversation.

    .venv/bin/python -m demo.run [--fast] [--port 8080]

1. The cloud's SQLite database under `.cache/demo/` is migrated and, the first time, seeded
   (tenant `demo`, site `downtown`, hub `hub-1`, salespeople, a manager login, a week of data).
2. Fresh broker passwords for the hub and the cloud are set and the cloud writes Mosquitto's
   password and ACL files; Mosquitto (Debian's binary) starts on a free loopback port.
3. `showfloor-cloud serve` starts with ingest on that broker.
4. Sam Carter is enrolled (once), then `showfloor-edge run --replay demo/showroom.flac --show`
   plays the conversation in real time: turns and prompts are printed as they happen and every
   event goes through the outbox and the broker into the cloud.
5. The URL and login of the web view are printed; Ctrl-C stops the cloud and the broker.

A second run reuses the database, the enrollment and the model bundle, and starts in seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from cloud.cli.demo import DEMO_EMAIL, DEMO_HUB, DEMO_PASSWORD, SITE_KEY, seed
from cloud.provision import mosquitto
from cloud.store import admin, db, migrate
from cloud.store.tenancy import Hub, Tenant
from edge.paths import default_bundle_dir
from harness.mosquitto import MOSQUITTO, Mosquitto
from harness.processes import running, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE = ROOT / ".cache" / "demo"
BIN = Path(sys.executable).parent
CLOUD_USER = "cloud-demo"
#: As in deploy/ansible/roles/broker/templates/mosquitto.conf.j2.
BROKER_PERSISTENCE = "autosave_interval 10\nmax_queued_messages 100000\n"


def _serving(port: int, timeout_s: float) -> None:
    """Until something answers on 127.0.0.1:`port`; a one-line exit when nothing does."""
    try:
        wait_for_port(port, timeout_s)
    except TimeoutError as err:
        raise SystemExit(str(err)) from err


def _say(text: str) -> None:
    sys.stdout.write(f"\033[1m== {text}\033[0m\n")
    sys.stdout.flush()


def prepare_cloud(database_url: str, broker_dir: Path) -> tuple[str, str]:
    """Migrate, seed once, set fresh broker passwords; (hub password, cloud password)."""
    engine = db.make_engine(database_url)
    try:
        migrate.upgrade(engine)
        sessions = db.session_factory(engine)
        with sessions() as session:
            seeded = session.get(Tenant, DEMO_HUB.tenant) is not None
        if not seeded:
            seed(engine)
        hub_password, cloud_password = mosquitto.new_password(), mosquitto.new_password()
        with sessions.begin() as session:
            hub = session.get(Hub, DEMO_HUB)
            if hub is None:
                raise SystemExit("the demo database has no hub-1: remove .cache/demo and retry")
            hub.mqtt_password_hash = mosquitto.hash_password(hub_password)
            admin.write_broker_files(session, broker_dir, CLOUD_USER, cloud_password)
    finally:
        engine.dispose()
    return hub_password, cloud_password


@contextlib.contextmanager
def broker(directory: Path) -> Iterator[int]:
    """Mosquitto on a free loopback port with the cloud's password and ACL files.

    Persistence is saved as often as the broker role saves it in production (see "Delivery"
    in docs/operations.md); the hub's receipts make up for what a crash loses in between.
    """
    if not Path(MOSQUITTO).exists():
        raise SystemExit("make demo needs Mosquitto: apt-get install mosquitto")
    with Mosquitto(directory, extra=BROKER_PERSISTENCE) as started:
        yield started.port


def _hub_environment(state: Path, port: int, password: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    return environment | {
        "STATE_DIRECTORY": str(state / "hub"),
        "SHOWFLOOR_MODELS__BUNDLE_DIR": str(default_bundle_dir()),  # the one `make bundle` built
        "SHOWFLOOR_PRIVACY__SITE_KEY": SITE_KEY.decode(),
        "SHOWFLOOR_PRIVACY__CONSENT_MODE": "one_party",
        "SHOWFLOOR_PRESENCE__ENABLED": "false",
        "SHOWFLOOR_SYNC__TENANT": DEMO_HUB.tenant,
        "SHOWFLOOR_SYNC__SITE": DEMO_HUB.site,
        "SHOWFLOOR_SYNC__HUB": DEMO_HUB.hub,
        "SHOWFLOOR_SYNC__HOST": "127.0.0.1",
        "SHOWFLOOR_SYNC__PORT": str(port),
        "SHOWFLOOR_SYNC__USERNAME": mosquitto.hub_username(DEMO_HUB),
        "SHOWFLOOR_SYNC__PASSWORD": password,
    }


def main() -> int:
    """Everything, in order; Ctrl-C stops it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="Replay faster than real time.")
    parser.add_argument("--port", type=int, default=8080, help="Port of the web view.")
    parser.add_argument(
        "--no-wait", action="store_true", help="Stop once the conversation is in the cloud."
    )
    parser.add_argument(
        "--state", type=Path, default=DEFAULT_STATE, help="Where the demo keeps its files."
    )
    args = parser.parse_args()
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", args.port), 0.5):
        raise SystemExit(f"port {args.port} is in use: give another with --port")
    state = args.state.resolve()
    state.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{state / 'cloud.db'}"
    broker_dir = state / "broker"
    _say("cloud: database, demo tenant, broker credentials")
    hub_password, cloud_password = prepare_cloud(database_url, broker_dir)
    with broker(broker_dir) as port:
        _say(f"broker: Mosquitto on 127.0.0.1:{port}")
        mqtt_url = f"mqtt://{CLOUD_USER}:{cloud_password}@127.0.0.1:{port}"
        cloud_env = {"SHOWFLOOR_CLOUD_SECURE_COOKIES": "false"}
        serve = [str(BIN / "showfloor-cloud"), "serve", "--port", str(args.port)]
        serve += ["--database-url", database_url, "--mqtt-url", mqtt_url]
        with running(serve, state / "cloud.log", **cloud_env) as cloud:
            _serving(args.port, 60)
            url = f"http://127.0.0.1:{args.port}"
            _say(f"cloud: web view at {url}")
            enrolled = state / "hub" / "enrolled"
            if not (enrolled / "sam-carter.json").exists():
                _say("hub: enrolling Sam Carter from demo/sam-enrollment.flac")
                subprocess.run(
                    [str(BIN / "showfloor-edge"), "enroll", "Sam Carter",
                     str(ROOT / "demo" / "sam-enrollment.flac"), "--enrolled", str(enrolled)],
                    check=True,
                )  # fmt: skip
            _say("hub: replaying demo/showroom.flac (turns and coaching prompts as they happen)")
            replay = [str(BIN / "showfloor-edge"), "run", "--replay"]
            replay += [str(ROOT / "demo" / "showroom.flac"), "--show", "--enrolled", str(enrolled)]
            if args.fast:
                replay.append("--fast")
            hub = subprocess.run(
                replay, check=False, env=_hub_environment(state, port, hub_password)
            )
            if hub.returncode != 0:
                raise SystemExit(f"the hub stopped with exit code {hub.returncode}")
            time.sleep(2)  # ingest commits in batches
            _say(f"done: open {url}/ and log in as {DEMO_EMAIL} / {DEMO_PASSWORD}")
            if cloud.poll() is not None:
                raise SystemExit(f"the cloud stopped: see {state / 'cloud.log'}")
            if not args.no_wait:
                _say("Ctrl-C stops the cloud and the broker")
                with contextlib.suppress(KeyboardInterrupt):
                    cloud.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
