"""Resemblyzer's GE2E encoder exported to ONNX; the hub's numpy mel checked against librosa."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from numpy.typing import NDArray

from models.build.context import BuildContext, check_diff
from models.build.onnx_export import export, max_abs_diff, run_onnx, run_torch
from models.build.torch_models import resemblyzer_model
from models.errors import BuildError
from models.manifest import ONNX_MODEL_FILE, Artifact, Role

#: Largest relative difference of the numpy mel port from librosa's.
MEL_TOLERANCE = 1e-4


def build_resemblyzer(ctx: BuildContext) -> Artifact:
    """Export the GE2E LSTM: 'mels' (batch, frames, 40) -> unit 'embedding' (batch, 256)."""
    from edge.listen.embedding import ge2e as runtime
    from edge.listen.embedding import mel

    encoder = resemblyzer_model(ctx.sources)
    reference_audio = _reference_audio_module()
    speech = runtime.normalise_volume(ctx.speech)
    librosa_mel = reference_audio.wav_to_mel_spectrogram(speech)
    port_mel = mel.mel_spectrogram(speech)
    mel_diff = max_abs_diff(port_mel, librosa_mel) / float(np.max(np.abs(librosa_mel)))
    check_diff("resemblyzer mel port vs librosa (relative)", mel_diff, MEL_TOLERANCE)

    path = ctx.artifact_dir(Role.EMBEDDING_RESEMBLYZER) / ONNX_MODEL_FILE
    partials = _librosa_partials(librosa_mel, runtime.partial_starts(speech.size), runtime)
    export(
        encoder,
        partials[:1],
        path,
        input_name=runtime.INPUT_NAME,
        output_name="embedding",
        dynamic={0: "batch", 1: "frames"},
    )
    diff = check_diff(
        "embedding_resemblyzer",
        max_abs_diff(run_onnx(path, runtime.INPUT_NAME, partials), run_torch(encoder, partials)),
    )
    hub = runtime.ResemblyzerEmbedder(path)(ctx.speech)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = encoder.embed_utterance(
            reference_audio.normalize_volume(ctx.speech, -30, increase_only=True)
        )
    pipeline_diff = check_diff(
        "resemblyzer hub pipeline vs embed_utterance", max_abs_diff(hub, original)
    )
    return ctx.artifact(
        Role.EMBEDDING_RESEMBLYZER,
        "onnx",
        ctx.sources.package("resemblyzer"),
        max_abs_diff=diff,
        notes="Resemblyzer 0.1.4 GE2E LSTM exported to ONNX opset 17; input 'mels' (batch, "
        "frames, 40) mel power frames (25/10 ms), output 'embedding' (batch, 256) L2-normalised. "
        f"Numpy mel port vs librosa: relative max diff {mel_diff:.2g}; hub pipeline vs "
        f"VoiceEncoder.embed_utterance: max abs diff {pipeline_diff:.2g}; on {ctx.speech_origin}.",
    )


def _reference_audio_module() -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from resemblyzer import audio
    except ImportError as err:
        raise BuildError(f"resemblyzer.audio needs librosa and webrtcvad to build: {err}") from err
    return audio


def _librosa_partials(mel: Any, starts: list[int], runtime: Any) -> NDArray[np.float32]:
    frames = runtime.PARTIAL_FRAMES
    usable = [s for s in starts if s + frames <= mel.shape[0]]
    return np.stack([mel[s : s + frames] for s in usable]).astype(np.float32)
