"""`showfloor-cloud serve` as a subprocess: SQLite by default migrates itself; PostgreSQL not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from harness.processes import free_port
from tests.postgres import throwaway_database


def _environment(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    return clean | {"XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)}


def test_serve_with_no_flags_on_a_fresh_machine_creates_its_schema_and_starts(
    tmp_path: Path,
) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "cloud", "serve", "--port", str(port)],
        env=_environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, status = time.monotonic() + 60, None
        while status is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    status = r.status
            except OSError:
                time.sleep(0.2)
        assert status == 200, f"no answer; exit code {server.poll()}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)
    assert (tmp_path / "state" / "showfloor-cloud" / "cloud.sqlite3").is_file()


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    with throwaway_database("showfloor_serve") as url:
        yield url


def test_serve_on_postgresql_without_the_schema_fails_fast_in_one_line(
    tmp_path: Path, empty_postgres: str
) -> None:
    """PostgreSQL moves only in the explicit `migrate` step (after a backup), never in serve."""
    done = subprocess.run(
        [sys.executable, "-m", "cloud", "serve", "--database-url", empty_postgres],
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "showfloor-cloud: error: database is at schema revision none, the code needs "
        f"{_head()}: run `showfloor-cloud migrate`"
    ]
    with psycopg.connect(empty_postgres.replace("+psycopg", "")) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone() == (0,)


def _head() -> str:
    from alembic.script import ScriptDirectory

    from cloud.store.migrate import MIGRATIONS

    return str(ScriptDirectory(str(MIGRATIONS)).get_current_head())
