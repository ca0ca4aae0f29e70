from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from edge.errors import ModelLoadError, NoSpeechError
from edge.listen.embedding import EmbedderKind, SpeakerEmbedder, load_embedder
from edge.listen.embedding.campp import CamppEmbedder
from edge.listen.embedding.ge2e import ResemblyzerEmbedder, partial_starts
from harness.speech import CUSTOMER, SALESPERSON, speak
from models.build import build_bundle
from models.bundle import Bundle, verify
from models.manifest import Role

KINDS: tuple[EmbedderKind, ...] = ("campp", "resemblyzer")
DIMENSIONS = {"campp": 192, "resemblyzer": 256}


@pytest.fixture(scope="module")
def voices() -> dict[str, NDArray[np.float32]]:
    lines = {
        "sales_1": ("Welcome in. This model comes with all-wheel drive as standard.", SALESPERSON),
        "sales_2": (
            "The extended warranty covers seven years or a hundred thousand miles.",
            SALESPERSON,
        ),
        "customer": ("Could we take the blue one out for a test drive this afternoon?", CUSTOMER),
    }
    return {name: speak(text, voice) for name, (text, voice) in lines.items()}


def _cosine(a: NDArray[np.float32], b: NDArray[np.float32]) -> float:
    return float(a @ b)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_same_voice_is_closer_than_another_voice(
    kind: EmbedderKind, showfloor_bundle: Bundle, voices: dict[str, NDArray[np.float32]]
) -> None:
    embedder = load_embedder(kind, showfloor_bundle)
    assert embedder.dimension == DIMENSIONS[kind]
    vectors = {name: embedder(audio) for name, audio in voices.items()}
    for vector in vectors.values():
        assert vector.shape == (embedder.dimension,)
        assert vector.dtype == np.float32
        assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)
    same = _cosine(vectors["sales_1"], vectors["sales_2"])
    different = max(
        _cosine(vectors["sales_1"], vectors["customer"]),
        _cosine(vectors["sales_2"], vectors["customer"]),
    )
    assert same > different + 0.1, (same, different)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_batch_equals_one_by_one(
    kind: EmbedderKind, showfloor_bundle: Bundle, voices: dict[str, NDArray[np.float32]]
) -> None:
    embedder: SpeakerEmbedder = load_embedder(kind, showfloor_bundle)
    segments = [voices["sales_1"], voices["customer"][: 2 * 16000]]
    batch = embedder.batch(segments)
    assert batch.shape == (2, embedder.dimension)
    np.testing.assert_allclose(batch, np.stack([embedder(s) for s in segments]), atol=1e-5)
    assert embedder.batch([]).shape == (0, embedder.dimension)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_too_short_audio_is_no_speech(kind: EmbedderKind, showfloor_bundle: Bundle) -> None:
    embedder = load_embedder(kind, showfloor_bundle)
    with pytest.raises(NoSpeechError, match="too short to embed"):
        embedder(np.zeros(embedder.min_samples - 1, dtype=np.float32))
    with pytest.raises(ValueError, match="expected mono audio"):
        embedder(np.zeros((2, 16000), dtype=np.float32))


@pytest.mark.slow
def test_resemblyzer_partials_follow_resemblyzer() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # resemblyzer imports a deprecated scipy module
        from resemblyzer.voice_encoder import VoiceEncoder

    for samples in (8000, 16000, 25600, 40000, 48000, 56000, 160000, 163000):
        _, mel_slices = VoiceEncoder.compute_partial_slices(samples, rate=1.3, min_coverage=0.75)
        assert partial_starts(samples) == [s.start for s in mel_slices], samples


@pytest.mark.parametrize("backend", [CamppEmbedder, ResemblyzerEmbedder])
def test_unloadable_model_is_a_model_load_error(
    backend: type[CamppEmbedder] | type[ResemblyzerEmbedder], tmp_path: Path
) -> None:
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"\x00" * 64)
    with pytest.raises(ModelLoadError, match="cannot load model") as info:
        backend(broken)
    assert info.value.__cause__ is not None


@pytest.mark.slow
def test_bundle_without_the_embedder_is_a_model_load_error(tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    build_bundle(out, [Role.VAD])
    with pytest.raises(ModelLoadError, match="has no embedding_resemblyzer model"):
        load_embedder("resemblyzer", verify(out))
