"""Both CLIs writing into a pipe whose reader has gone (`... | head`): exit 141, no traceback.

The reader end is closed before the command starts, so its first write meets a broken pipe
(with `| head -n 1` that happens only once the output outgrows the pipe's buffer).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from edge.pipes import EXIT_SIGPIPE, stdout_broken

BIN = Path(sys.executable).parent


def _into_closed_pipe(*command: str, **env: str) -> subprocess.CompletedProcess[str]:
    reader, writer = os.pipe()
    os.close(reader)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    try:
        return subprocess.run(
            [str(BIN / command[0]), *command[1:]],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env=environment | env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writer)


def test_edge_output_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    result = _into_closed_pipe(
        "showfloor-edge", "config", "--print", SHOWFLOOR_MODELS__BUNDLE_DIR=str(tmp_path)
    )
    assert (result.returncode, result.stderr) == (EXIT_SIGPIPE, "")


def test_cloud_output_into_a_closed_pipe_ends_quietly_and_keeps_what_it_did(
    tmp_path: Path,
) -> None:
    database = {"SHOWFLOOR_CLOUD_DATABASE_URL": f"sqlite:///{tmp_path / 'cloud.sqlite3'}"}
    migrated = subprocess.run(
        [str(BIN / "showfloor-cloud"), "migrate"],
        env={k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")} | database,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    added = _into_closed_pipe("showfloor-cloud", "tenant", "add", "acme", **database)
    assert (added.returncode, added.stderr) == (EXIT_SIGPIPE, "")
    again = _into_closed_pipe("showfloor-cloud", "tenant", "add", "acme", **database)
    assert again.returncode == 1  # the tenant was stored before the output failed
    assert again.stderr.startswith("showfloor-cloud: error: ") and "acme" in again.stderr


def test_an_open_pipe_or_a_file_is_not_broken(tmp_path: Path) -> None:
    probe = "from edge.pipes import stdout_broken; import sys; sys.exit(stdout_broken())"
    with (tmp_path / "out").open("w") as file:
        assert (
            subprocess.run([sys.executable, "-c", probe], stdout=file, check=False).returncode == 0
        )
    piped = subprocess.run([sys.executable, "-c", probe], stdout=subprocess.PIPE, check=False)
    assert piped.returncode == 0
    assert not stdout_broken()
