"""Small window steps: the Hamming overlap-add and embedding only some of the windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from edge.audio.decode import load_audio
from edge.listen import windows
from edge.listen.diarize_offline import OfflineDiarizer, cluster_windows
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn, frame_weights, reconstruct
from edge.listen.segmentation import Segmenter
from edge.listen.windows import Window
from edge.settings import DiarizationSettings

SAMPLE = Path(__file__).parents[3] / ".cache" / "pyannote-sample"
RATE = 16000
FRAMES = Segmenter.frames_per_window
STEP = Segmenter.frame_step_s


def speech(turns: list[Turn]) -> float:
    return float(sum(t.end - t.start for t in turns))


def test_hamming_trusts_the_window_a_frame_is_in_the_middle_of() -> None:
    """One window hears a voice in its middle; the next, where that voice is at its edge, not.

    Averaged flat the count is 0.5 there and rounds to nobody; weighted by where the frame sits
    in each window, the window that has it in its middle wins.
    """
    second = 5.0
    middle = round(second / STEP)  # frame of 5 s in the window at 0 s
    hears = np.zeros((FRAMES, 1), np.float32)
    hears[middle : middle + round(1.0 / STEP), 0] = 0.9  # 5-6 s, in the window's middle
    deaf = np.zeros((FRAMES, 1), np.float32)  # the window at 5 s: 5-6 s is its first second
    analysed = [Window(0.0, hears), Window(second, deaf)]
    mapping = [np.zeros((FRAMES, 1), np.int64)] * 2
    flat = reconstruct(analysed, mapping, 1, STEP, 15.0, bias=0.0)
    hamming = reconstruct(analysed, mapping, 1, STEP, 15.0, bias=0.0, weighting="hamming")
    assert flat == []
    assert speech(hamming) == pytest.approx(1.0, abs=2 * STEP)
    assert frame_weights(FRAMES, "flat").tolist() == [1.0] * FRAMES
    with pytest.raises(ValueError):
        frame_weights(FRAMES, "max")


def test_one_window_in_each_embedding_step_is_embedded() -> None:
    step, every = RATE, 5 * RATE  # windows 1 s apart, embeddings every 5 s
    offsets = windows.window_offsets(round(30.3 * RATE), 10 * RATE, step)
    chosen = [o / RATE for o in offsets if windows.embedded(o, step, every)]
    assert chosen == [0.0, 5.0, 10.0, 15.0, 20.0, 20.3]  # and the last, flush with the end
    assert all(windows.embedded(o, 5 * RATE, every) for o in offsets)  # every <= step: all
    assert all(windows.embedded(o, step, None) for o in offsets)
    odd = windows.window_offsets(30 * RATE, 10 * RATE, round(1.5 * RATE))
    spaced = np.diff([o for o in odd if windows.embedded(o, round(1.5 * RATE), every)])
    assert spaced.min() >= 4.5 * RATE and spaced.max() <= 6.0 * RATE


def test_small_steps_on_the_pyannote_sample(listening: ListeningModels) -> None:
    """1 s steps with embeddings every 5 s, on the real models and the pyannote sample.

    Analysing under `embedding_step_s` embeds only those windows, and clusters exactly as an
    analysis of every window with the others' pieces dropped (what the CV's cache relies on);
    the two voices of the sample are two speakers at both weightings, most of its speech kept.
    """
    wav = SAMPLE / "sample.wav"
    if not wav.exists():
        pytest.fail(f"{wav} missing: `make test-data` fetches it from the pyannote.audio wheel")
    samples = load_audio(wav)[5 * RATE : 20 * RATE]  # both voices, 15 s
    sparse = DiarizationSettings(window_step_s=1.0, embedding_step_s=5.0)
    every = DiarizationSettings(window_step_s=1.0)
    analysed = OfflineDiarizer(listening.segmenter, listening.embedder, sparse).analyse(samples)
    assert [w.offset for w in analysed] == [float(s) for s in range(6)]
    assert [w.offset for w in analysed if w.pieces] == [0.0, 5.0]
    full = OfflineDiarizer(listening.segmenter, listening.embedder, every).analyse(samples)
    assert sum(len(w.pieces) for w in full) > sum(len(w.pieces) for w in analysed)
    for mine, theirs in zip(analysed, full, strict=True):
        assert np.array_equal(mine.activity, theirs.activity)
    ours = cluster_windows(analysed, 15.0, sparse)
    assert cluster_windows(full, 15.0, sparse).turns == ours.turns
    for weighting in ("flat", "hamming"):
        turns = cluster_windows(
            full, 15.0, sparse.model_copy(update={"window_weighting": weighting})
        ).turns
        assert len({t.speaker for t in turns}) == 2
        assert speech(turns) > 8.0
