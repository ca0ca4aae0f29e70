"""`showfloor-edge`'s entry point: what it does once the command is done."""

from __future__ import annotations

import os
import subprocess
import sys
import time

BUSY = """
import sys, threading, time
threading.Thread(target=time.sleep, args=(600,), name="listen-context_0").start()
sys.argv = ["showfloor-edge", "config"]
from edge.__main__ import run
run()
"""


def test_a_thread_still_at_work_does_not_hold_the_exit() -> None:
    """A re-decode given up on at shutdown (minutes, niced, on a busy CPU) is not waited for."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", BUSY],
        capture_output=True, text=True, timeout=120, env=environment, check=False,
    )  # fmt: skip
    assert time.monotonic() - began < 60  # not the thread's 600 s
    assert result.returncode == 0, result.stderr
    assert result.stdout == "configuration ok\n"  # written out before the early exit
    assert "exiting without waiting for listen-context_0" in result.stderr
