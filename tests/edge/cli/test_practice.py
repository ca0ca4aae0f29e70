"""`showfloor-edge practice` on a real virtual audio device: speak, hear, transcribe, grade.

The customer's line is played through the earpiece sink on PulseAudio; the salesperson's
answer is an espeak-ng recording that the virtual ALSA device plays into the hub's capture, as
a microphone would; the hub's own listening pipeline transcribes it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from contract.payloads import Objection
from contract.practice import HubAttempts, LinePart, PracticeLine, PracticeSet
from edge.coach.playbook import load_playbook
from edge.practice.score import grade
from harness.speech import SALESPERSON, synthesize
from tests.virtual_mic import virtual_mic

pytestmark = pytest.mark.slow
EDGE = str(Path(sys.executable).with_name("showfloor-edge"))
ANSWER = "I understand. What monthly budget works for you?"


def _lines(path: Path) -> Path:
    line = PracticeLine(
        persona="first-time-buyer",
        level=1,
        language="en",
        parts=[LinePart(objection=Objection.PRICE, text="The price is too high.", source="seed")],
    )
    path.write_text(
        PracticeSet(site_id="site-a", staff="sp-1", level=1, lines=[line]).model_dump_json()
    )
    return path


def _run(*args: str, bundle: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    environment |= {"SHOWFLOOR_MODELS__BUNDLE_DIR": str(bundle), **env}
    return subprocess.run(
        [EDGE, "practice", *args], capture_output=True, text=True, timeout=240, env=environment,
        check=False,
    )  # fmt: skip


def test_the_hub_speaks_the_line_hears_the_answer_and_grades_it(
    showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    wav = synthesize(ANSWER, SALESPERSON, tmp_path / "answer.wav")
    lines = _lines(tmp_path / "lines.json")
    report = tmp_path / "report.json"
    spoken = tmp_path / "spoken.raw"
    with virtual_mic(wav, tmp_path / "mic") as mic, spoken.open("wb") as recording:
        # what the customer says on the output, recorded from the sink's monitor
        recorder = subprocess.Popen(
            ["parec", "-d", "vsink.monitor", "--raw", "--format=s16le", "--rate=16000",
             "--channels=1"], env={**os.environ, **mic.env}, stdout=recording,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            result = _run(
                str(lines), "--device", mic.device, "--output-device", "pulse",
                "--answer-seconds", "6", "--report", str(report),
                bundle=showfloor_bundle_dir, env=mic.env,
            )  # fmt: skip
        finally:
            recorder.terminate()
            recorder.wait(timeout=5)
    assert result.returncode == 0, result.stdout + result.stderr
    played = np.frombuffer(spoken.read_bytes(), dtype="<i2").astype(np.float32) / 32768
    assert len(played) > 16000 and float(np.sqrt(np.mean(played**2))) > 0.005  # it spoke
    out = result.stdout
    assert 'Customer (first-time-buyer, level 1): "The price is too high."' in out
    sent = HubAttempts.model_validate_json(report.read_text())
    heard = sent.attempts[0].answer
    assert "budget" in heard.lower() and "understand" in heard.lower(), heard
    expected = grade(load_playbook(), [Objection.PRICE], heard)
    assert f"Score {expected.score}/100 - objection addressed" in out
    assert expected.addressed
    assert (sent.site_id, sent.staff, sent.attempts[0].line.text) == (
        "site-a",
        "sp-1",
        "The price is too high.",
    )


def test_a_file_that_is_not_a_practice_set_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "lines.json"
    bad.write_text(json.dumps({"lines": []}))
    result = _run(str(bad), bundle=tmp_path, env={})
    assert result.returncode == 1
    assert "is not a practice set" in result.stderr and "Traceback" not in result.stderr
    missing = _run(str(tmp_path / "none.json"), bundle=tmp_path, env={})
    assert missing.returncode == 1 and "cannot read practice lines" in missing.stderr
