"""Helpers for the deploy tests: verify units in a throwaway root, score their hardening."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tools.render_units import SYSTEMD, TIMERS, UNITS, Unit, render

__all__ = ["SYSTEMD", "TIMERS", "UNITS", "Unit", "exposure", "make_root", "render", "verify"]

#: Where Debian's systemd keeps its own units (sysinit.target and friends).
HOST_UNITS = Path("/usr/lib/systemd/system")
_EXPOSURE = re.compile(r"Overall exposure level for \S+: (\d+\.\d+)")


def exec_start(text: str) -> Path:
    """The program a unit's ExecStart runs."""
    match = re.search(r"^ExecStart=(\S+)", text, re.MULTILINE)
    if match is None:
        raise ValueError("the unit has no ExecStart")
    return Path(match.group(1))


def make_root(root: Path, text: str, unit: Unit, *, program: bool = True) -> None:
    """Fill `root` for `systemd-analyze verify --root`.

    The host's units, this unit, and (if `program`) an executable where its ExecStart points,
    inside the root.
    """
    shutil.copytree(HOST_UNITS, root / "usr" / "lib" / "systemd" / "system", symlinks=True)
    unit_dir = root / "etc" / "systemd" / "system"
    unit_dir.mkdir(parents=True)
    (unit_dir / unit.name).write_text(text)
    if program:
        binary = root / exec_start(text).relative_to("/")
        binary.parent.mkdir(parents=True)
        binary.write_text("#!/bin/sh\nexit 0\n")
        binary.chmod(0o755)


def verify(root: Path | None, target: str | Path) -> subprocess.CompletedProcess[str]:
    """`systemd-analyze verify` of a unit name inside `root`, or of a unit file on the host."""
    command = ["systemd-analyze", "verify", "--man=no"]
    if root is not None:
        command.append(f"--root={root}")
    return subprocess.run(
        [*command, str(target)], capture_output=True, text=True, timeout=60, check=False
    )


def exposure(unit_file: Path) -> float:
    """The overall exposure level `systemd-analyze security --offline=true` gives a unit file."""
    done = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", "--no-pager", str(unit_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    match = _EXPOSURE.search(done.stdout)
    if match is None:
        raise ValueError(f"no exposure level in: {done.stdout[-300:]}")
    return float(match.group(1))
