"""`doctor` against the real bundle, a virtual microphone and real filesystems."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from edge.daemon.doctor import (
    Finding,
    check_bluetooth,
    check_broker,
    check_disk,
    check_microphone,
    check_models,
    diagnose,
)
from edge.settings import EdgeSettings, load_settings
from harness.processes import free_port
from tests.aio import run
from tests.virtual_mic import use_virtual_mic, virtual_mic


@pytest.fixture
def settings(showfloor_bundle_dir: Path) -> EdgeSettings:
    return load_settings(models={"bundle_dir": showfloor_bundle_dir})


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("STATE_DIRECTORY", str(state))
    return state


@pytest.fixture
def microphone(tmp_path: Path) -> Iterator[None]:
    wav = tmp_path / "room.wav"
    sf.write(wav, np.zeros(16000, dtype=np.float32), 16000, subtype="PCM_16")
    with virtual_mic(wav, tmp_path / "mic") as mic, use_virtual_mic(mic):
        yield


def test_a_healthy_hub(settings: EdgeSettings, state_dir: Path, microphone: None) -> None:
    findings = run(diagnose(settings, (check_models, check_microphone, check_disk)))
    assert [f.name for f in findings] == ["models", "microphone", "disk"]
    assert all(f.ok for f in findings), findings
    assert str(state_dir) in findings[2].detail


def test_a_corrupt_bundle_names_the_file_and_the_fix(
    settings: EdgeSettings, tmp_path: Path
) -> None:
    copy = tmp_path / "bundle"
    shutil.copytree(settings.models.bundle_dir, copy)
    vad = next((copy / "vad").iterdir())
    vad.write_bytes(vad.read_bytes()[:-1] + b"x")
    broken = settings.model_copy(
        update={"models": settings.models.model_copy(update={"bundle_dir": copy})}
    )
    finding = run(check_models(broken))
    assert not finding.ok
    assert str(vad) in finding.detail
    assert "showfloor-models build" in finding.detail


def test_an_absent_microphone_is_named(settings: EdgeSettings, microphone: None) -> None:
    audio = settings.audio.model_copy(update={"device": "USB conference mic"})
    finding = run(check_microphone(settings.model_copy(update={"audio": audio})))
    assert not finding.ok
    assert "USB conference mic" in finding.detail


def test_an_unwritable_state_directory(
    settings: EdgeSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("STATE_DIRECTORY", str(blocker / "state"))
    finding = run(check_disk(settings))
    assert not finding.ok
    assert "not writable" in finding.detail


def test_hanging_and_crashing_checks_are_findings(settings: EdgeSettings) -> None:
    async def check_broker(_: EdgeSettings) -> Finding:
        await asyncio.sleep(60)
        return Finding("broker", True, "")

    async def check_bluetooth(_: EdgeSettings) -> Finding:
        raise RuntimeError("dbus exploded")

    findings = run(diagnose(settings, (check_broker, check_bluetooth), timeout_s=0.2))
    assert findings == [
        Finding("broker", False, "no answer within 0.2 s"),
        Finding("bluetooth", False, "check failed: RuntimeError: dbus exploded"),
    ]


def test_an_unreachable_broker_is_named(settings: EdgeSettings) -> None:
    sync = settings.sync.model_copy(update={"host": "127.0.0.1", "port": free_port()})
    finding = run(check_broker(settings.model_copy(update={"sync": sync})))
    assert not finding.ok
    assert "127.0.0.1" in finding.detail


def test_no_system_bus_is_named(
    settings: EdgeSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    finding = run(check_bluetooth(settings))
    assert not finding.ok
    assert "D-Bus" in finding.detail


def test_parts_that_are_off_are_not_problems(settings: EdgeSettings) -> None:
    off = settings.model_copy(
        update={
            "sync": settings.sync.model_copy(update={"enabled": False}),
            "presence": settings.presence.model_copy(update={"enabled": False}),
        }
    )
    assert run(check_broker(off)).ok
    assert run(check_bluetooth(off)).ok
