"""Does the hub's speech recognition run under systemd's `MemoryDenyWriteExecute=yes`?

    .venv/bin/python -m bench.deploy_mdwe demo/sam-enrollment.flac [--bundle DIR]

Transcribes the file twice in child processes: once plainly, once under the seccomp rules that
`MemoryDenyWriteExecute=yes` installs (systemd's `seccomp_memory_deny_write_execute`: `mmap`
with PROT_WRITE|PROT_EXEC, `mprotect`/`pkey_mprotect` adding PROT_EXEC and `shmat` with SHM_EXEC
fail with EPERM). Needs Debian's `python3-seccomp` (libseccomp's bindings for Python 3.11).
docs/operations.md ("Hardening") records the outcome: why the hub's unit does not set it.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import importlib
import subprocess
import sys
from pathlib import Path

_DIST_PACKAGES = "/usr/lib/python3/dist-packages"
_PROT_EXEC = 0x4
_PROT_WRITE_EXEC = 0x6
_SHM_EXEC = 0o100000


def _deny_write_execute() -> None:
    sys.path.append(_DIST_PACKAGES)
    try:
        seccomp = importlib.import_module("seccomp")
    finally:
        sys.path.remove(_DIST_PACKAGES)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    deny = seccomp.ERRNO(errno.EPERM)
    masked = seccomp.MASKED_EQ
    rules.add_rule(deny, "mmap", seccomp.Arg(2, masked, _PROT_WRITE_EXEC, _PROT_WRITE_EXEC))
    rules.add_rule(deny, "mprotect", seccomp.Arg(2, masked, _PROT_EXEC, _PROT_EXEC))
    rules.add_rule(deny, "pkey_mprotect", seccomp.Arg(2, masked, _PROT_EXEC, _PROT_EXEC))
    rules.add_rule(deny, "shmat", seccomp.Arg(2, masked, _SHM_EXEC, _SHM_EXEC))
    rules.load()


def _child(audio: str, bundle: str | None, mdwe: bool) -> int:
    if mdwe:
        _deny_write_execute()
    from edge.__main__ import main

    argv = ["transcribe", audio, "--format", "text"]
    if bundle:
        argv += ["--bundle", bundle]
    return asyncio.run(main(argv))


def main() -> int:
    """Run both children and print what each did."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path)
    parser.add_argument("--bundle", default=None, help="model bundle directory")
    parser.add_argument("--child", choices=["plain", "mdwe"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(str(args.audio), args.bundle, args.child == "mdwe")
    for mode in ("plain", "mdwe"):
        command = [sys.executable, "-m", "bench.deploy_mdwe", str(args.audio), "--child", mode]
        if args.bundle:
            command += ["--bundle", args.bundle]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        last = (done.stderr.strip().splitlines() or [""])[-1]
        turns = len(done.stdout.strip().splitlines())
        print(f"{mode}: exit {done.returncode}, {turns} turns" + (f", {last}" if last else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
