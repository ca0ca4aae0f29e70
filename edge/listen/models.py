"""Loading the listening models from the verified bundle (once per process)."""

from __future__ import annotations

from dataclasses import dataclass

from edge.errors import ModelLoadError
from edge.listen import malloc
from edge.listen.asr import WhisperTranscriber
from edge.listen.embedding import SpeakerEmbedder, load_embedder
from edge.listen.gain import GainNormaliser
from edge.listen.segmentation import Segmenter
from edge.listen.vad import SileroVad, SpeechDetector, WebRtcGate
from edge.settings import EdgeSettings
from models.bundle import Bundle, verify
from models.errors import ModelError
from models.manifest import ONNX_MODEL_FILE, Role


@dataclass(frozen=True)
class ListeningModels:
    """Every model the listening pipeline runs, loaded."""

    bundle: Bundle
    transcriber: WhisperTranscriber
    segmenter: Segmenter
    embedder: SpeakerEmbedder
    embedding_model: str  # names the embedding space voiceprints live in
    settings: EdgeSettings

    def context_transcriber(self) -> WhisperTranscriber:
        """The Whisper of the live hub's re-decodes with context (`asr.live_redecode_model`).

        A twin of `transcriber`, or base with English forced, Whisper's whole 30 s window,
        `asr.live_redecode_beam_size` beams (also for an utterance decoded alone) and one
        CTranslate2 instance on one thread (a second one for the encoder would cost ~110 MiB;
        docs/benchmarks.md). Load it in the thread that will run it (niceness is per thread).
        """
        asr = self.settings.asr
        if not asr.redecodes_on_multilingual:
            return self.transcriber.twin()
        update = {
            "model": "multilingual",
            "language": "en",
            "live_encoder_window_s": 30.0,
            "beam_size": asr.live_redecode_beam_size,
            "threads": 1,
        }
        return WhisperTranscriber(
            self.bundle.path(Role.ASR_MULTILINGUAL), asr.model_copy(update=update)
        )

    def speech_detector(self) -> SpeechDetector:
        """A fresh VAD (each stream has its own state; the ONNX session is cheap)."""
        vad = self.settings.vad
        return SpeechDetector(
            SileroVad(self.bundle.path(Role.VAD) / ONNX_MODEL_FILE),
            WebRtcGate(vad.webrtc_aggressiveness),
            GainNormaliser(vad.max_gain_db) if vad.gain_normalisation else None,
        )


def asr_roles(settings: EdgeSettings) -> tuple[Role, ...]:
    """The speech models: the one that transcribes (and detects) first, then tiny.en if routed."""
    asr = settings.asr
    if not asr.needs_multilingual_model:
        return (Role.ASR_EN,)
    return (
        (Role.ASR_MULTILINGUAL, Role.ASR_EN)
        if asr.needs_english_model
        else (Role.ASR_MULTILINGUAL,)
    )


def required_roles(settings: EdgeSettings) -> tuple[Role, ...]:
    """The bundle artifacts these settings need."""
    embedding = (
        Role.EMBEDDING_CAMPP
        if settings.diarization.embedding == "campp"
        else Role.EMBEDDING_RESEMBLYZER
    )
    context = (Role.ASR_MULTILINGUAL,) if settings.asr.redecodes_on_multilingual else ()
    return (*asr_roles(settings), *context, Role.VAD, Role.SEGMENTATION, embedding)


def load(settings: EdgeSettings) -> ListeningModels:
    """Verify the bundle's checksums and load the models.

    Raises:
        ModelLoadError: the bundle is missing, corrupt or outdated (the message names the file
            and the fix), or a model fails to load.
    """
    malloc.limit_arenas()  # before the models' worker threads start
    roles = required_roles(settings)
    try:
        bundle = verify(settings.models.bundle_dir, roles=roles)
    except ModelError as err:
        raise ModelLoadError(str(err)) from err
    asr_dirs = [bundle.path(role) for role in asr_roles(settings)]
    embedding_role = roles[-1]
    artifact = bundle.manifest.artifact(embedding_role)
    version = artifact.source_version if artifact else "?"
    return ListeningModels(
        bundle=bundle,
        transcriber=WhisperTranscriber(asr_dirs[0], settings.asr, *asr_dirs[1:]),
        segmenter=Segmenter(bundle.path(Role.SEGMENTATION) / ONNX_MODEL_FILE),
        embedder=load_embedder(settings.diarization.embedding, bundle),
        embedding_model=f"{settings.diarization.embedding}-{version}",
        settings=settings,
    )
