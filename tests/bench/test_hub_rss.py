"""The whole-hub peak RSS bench: a real replay in a fresh process, recordings joined."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from bench.hub_rss import cpu_model, join, load

DEMO = Path(__file__).resolve().parents[2] / "demo"


def test_join_puts_the_recordings_one_after_the_other(tmp_path: Path) -> None:
    parts = [DEMO / "sam-enrollment.flac", DEMO / "showroom.flac"]
    joined = join(parts, tmp_path / "j.wav")
    lengths = [sf.info(p).frames for p in parts]
    assert sf.info(joined).frames == sum(lengths)
    first, _ = sf.read(parts[0], dtype="int16")
    head, _ = sf.read(joined, dtype="int16", frames=lengths[0])
    assert (head == first).all()


def test_machine_and_load_are_read() -> None:
    assert cpu_model() != "unknown"
    assert len(load().split()) == 3


@pytest.mark.slow
def test_one_replay_reports_its_events_and_peak(showfloor_bundle_dir: Path) -> None:
    env = {**os.environ, "SHOWFLOOR_MODELS__BUNDLE_DIR": str(showfloor_bundle_dir)}
    out = subprocess.run(
        [sys.executable, "-m", "bench.hub_rss", "--once", str(DEMO / "showroom.flac")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env=env,
    ).stdout.split()
    events, kib = int(out[0]), int(out[1])
    assert events >= 3  # the conversation started, its turns, ended
    assert 300 * 1024 < kib < 2 * 1024 * 1024  # the models are in it; not runaway
