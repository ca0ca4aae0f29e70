"""Output piped into a reader that stopped reading (`showfloor-edge ... | head`).

Writing to such a pipe raises `BrokenPipeError`; the CLIs (hub and cloud) end quietly then,
as a command killed by SIGPIPE would (exit 141, nothing on stderr), instead of printing a
traceback. SIGPIPE itself stays ignored (Python's default): a broken socket to the broker or
a database must still raise where it happens, not kill the process. Stdlib only.
"""

from __future__ import annotations

import os
import select
import signal
import sys

#: What a shell reports for a process that SIGPIPE ended.
EXIT_SIGPIPE = 128 + signal.SIGPIPE


def stdout_broken() -> bool:
    """Whether standard output is a pipe (or socket) whose reader has gone."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return False
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poller.poll(0))


def quiet_exit() -> int:
    """Point stdout at /dev/null (the interpreter's last flush must not fail again); 141."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
    return EXIT_SIGPIPE
