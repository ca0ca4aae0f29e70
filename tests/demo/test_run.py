"""`make demo`'s orchestration end to end: broker, cloud, hub, and the conversation stored."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from harness.processes import free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_coaches_a_conversation_into_the_cloud(
    showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    environment["XDG_DATA_HOME"] = str(tmp_path / "data")
    (tmp_path / "data" / "showfloor").mkdir(parents=True)
    (tmp_path / "data" / "showfloor" / "models").symlink_to(showfloor_bundle_dir)
    state = tmp_path / "demo"
    command = [sys.executable, "-m", "demo.run", "--fast", "--no-wait", "--state", str(state)]
    result = subprocess.run(
        [*command, "--port", str(free_port())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=400,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "PROMPT [price-objection]" in out
    assert "PROMPT [test-drive]" in out
    assert "log in as manager@demo.invalid / showfloor-demo" in out
    with sqlite3.connect(state / "cloud.db") as db:
        turns = db.execute("select count(*) from turns where text like '%test drive%'").fetchone()
        prompts = db.execute("select count(*) from prompts").fetchone()
        dead = db.execute("select count(*) from dead_letters").fetchone()
    assert turns[0] >= 1
    assert prompts[0] >= 3
    assert dead[0] == 0
