"""Real capture: sounddevice from a virtual ALSA device fed by a WAV gives the same transcript."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.speech import Turn
from tests.virtual_mic import virtual_mic

pytestmark = pytest.mark.slow
EDGE = str(Path(sys.executable).with_name("showfloor-edge"))


def listen(*args: str, bundle: Path, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    environment |= {"SHOWFLOOR_MODELS__BUNDLE_DIR": str(bundle), **(env or {})}
    # No guesses: in real time a guess that finishes inside a pause ends the utterance early
    # when its text ends a sentence (edge.listen.live), which a fast replay never sees; the same
    # audio must give the same utterances either way
    environment["SHOWFLOOR_VAD__SPECULATE_AFTER_MS"] = "0"
    result = subprocess.run(
        [EDGE, "listen", "--format", "jsonl", *args],
        capture_output=True,
        text=True,
        timeout=240,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    for row in rows:
        row.pop("latency_s")
    return rows


def test_microphone_capture_matches_file_replay(
    dialogue: tuple[Path, list[Turn]], showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    path, truth = dialogue
    seconds = f"{truth[-1].end + 1.5:.1f}"
    replayed = listen(
        "--file", str(path), "--fast", "--seconds", seconds, bundle=showfloor_bundle_dir
    )
    with virtual_mic(path, tmp_path / "mic") as mic:
        captured = listen(
            "--device", mic.device, "--seconds", seconds, bundle=showfloor_bundle_dir, env=mic.env
        )
    assert replayed, "file replay heard nothing"
    assert captured == replayed
    assert len({row["speaker"] for row in captured}) == 2
