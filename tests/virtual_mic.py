"""A real capture device without hardware: ALSA's `file` plugin plays a WAV into PortAudio.

`virtual_mic(wav, workdir)` starts a private PulseAudio (the clock: a 16 kHz null sink) and
writes a self-contained ALSA configuration whose default device `wavin` reads the WAV's samples
as if a microphone heard them, in real time and bit-exact from the first sample (PortAudio
delivers the first block about a second after the stream starts). It yields a `VirtualMic`
whose `env` points ALSA and PulseAudio at them: pass it to a subprocess, or apply it to this
process with `use_virtual_mic` (which reinitialises PortAudio). Every process is stopped on exit.

Open the device as 16-bit: the `file` plugin reads its input file in the stream's own format.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sounddevice as sd
import soundfile as sf
from numpy.typing import NDArray

DEVICE = "wavin"
_START_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class VirtualMic:
    """A running virtual microphone.

    Attributes:
        env: environment variables that make ALSA (and so PortAudio) see the device.
        device: name of the ALSA device fed by the WAV (also the default device).
        rate: the WAV's sample rate: open the device at this rate to hear it at its pace.
        samples: the int16 mono samples the device delivers, in order (silence follows).
        server_pid: process id of the PulseAudio server (stopped on exit).
    """

    env: dict[str, str]
    device: str
    rate: int
    samples: NDArray[np.int16]
    server_pid: int


@contextmanager
def virtual_mic(wav: Path, workdir: Path) -> Iterator[VirtualMic]:
    """Start PulseAudio and an ALSA configuration that capture `wav` (mono: the first channel).

    Raises:
        RuntimeError: PulseAudio did not start (its log is in the message).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    samples, rate = sf.read(wav, dtype="int16", always_2d=True)
    mono = np.ascontiguousarray(samples[:, 0])
    raw = workdir / "mic.raw"
    raw.write_bytes(mono.astype("<i2").tobytes())
    socket_path = workdir / "native"
    (workdir / "pa.pa").write_text(
        f"load-module module-native-protocol-unix auth-anonymous=1 socket={socket_path}\n"
        "load-module module-null-sink sink_name=vsink rate=16000 channels=1 format=s16le\n"
        "set-default-source vsink.monitor\n"
    )
    (workdir / "client.conf").write_text(f"autospawn = no\ncookie-file = {workdir}/cookie\n")
    (workdir / "asound.conf").write_text(
        "pcm.pulse { type pulse }\nctl.pulse { type pulse }\n"
        f'pcm.{DEVICE} {{ type file slave.pcm "pulse" file "/dev/null" infile "{raw}" '
        'format "raw" }\n'
        f'pcm.default "{DEVICE}"\nctl.default "pulse"\n'
    )
    runtime = workdir / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "PULSE_SERVER": f"unix:{socket_path}",
        "PULSE_CLIENTCONFIG": str(workdir / "client.conf"),
        "ALSA_CONFIG_PATH": str(workdir / "asound.conf"),
    }
    server_env = {
        **os.environ,
        **env,
        "HOME": str(workdir),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(workdir / "config"),
    }
    with (workdir / "pulseaudio.log").open("wb") as log:
        server = subprocess.Popen(
            ["pulseaudio", "-n", "-F", str(workdir / "pa.pa"), "--daemonize=no",
             "--exit-idle-time=-1", "--disable-shm=yes", "--log-target=stderr"],
            env=server_env, cwd=workdir, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        )  # fmt: skip
        try:
            _wait_for_socket(server, socket_path, workdir / "pulseaudio.log")
            yield VirtualMic(env, DEVICE, int(rate), mono, server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)


@contextmanager
def use_virtual_mic(mic: VirtualMic) -> Iterator[None]:
    """Point this process's PortAudio at `mic` (reinitialised now and again on exit).

    Open no stream across the boundaries: PortAudio is terminated and initialised again.
    """
    saved = {key: os.environ.get(key) for key in mic.env}
    os.environ.update(mic.env)
    sd._terminate()
    sd._initialize()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        sd._terminate()
        sd._initialize()


def _wait_for_socket(server: subprocess.Popen[bytes], path: Path, log: Path) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"pulseaudio exited with {server.returncode}: {log.read_text()}")
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(path))
            except OSError:
                time.sleep(0.05)
                continue
            return
    raise RuntimeError(f"pulseaudio did not listen on {path} in {_START_TIMEOUT_S} s")
