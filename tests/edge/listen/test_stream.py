"""`transcribe` of a file read block by block: bounded audio, linked speakers, errors mid-stream.

The long recording is the showroom dialogue said eight times over (almost four minutes of two
espeak-ng voices), read in 30 s parts so that it takes several; the speakers are clustered with
a cap of 60 pieces, far fewer than it has, so most pieces join a cluster by its centroid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from numpy.typing import NDArray

from edge.audio.decode import BLOCK_S, iter_audio, load_audio
from edge.errors import AudioFileError
from edge.listen import pipeline, stream
from edge.listen.models import ListeningModels
from edge.listen.transcript import Transcript
from harness.speech import CUSTOMER, SALESPERSON, Turn, make_dialogue
from tests.audio_fixtures import truncate
from tests.edge.conftest import DIALOGUE
from tests.edge.listen.test_pipeline import speaker_of_turn
from tests.edge.test_cli import edge

pytestmark = pytest.mark.slow
PART_S = 30.0
CAP = 60
REPEATS = 8


@pytest.fixture(scope="module")
def long_dialogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Turn]]:
    path = tmp_path_factory.mktemp("long") / "long_showroom.wav"
    return path, make_dialogue(DIALOGUE * REPEATS, path)


@pytest.fixture(scope="module")
def streamed(
    listening: ListeningModels, long_dialogue: tuple[Path, list[Turn]]
) -> tuple[stream.StreamingListener, Transcript]:
    path, _ = long_dialogue
    listener = stream.StreamingListener(listening, round(PART_S * 16000), cluster_cap=CAP)
    for block in iter_audio(path):
        listener.feed(block)
    return listener, listener.finish(str(path), [])


def test_a_long_file_is_held_a_part_at_a_time(
    long_dialogue: tuple[Path, list[Turn]],
    streamed: tuple[stream.StreamingListener, Transcript],
) -> None:
    path, truth = long_dialogue
    listener, result = streamed
    seconds = sf.info(path).duration
    assert seconds > 200
    # never more audio than one part (or one diarization window and step) plus the new block
    assert listener.peak_held <= (PART_S + BLOCK_S) * 16000
    assert listener.peak_held < seconds * 16000 / 6
    assert len(listener.recognitions) >= seconds // PART_S
    assert result.duration == pytest.approx(seconds, abs=0.01)
    # every diarization window of the whole file, at the whole file's offsets
    assert [w.offset for w in listener.windows][:3] == [0.0, 5.0, 10.0]
    assert listener.windows[-1].offset == pytest.approx(seconds - 10.0, abs=1e-3)
    # no part lost: words in every line of the dialogue, and its phrases heard (tiny.en on
    # espeak-ng mishears some: "a test rhyme")
    for line in truth:
        assert any(s.start < line.end and s.end > line.start for s in result.segments), line
    text = " ".join(s.text for s in result.segments).lower()
    for phrase in ("welcome", "hybrid", "monthly payment", r"test (drive|rhyme)"):
        assert len(re.findall(phrase, text)) >= REPEATS - 2, (phrase, text)
    assert [s.start for s in result.segments] == sorted(s.start for s in result.segments)


def test_speakers_keep_their_labels_across_windows_and_parts(
    long_dialogue: tuple[Path, list[Turn]],
    streamed: tuple[stream.StreamingListener, Transcript],
) -> None:
    _, truth = long_dialogue
    listener, result = streamed
    assert sum(len(w.pieces) for w in listener.windows) > 3 * CAP  # most joined by centroid
    labels: dict[str, list[str]] = {SALESPERSON: [], CUSTOMER: []}
    for turn in truth:
        labels[turn.voice].append(speaker_of_turn(result, turn))
    # the first and the last minute alike: one label per voice, two labels in all
    assert set(labels[SALESPERSON]) == {"customer_1"}
    assert set(labels[CUSTOMER]) == {"customer_2"}
    assert {t.speaker for t in result.turns} == {"customer_1", "customer_2"}


def test_a_file_no_longer_than_a_part_is_transcribed_as_before(
    listening: ListeningModels, dialogue: tuple[Path, list[Turn]]
) -> None:
    path, _ = dialogue
    assert sf.info(path).duration < stream.PART_S
    whole = pipeline.transcribe(load_audio(path), str(path), listening, [])
    assert stream.transcribe_file(path, listening, []) == whole


def test_a_file_corrupt_part_way_through_is_a_clear_error(
    listening: ListeningModels, long_dialogue: tuple[Path, list[Turn]], tmp_path: Path
) -> None:
    path, _ = long_dialogue
    flac = tmp_path / "long.flac"
    sf.write(flac, sf.read(path, dtype="float32")[0], 16000, format="FLAC")
    broken = truncate(flac, tmp_path / "broken.flac", 0.6)
    fed = []

    def blocks() -> Iterator[NDArray[np.float32]]:
        for block in iter_audio(broken):
            fed.append(len(block))
            yield block

    with pytest.raises(AudioFileError, match=f"audio file {broken} is corrupt or truncated"):
        stream.transcribe_blocks(blocks(), str(broken), listening, [], part_s=PART_S)
    assert sum(fed) > 2 * PART_S * 16000  # found after parts had been transcribed


def test_the_command_says_so_and_writes_nothing(
    long_dialogue: tuple[Path, list[Turn]], showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    path, _ = long_dialogue
    flac = tmp_path / "long.flac"
    sf.write(flac, sf.read(path, dtype="float32")[0], 16000, format="FLAC")
    broken = truncate(flac, tmp_path / "broken.flac", 0.6)  # longer than a part of `transcribe`
    assert sf.info(path).duration * 0.55 > stream.PART_S
    output = tmp_path / "out.json"
    result = edge("transcribe", str(broken), "--output", str(output), bundle=showfloor_bundle_dir)
    assert result.returncode != 0
    assert f"audio file {broken} is corrupt or truncated" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
