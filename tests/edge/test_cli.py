"""`showfloor-edge` as a subprocess: the output formats, and one clear line for every bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from harness.speech import Turn

pytestmark = pytest.mark.slow
EDGE = str(Path(sys.executable).with_name("showfloor-edge"))


def edge(*args: str, bundle: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    environment |= {"SHOWFLOOR_MODELS__BUNDLE_DIR": str(bundle), **env}
    return subprocess.run(
        [EDGE, *args], capture_output=True, text=True, timeout=300, env=environment, check=False
    )


def fails_clearly(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("showfloor-edge: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert expected in result.stderr
    assert result.stdout == ""


@pytest.fixture(scope="module")
def dialogue_file(dialogue: tuple[Path, list[Turn]]) -> Path:
    return dialogue[0]


def test_json_format(dialogue_file: Path, showfloor_bundle_dir: Path, tmp_path: Path) -> None:
    result = edge(
        "transcribe", str(dialogue_file), "--enrolled", str(tmp_path), bundle=showfloor_bundle_dir
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"audio", "duration", "segments"}
    assert document["duration"] == pytest.approx(sf.info(dialogue_file).duration, abs=0.01)
    segments = document["segments"]
    assert segments and [s["start"] for s in segments] == sorted(s["start"] for s in segments)
    for segment in segments:
        assert set(segment) == {"start", "end", "speaker", "role", "text", "language"}
        assert segment["role"] == "customer" and segment["speaker"].startswith("customer_")
        assert segment["language"] == "en"


def test_rttm_and_text_formats(
    dialogue_file: Path, showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    rttm = edge(
        "transcribe",
        str(dialogue_file),
        "--format",
        "rttm",
        "--enrolled",
        str(tmp_path),
        bundle=showfloor_bundle_dir,
    )
    assert rttm.returncode == 0, rttm.stderr
    rows = [line.split() for line in rttm.stdout.splitlines()]
    assert rows and all(len(r) == 10 and r[0] == "SPEAKER" and r[1] == "showroom" for r in rows)
    assert all(float(r[4]) > 0 and r[5] == r[6] == r[8] == r[9] == "<NA>" for r in rows)
    text = edge(
        "transcribe",
        str(dialogue_file),
        "--format",
        "text",
        "--output",
        str(tmp_path / "t.txt"),
        "--enrolled",
        str(tmp_path),
        bundle=showfloor_bundle_dir,
    )
    assert text.returncode == 0 and text.stdout == ""
    lines = (tmp_path / "t.txt").read_text().splitlines()
    assert (
        lines[0].startswith("[00:0") and "customer_" in lines[0] and "welcome" in lines[0].lower()
    )


def test_enroll_then_transcribe_names_the_salesperson(
    dialogue: tuple[Path, list[Turn]], showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    path, truth = dialogue
    samples, rate = sf.read(path, dtype="float32")
    opening = tmp_path / "opening.wav"
    sf.write(opening, samples[: int(truth[0].end * rate)], rate)
    enrolled = tmp_path / "enrolled"
    result = edge(
        "enroll",
        "Sam Carter",
        str(opening),
        "--enrolled",
        str(enrolled),
        bundle=showfloor_bundle_dir,
    )
    assert result.returncode == 0, result.stderr
    assert (enrolled / "sam-carter.json").is_file()
    document = json.loads(
        edge(
            "transcribe", str(path), "--enrolled", str(enrolled), bundle=showfloor_bundle_dir
        ).stdout
    )
    assert {(s["speaker"], s["role"]) for s in document["segments"]} == {
        ("Sam Carter", "salesperson"),
        ("customer_1", "customer"),
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "not found"),
        (b"", "empty"),
        (b"this is a text file, not audio\n" * 20, "not an audio file"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00", "audio"),
    ],
    ids=["missing", "empty", "text", "corrupt"],
)
def test_bad_audio_files(
    content: bytes | None, expected: str, tmp_path: Path, showfloor_bundle_dir: Path
) -> None:
    path = tmp_path / "input.wav"
    if content is not None:
        path.write_bytes(content)
    output = tmp_path / "out.json"
    result = edge("transcribe", str(path), "--output", str(output), bundle=showfloor_bundle_dir)
    fails_clearly(result, expected)
    assert not output.exists()
    assert list(tmp_path.iterdir()) == ([path] if content is not None else [])


def test_silence_only(tmp_path: Path, showfloor_bundle_dir: Path) -> None:
    path = tmp_path / "silence.wav"
    sf.write(path, np.zeros(16000 * 3, np.float32), 16000)
    fails_clearly(edge("transcribe", str(path), bundle=showfloor_bundle_dir), "no speech found")


def test_enroll_with_too_little_speech(tmp_path: Path, showfloor_bundle_dir: Path) -> None:
    from harness.speech import synthesize

    short = synthesize("Hello there.", "en-us", tmp_path / "short.wav")
    result = edge(
        "enroll", "Sam", str(short), "--enrolled", str(tmp_path / "e"), bundle=showfloor_bundle_dir
    )
    fails_clearly(result, "needs at least")
    assert not (tmp_path / "e").exists()


def test_missing_bundle_names_the_file_and_the_fix(dialogue_file: Path, tmp_path: Path) -> None:
    result = edge("transcribe", str(dialogue_file), bundle=tmp_path / "nowhere")
    fails_clearly(result, "manifest.json not found")
    assert "showfloor-models build" in result.stderr


def test_unknown_configuration_key(dialogue_file: Path, showfloor_bundle_dir: Path) -> None:
    result = edge(
        "transcribe", str(dialogue_file), bundle=showfloor_bundle_dir, SHOWFLOOR_VAD__PAUSE="1"
    )
    fails_clearly(result, "unknown configuration key 'vad.pause'")


def test_capture_device_that_does_not_exist(showfloor_bundle_dir: Path) -> None:
    result = edge("listen", "--device", "no-such-microphone", bundle=showfloor_bundle_dir)
    fails_clearly(result, "no-such-microphone")
