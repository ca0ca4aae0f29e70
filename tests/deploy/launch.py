"""Start a converged unit without systemd: its ExecStart, environment and credentials.

What systemd would give the process, made by hand in a throwaway root: the variables of
`EnvironmentFile=` and `Environment=` (specifiers %S, %C and %i resolved inside the root),
`$STATE_DIRECTORY`, `$CREDENTIALS_DIRECTORY` holding a copy of each `LoadCredential=` file
under its credential name, and `$NOTIFY_SOCKET` so that `ready()` waits for READY=1 as
systemd does for `Type=notify`. Nothing else of the unit (sandboxing, users) applies here.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class Running:
    """A started unit: its process and the notify socket it reports READY=1 on."""

    def __init__(
        self, process: subprocess.Popen[bytes], notify: socket.socket, notify_dir: Path
    ) -> None:
        """Own `process` and `notify` (closed, with its directory, by `close`)."""
        self.process, self._notify, self._notify_dir = process, notify, notify_dir

    def ready(self, timeout_s: float) -> None:
        """Until the process says READY=1; `TimeoutError` (or its exit code) otherwise."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the unit exited with {self.process.returncode}")
            self._notify.settimeout(0.2)
            try:
                if b"READY=1" in self._notify.recv(4096):
                    return
            except TimeoutError:
                continue
        raise TimeoutError(f"no READY=1 within {timeout_s} s")

    def close(self) -> None:
        """Close the notify socket (the process is stopped by its owner)."""
        self._notify.close()
        shutil.rmtree(self._notify_dir, ignore_errors=True)


@dataclass(frozen=True)
class UnitFile:
    """The parts of a unit file that make the process."""

    path: Path
    exec_start: list[str]
    environment: dict[str, str]
    credentials: dict[str, Path]
    state_directory: str | None

    @classmethod
    def read(cls, path: Path, root: Path, instance: str = "") -> UnitFile:
        """Parse `path`, resolving specifiers with state and cache under `root`."""
        specifiers = {
            "%S": str(root / "var" / "lib"),
            "%C": str(root / "var" / "cache"),
            "%i": instance,
        }

        def resolve(text: str) -> str:
            for key, value in specifiers.items():
                text = text.replace(key, value)
            return text

        exec_start: list[str] = []
        environment: dict[str, str] = {}
        credentials: dict[str, Path] = {}
        state = None
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if key == "ExecStart":
                exec_start = shlex.split(resolve(value))
            elif key == "EnvironmentFile":
                environment |= _env_file(Path(value))
            elif key == "Environment":
                pairs = (item.partition("=") for item in shlex.split(resolve(value)))
                environment |= {name: val for name, _, val in pairs}
            elif key == "LoadCredential":
                name, _, source = value.partition(":")
                credentials[name] = Path(source)
            elif key == "StateDirectory":
                state = specifiers["%S"] + "/" + value
        return cls(path, exec_start, environment, credentials, state)

    def start(self, credentials_dir: Path, *extra: str, log: Path) -> Running:
        """The process, with its credentials copied into `credentials_dir` and output to `log`."""
        credentials_dir.mkdir(parents=True, exist_ok=True)
        # A socket path has at most 107 bytes: not under pytest's deep temporary directories.
        notify_dir = Path(tempfile.mkdtemp(prefix="sf-notify-"))
        notify_path = notify_dir / "notify"
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(str(notify_path))
        for name, source in self.credentials.items():
            (credentials_dir / name).write_bytes(source.read_bytes())
        env = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
        env |= self.environment | {
            "CREDENTIALS_DIRECTORY": str(credentials_dir),
            "NOTIFY_SOCKET": str(notify_path),
        }
        if self.state_directory is not None:
            Path(self.state_directory).mkdir(parents=True, exist_ok=True)
            env["STATE_DIRECTORY"] = self.state_directory
        with log.open("ab") as out:
            process = subprocess.Popen(
                [*self.exec_start, *extra], env=env, stdout=out, stderr=subprocess.STDOUT
            )
        return Running(process, notify, notify_dir)


def _env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values
