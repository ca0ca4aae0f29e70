"""Capture devices known to PortAudio: listed, chosen by name or index, opened."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from edge.errors import AudioDeviceError

if TYPE_CHECKING:  # imported where used: PortAudio costs 20 MiB resident (docs/benchmarks.md)
    import sounddevice as sd

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InputDevice:
    """A device that can capture audio.

    Attributes:
        index: PortAudio device index.
        name: device name as PortAudio reports it.
        channels: most input channels it offers.
        default_rate: its default sample rate in Hz.
        hostapi: name of its host API (ALSA, JACK...).
    """

    index: int
    name: str
    channels: int
    default_rate: float
    hostapi: str

    def __str__(self) -> str:
        return f"{self.index}: {self.name} ({self.hostapi}, {self.channels} ch)"


def list_input_devices() -> list[InputDevice]:
    """Every device with at least one input channel.

    Raises:
        AudioDeviceError: PortAudio cannot list the devices.
    """
    import sounddevice as sd

    try:
        devices = sd.query_devices()
        hostapis = sd.query_hostapis()
    except sd.PortAudioError as err:
        raise AudioDeviceError(f"cannot list audio devices: {err}") from err
    return [_device(info, hostapis) for info in devices if info["max_input_channels"] > 0]


def find_input_device(spec: str | int | None) -> InputDevice:
    """The input device named by `spec`.

    Args:
        spec: an index (an int or a string of digits); a name, matched exactly and then as a
            unique case-insensitive substring; or None for the system's default input.

    Raises:
        AudioDeviceError: no such input device (or the name matches several); the message
            lists the available input devices.
    """
    import sounddevice as sd

    devices = list_input_devices()
    if spec is None:
        try:
            index = int(sd.query_devices(kind="input")["index"])
        except sd.PortAudioError as err:
            raise AudioDeviceError(f"no default input device; {_available(devices)}") from err
        matches = [device for device in devices if device.index == index]
    elif isinstance(spec, int) or spec.strip().isdigit():
        matches = [device for device in devices if device.index == int(spec)]
    else:
        wanted = spec.strip().casefold()
        matches = [device for device in devices if device.name.casefold() == wanted] or [
            device for device in devices if wanted in device.name.casefold()
        ]
    if len(matches) > 1:
        names = ", ".join(repr(device.name) for device in matches)
        raise AudioDeviceError(f"input device {spec!r} is ambiguous: it matches {names}")
    if not matches:
        raise AudioDeviceError(f"no input device {spec!r}; {_available(devices)}")
    return matches[0]


def open_input_stream(
    device: InputDevice,
    rates: Iterable[int],
    frame_ms: int,
    callback: Callable[..., None],
    finished_callback: Callable[[], None],
) -> sd.InputStream:
    """Open a 16-bit input stream on `device` at the first of `rates` it accepts.

    Mono is asked for first, then stereo (for devices that refuse mono). Blocks last `frame_ms`.

    Raises:
        AudioDeviceError: the device refuses every rate, or PortAudio fails.
    """
    import sounddevice as sd

    failure: sd.PortAudioError | None = None
    for rate in dict.fromkeys(rates):
        for channels in dict.fromkeys((1, min(2, device.channels))):
            try:
                return sd.InputStream(
                    device=device.index,
                    samplerate=rate,
                    channels=channels,
                    dtype="int16",
                    blocksize=rate * frame_ms // 1000,
                    callback=callback,
                    finished_callback=finished_callback,
                )
            except sd.PortAudioError as err:
                _LOGGER.info("%s refuses %d Hz, %d ch: %s", device, rate, channels, err)
                failure = err
    raise AudioDeviceError(f"cannot open input device {device}: {failure}") from failure


def _available(devices: list[InputDevice]) -> str:
    if not devices:
        return "no input devices are available"
    return "available input devices: " + "; ".join(str(device) for device in devices)


def _device(info: dict[str, Any], hostapis: tuple[dict[str, Any], ...]) -> InputDevice:
    return InputDevice(
        index=int(info["index"]),
        name=str(info["name"]),
        channels=int(info["max_input_channels"]),
        default_rate=float(info["default_samplerate"]),
        hostapi=str(hostapis[info["hostapi"]]["name"]),
    )
