"""`showfloor-cloud` as a subprocess: migrate, admin commands, broker files, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cloud.__main__ import build_parser


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cloud", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_admin_commands_from_an_empty_database(tmp_path: Path) -> None:
    url = ["--database-url", f"sqlite:///{tmp_path / 'c.sqlite3'}"]
    assert _cli("migrate", *url).returncode == 0
    assert _cli("tenant", "add", "acme", "--name", "Acme", *url).returncode == 0
    assert _cli("site", "add", "acme", "north", *url).returncode == 0
    hub = _cli("hub", "add", "acme", "north", "hub-1", *url)
    assert hub.returncode == 0 and "username: hub-acme-north-hub-1" in hub.stdout
    user = _cli(
        "user",
        "add",
        "m@acme.invalid",
        "acme",
        "--role",
        "manager",
        *url,
        env={"SHOWFLOOR_CLOUD_NEW_PASSWORD": "long enough pw"},
    )
    assert user.returncode == 0, user.stderr
    token = _cli("token", "add", "m@acme.invalid", *url)
    assert token.stdout.startswith("sfc_")
    files = _cli(
        "broker-files",
        "--mqtt-url",
        "mqtt://cloud:pw@127.0.0.1:1883",
        "--out",
        str(tmp_path / "broker"),
        *url,
    )
    assert files.returncode == 0, files.stderr
    assert "hub-acme-north-hub-1:$7$" in (tmp_path / "broker" / "passwords").read_text()
    again = _cli("tenant", "add", "acme", *url)
    assert again.returncode == 1
    assert again.stderr == "showfloor-cloud: error: tenant 'acme' already exists\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["migrate", "--database-url", "mysql://x@127.0.0.1/db"], "not supported"),
        (["migrate", "--database-url", "postgresql://postgres@127.0.0.1:1/x"], "cannot reach"),
        (["serve", "--port", "99999"], "setting port"),
    ],
)
def test_errors_are_one_line(args: list[str], message: str) -> None:
    result = _cli(*args)
    assert result.returncode == 1
    assert result.stderr.startswith("showfloor-cloud: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_serve_flags_are_settings() -> None:
    args = build_parser().parse_args(
        ["serve", "--host", "0.0.0.0", "--port", "1", "--database-url", "u", "--mqtt-url", "m"]
    )
    assert (args.host, args.port, args.database_url, args.mqtt_url) == ("0.0.0.0", 1, "u", "m")
