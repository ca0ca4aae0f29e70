"""PortAudio is loaded by the capture code only, not by importing the hub."""

from __future__ import annotations

import subprocess
import sys

from edge.audio.devices import list_input_devices


def test_importing_the_hub_does_not_load_portaudio() -> None:
    probe = (
        "import sys, edge.__main__, edge.daemon.app, edge.audio.mic_source; "
        "print('sounddevice' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "False"


def test_listing_devices_loads_it_where_used() -> None:
    devices = list_input_devices()  # imports sounddevice here; the list may be empty on CI
    assert "sounddevice" in sys.modules
    assert all(d.channels > 0 for d in devices)
