"""Speech to text with faster-whisper (CTranslate2, int8), one utterance at a time.

Whisper invents text on silence and loops on noise. The guards here: Whisper's own no-speech
and compression-ratio checks per segment, a list of phrases it is known to hallucinate that are
dropped unless the words were confident, and a collapse of runs of repeated words.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from edge.audio.frames import SAMPLE_RATE
from edge.errors import ModelLoadError
from edge.listen import switching
from edge.listen.language import EncoderCache, LanguageGuess, detect_language
from edge.settings import AsrSettings

if TYPE_CHECKING:
    import ctranslate2
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment

_LOGGER = logging.getLogger(__name__)

# What Whisper says on silence and noise (from its training data's subtitles).
_HALLUCINATIONS = frozenset(
    {
        "thank you",
        "thanks for watching",
        "thank you for watching",
        "please subscribe",
        "you",
        "bye",
        "so",
        "subtitles by the amara org community",
    }
)
_CONFIDENT = 0.6
_MAX_REPEATS = 2


@dataclass(frozen=True)
class Word:
    """A recognised word, in seconds from the start of the utterance."""

    start: float
    end: float
    text: str  # as Whisper wrote it, with its leading space where a new word begins
    probability: float


def join_words(words: tuple[Word, ...] | list[Word]) -> str:
    """The text of consecutive words, spaced as Whisper spaced them."""
    return "".join(w.text for w in words).strip()


@dataclass(frozen=True)
class Recognition:
    """What was said in one utterance."""

    text: str
    language: str
    words: tuple[Word, ...]
    #: Word times from Whisper's alignment; False: spread over each segment (estimates).
    timed: bool = True
    #: The model that transcribed it: "en" (tiny.en) or "multilingual" (base).
    model: str = ""
    #: On a site with several languages, the detection that chose `language`.
    detection: LanguageGuess | None = None
    #: (start, end, language) of each stretch decoded in its own language, in s from the
    #: utterance's start, when it had more than one (`edge.listen.switching`); else empty.
    languages: tuple[tuple[float, float, str], ...] = ()

    def language_of(self, start: float, end: float) -> str:
        """The language of the stretch overlapping [start, end] most (s from the start)."""
        best, most = self.language, 0.0
        end = max(end, start + 1e-3)  # a word spread to no time still lies somewhere
        for run_start, run_end, language in self.languages:
            overlap = min(end, run_end) - max(start, run_start)
            if overlap > most:
                best, most = language, overlap
        return best


class WhisperTranscriber:
    """faster-whisper on one utterance; blocking (call it through `asyncio.to_thread`).

    On a site with several languages (`asr.languages`), `model_dir` is the multilingual model:
    it detects each utterance's language among the site's, and transcribes it, unless
    `english_dir` is given (`asr.routing: english_model`) and the utterance is English.
    """

    def __init__(
        self, model_dir: Path, settings: AsrSettings, english_dir: Path | None = None
    ) -> None:
        self._dirs = (model_dir, english_dir)
        _choose_gemm(settings.intel_mkl)
        self._model: WhisperModel = _load_or_raise(model_dir, settings.threads)
        self._english = (
            None if english_dir is None else _load_or_raise(english_dir, settings.threads)
        )
        self._settings = settings
        self._live_frames = window_frames(settings.live_encoder_window_s)
        self._name = "multilingual" if settings.needs_multilingual_model else "en"
        self._language = settings.forced_language
        self._detect_among = settings.languages if settings.bilingual else None
        #: Detections read again on the whole window (`asr.live_language_recheck_below`).
        self.rechecks = 0

    def __call__(
        self,
        samples: NDArray[np.float32],
        *,
        word_timing: bool = True,
        context: str = "",
        lead_in: NDArray[np.float32] | None = None,
        lead_in_text: str = "",
        pauses: tuple[tuple[float, float], ...] = (),
    ) -> Recognition:
        """Transcribe one utterance of 16 kHz mono audio (up to 30 s).

        The encoder reads the utterance and 1 s after it, at least `asr.live_encoder_window_s`
        (`fitted`), not Whisper's 30 s window, whose cost is fixed whatever was said. When that
        decode has a segment dropped as a repetition loop (a short window can make Whisper
        repeat what it heard), the utterance is decoded again with the whole 30 s window.

        Without `word_timing`, Whisper's word alignment (a pass over its cross-attention) is
        skipped: each segment's words get times spread over the segment by their length, and the
        segment's mean token probability. About 30 ms less an utterance (docs/benchmarks.md).
        `context` (the conversation's last words, `asr.live_context_words`) is given to Whisper
        as the text before the utterance (its `initial_prompt`).

        `lead_in`: the audio just before the utterance, whose words (`lead_in_text`, as heard)
        are given as the start of the window's text (Whisper's `prefix`): Whisper hears the
        utterance in the conversation's audio, as when decoding a whole recording, and writes
        only what follows. The encoder costs the same (it always reads a 30 s window); word
        times are then spread over the utterance. Ignored without `lead_in_text`. This decode
        (the context path's, off the coaching path) searches `asr.live_redecode_beam_size` beams.

        `pauses` (the endpointer's, s from the start): on a site with several languages, the
        parts between long ones are each detected, and each run of one language decoded on its
        own (`asr.live_language_split_pause_ms`, `edge.listen.switching`).
        """
        if lead_in is not None and len(lead_in) and lead_in_text.strip():
            return self._continue(samples, lead_in, lead_in_text, context)
        switched = self._switched(samples, pauses, word_timing=word_timing, context=context)
        if switched is not None:
            return switched
        return self._recognise(samples, word_timing=word_timing, in_context=False, context=context)

    def _switched(
        self,
        samples: NDArray[np.float32],
        pauses: tuple[tuple[float, float], ...],
        *,
        word_timing: bool,
        context: str,
    ) -> Recognition | None:
        """Each language's stretch decoded on its own; None if there is one part only.

        Parts of one language are decoded together, as the whole utterance when all are. A part
        is a second or a few of speech cut out of a longer utterance, where the short window's
        detector is less sure (the bilingual replay's "No sé. ¿Podemos ...?" heard 0.5 s after
        the salesperson: English 0.62 on the short window, Spanish 0.71 on the whole one): a
        part's guess below `switching.RECHECK_BELOW` is read again on the whole window, and the
        two windows' probabilities are averaged (neither window was the more often right,
        docs/benchmarks.md "Quick turns"). Every part on the whole window cost too much.
        """
        split_s = self._settings.live_language_split_pause_ms / 1000
        if self._detect_among is None or not split_s or not pauses:
            return None
        spans = switching.parts(pauses, len(samples) / SAMPLE_RATE, split_s)
        if len(spans) < 2:
            return None
        least, among, unsure = self._live_frames, self._detect_among, switching.RECHECK_BELOW
        guesses = [
            self._detect(samples[_at(a) : _at(b)], least, among, unsure, blend=True)
            for a, b in spans
        ]
        runs = switching.runs(spans, guesses)
        if len(runs) == 1:
            known = runs[0][2]
            return self._recognise(
                samples, word_timing=word_timing, in_context=False, context=context, known=known
            )
        parts = [
            (start, end, self._recognise(
                samples[_at(start) : _at(end)], word_timing=word_timing, in_context=False,
                context=context if index == 0 else "", known=guess,
            ))
            for index, (start, end, guess) in enumerate(runs)
        ]  # fmt: skip
        _LOGGER.debug("%d runs of one language: %s", len(runs), [r.language for *_, r in parts])
        words = tuple(
            dataclasses.replace(w, start=w.start + start, end=w.end + start)
            for start, _, recognition in parts
            for w in recognition.words
        )
        longest = max(parts, key=lambda part: part[1] - part[0])[2]
        return Recognition(
            text=join_words(words),
            language=longest.language,
            words=words,
            timed=all(r.timed for *_, r in parts),
            model=longest.model,
            detection=longest.detection,
            languages=tuple((start, end, r.language) for start, end, r in parts),
        )

    def twin(self) -> WhisperTranscriber:
        """Another instance of the same models and settings, with its own CTranslate2 workers.

        Calls to one instance are served in turn: the live hub's context re-decodes
        (`edge.listen.live`) run on a twin so that an utterance never waits behind one. A Linux
        thread inherits the niceness of the one that starts it: loaded in a niced thread, the
        twin's CTranslate2 workers are niced too. The twin reads Whisper's whole 30 s window
        (`asr.live_encoder_window_s` is for the coached text only).
        """
        return self.with_window(30.0)

    def with_window(self, seconds: float) -> WhisperTranscriber:
        """Another instance of the same models whose own decodes read at least `seconds`."""
        update = {"live_encoder_window_s": seconds}
        return WhisperTranscriber(
            self._dirs[0], self._settings.model_copy(update=update), self._dirs[1]
        )

    def _continue(
        self,
        samples: NDArray[np.float32],
        lead_in: NDArray[np.float32],
        lead_in_text: str,
        context: str,
    ) -> Recognition:
        settings = self._settings
        self._model.window.frames = _FULL_FRAMES
        segments, info = self._model.transcribe(
            np.concatenate([lead_in, samples]),
            language=self._language,
            beam_size=settings.live_redecode_beam_size,
            temperature=0.0,
            condition_on_previous_text=False,
            without_timestamps=True,
            initial_prompt=context.strip() or None,
            prefix=lead_in_text.strip(),
            no_speech_threshold=settings.no_speech_threshold,
            compression_ratio_threshold=settings.max_compression_ratio,
            vad_filter=False,
        )
        words: list[Word] = []
        duration = len(samples) / SAMPLE_RATE
        tokenizer = self._model.hf_tokenizer
        forced = len(tokenizer.encode(" " + lead_in_text.strip(), add_special_tokens=False).ids)
        for segment in segments:
            # faster-whisper hands back the forced words too: keep what follows them
            text = tokenizer.decode(segment.tokens[forced:])
            forced = max(0, forced - len(segment.tokens))
            if not _usable(segment, settings):
                continue
            words.extend(spread_words(text, 0.0, duration, segment.avg_logprob))
        return _cleaned(words, info.language, timed=False, model=self._name)

    def recording(self, samples: NDArray[np.float32], beam_size: int | None = None) -> Recognition:
        """Transcribe a whole recording in Whisper's own 30 s windows, with context.

        Each window is decoded after the text of the one before; one language for the whole
        recording. On the evaluation data this beat transcribing utterance by utterance
        (docs/benchmarks.md): an utterance on its own gives Whisper neither the conversation's
        context nor a full window of audio. `beam_size`: instead of `asr.beam_size`.
        """
        return self._recognise(samples, word_timing=True, in_context=True, beam_size=beam_size)

    def _recognise(
        self,
        samples: NDArray[np.float32],
        *,
        word_timing: bool,
        in_context: bool,
        context: str = "",
        least: int | None = None,
        beam_size: int | None = None,
        known: LanguageGuess | None = None,
    ) -> Recognition:
        """`known`: the language detected already (on a site with several languages)."""
        settings = self._settings
        model, name, language = self._model, self._name, self._language
        if least is None:
            least = _FULL_FRAMES if in_context else self._live_frames
        detection = known
        if detection is None and self._detect_among is not None:
            detection = self._detect(samples, least, self._detect_among)
        if detection is not None:
            language = detection.language
            if language == "en" and self._english is not None:
                model, name = self._english, "en"
        for each in (model, self._english):
            if each is not None:
                each.window.frames = least  # this thread's calls only
        segments, info = model.transcribe(
            samples,
            language=language,
            beam_size=beam_size or settings.beam_size,
            temperature=0.0,
            condition_on_previous_text=in_context,
            initial_prompt=context.strip() or None,
            word_timestamps=word_timing,
            hotwords=settings.vocabulary or None,
            no_speech_threshold=settings.no_speech_threshold,
            compression_ratio_threshold=settings.max_compression_ratio,
            vad_filter=False,
        )
        words: list[Word] = []
        duration = len(samples) / SAMPLE_RATE  # Whisper's segments may run past the audio
        looped = False
        for segment in segments:
            if not _usable(segment, settings):
                looped = looped or segment.compression_ratio > settings.max_compression_ratio
                continue
            if word_timing:
                words.extend(
                    Word(float(w.start), float(w.end), w.word, float(w.probability))
                    for w in segment.words or ()
                    if w.word.strip()
                )
            else:
                words.extend(
                    spread_words(
                        segment.text,
                        min(segment.start, duration),
                        min(segment.end, duration),
                        segment.avg_logprob,
                    )
                )
        if least < _FULL_FRAMES and looped:
            # A short window can make Whisper loop over what it heard (whisper.cpp's
            # `audio_ctx` does the same): the loop is dropped whole, and with it the words.
            _LOGGER.debug("the short window lost the utterance's text: decoding 30 s")
            return self._recognise(
                samples,
                word_timing=word_timing,
                in_context=in_context,
                context=context,
                least=_FULL_FRAMES,
                beam_size=beam_size,
                known=known,
            )
        return _cleaned(words, info.language, timed=word_timing, model=name, detection=detection)

    def _detect(
        self,
        samples: NDArray[np.float32],
        least: int,
        languages: tuple[str, ...],
        recheck_below: float | None = None,
        blend: bool = False,
    ) -> LanguageGuess:
        """The utterance's language among the site's, on the window the decode reads.

        Whisper's detector is made for its whole 30 s window: on the short live window it is
        less sure, and once took a Spanish espeak utterance for English
        (tests/edge/cli/test_replay_bilingual.py). So when the short window's probability is
        below `asr.live_language_recheck_below`, the whole window is read again for the
        language (one more encoder pass); a sure guess costs one decoder step, the decode
        reusing its encoder output (`EncoderCache`). `recheck_below`: instead of that setting;
        `blend`: the mean of both windows' probabilities rather than the whole window's guess.
        """
        if recheck_below is None:
            recheck_below = self._settings.live_language_recheck_below
        model = self._model
        model.window.frames = least
        guess = detect_language(model, samples, languages)
        unsure = guess.probability < recheck_below
        if least >= _FULL_FRAMES or not unsure:
            return guess
        model.window.frames = _FULL_FRAMES
        whole = detect_language(model, samples, languages)
        self.rechecks += 1
        _LOGGER.debug(
            "language %s (%.2f) on the short window, %s (%.2f) on the whole window",
            guess.language,
            guess.probability,
            whole.language,
            whole.probability,
        )
        return guess.blended(whole) if blend else dataclasses.replace(whole, rechecked=True)


def _cleaned(
    words: list[Word],
    language: str,
    *,
    timed: bool,
    model: str,
    detection: LanguageGuess | None = None,
) -> Recognition:
    """The recognition of `words`, repetition loops collapsed and a hallucination dropped."""
    kept = drop_hallucination(_collapse_repeats(words))
    return Recognition(
        text=join_words(kept),
        language=language,
        words=tuple(kept),
        timed=timed,
        model=model,
        detection=detection,
    )


def _usable(segment: Segment, settings: AsrSettings) -> bool:
    """False for a repetition loop or text on what Whisper takes for non-speech."""
    if segment.compression_ratio > settings.max_compression_ratio:
        _LOGGER.debug("dropped a repetition loop: %r", segment.text)
        return False
    if segment.no_speech_prob > settings.no_speech_threshold and segment.avg_logprob < -1:
        _LOGGER.debug("dropped text on non-speech: %r", segment.text)
        return False
    return True


def _choose_gemm(intel_mkl: bool) -> None:
    """Tell CTranslate2 whether to use Intel MKL (`asr.intel_mkl`); it reads this on import."""
    wanted = "1" if intel_mkl else "0"
    if "ctranslate2" in sys.modules:
        if os.environ.get("CT2_USE_MKL") != wanted:
            _LOGGER.warning("asr.intel_mkl: CTranslate2 is already loaded; applies on restart")
        return
    os.environ["CT2_USE_MKL"] = wanted


def _load_or_raise(model_dir: Path, threads: int) -> WhisperModel:
    try:
        return _load(model_dir, threads)
    except Exception as err:
        raise ModelLoadError(f"cannot load the speech model in {model_dir}: {err}") from err


_FULL_FRAMES = 3000  # Whisper's 30 s window, in 10 ms mel frames
_MARGIN_FRAMES = 100  # of padding read after the last frame of audio


def _at(seconds: float) -> int:
    """The sample index of `seconds` into an utterance."""
    return round(seconds * SAMPLE_RATE)


def window_frames(seconds: float) -> int:
    """The least number of mel frames the encoder reads (even: its convolution halves them)."""
    frames = min(_FULL_FRAMES, round(seconds * 100))
    return frames + frames % 2


def fitted(features: NDArray[np.float32], least: int) -> NDArray[np.float32]:
    """`features` (mel bins x 3000, zero-padded by faster-whisper) cut to what the encoder reads.

    faster-whisper pads a window's features with zeros to 30 s; a frame of real audio is never
    all zeros (log-mel is floored at its maximum - 8, then scaled). The window is cut after its
    last frame of audio and `_MARGIN_FRAMES` of padding, and keeps at least `least` frames.
    """
    if features.ndim != 2 or least >= features.shape[-1]:
        return features
    heard = np.flatnonzero(features.any(axis=0))
    end = int(heard[-1]) + 1 if len(heard) else 0
    frames = min(features.shape[-1], max(least, end + _MARGIN_FRAMES))
    frames += frames % 2
    return np.ascontiguousarray(features[:, :frames]) if frames < features.shape[-1] else features


def _load(model_dir: Path, threads: int) -> WhisperModel:
    """faster-whisper with the encoder on `threads` CPU threads and the decoder on one.

    The decoder's steps are small: on 2 threads they took twice as long as on one (144 vs 76 ms
    for a 6 s utterance), while the encoder gained (222 vs 330 ms). So with more than one thread
    the encoder gets a second CTranslate2 instance of the same model with `threads` (most of the
    83 MiB more peak RSS measured in docs/benchmarks.md). The last encoder output is kept
    (`EncoderCache`): language detection and the transcription then share one encoder pass.

    Below 3000 frames in `window.frames` (set by `WhisperTranscriber` for the calling thread
    from `asr.live_encoder_window_s`), the encoder reads only the window's audio, 1 s of its
    padding, and at least that many frames (`fitted`): Whisper's decoder attends over whatever
    the encoder gives it, and the encoder's cost grows with the frames it reads (whisper.cpp's
    `audio_ctx`).
    """
    import ctranslate2
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import get_ctranslate2_storage

    class _SplitWhisper(WhisperModel):  # type: ignore[misc]  # faster-whisper is untyped
        encoder: ctranslate2.models.Whisper | None = None
        cache: EncoderCache
        window: threading.local  # `frames`: the least the encoder reads, per calling thread

        def encode(self, features: NDArray[np.float32]) -> ctranslate2.StorageView:
            features = fitted(features, getattr(self.window, "frames", _FULL_FRAMES))
            cached = self.cache.get(features)
            if cached is not None:
                return cached
            if self.encoder is None:
                output = super().encode(features)
            else:
                batch = features[np.newaxis] if features.ndim == 2 else features
                output = self.encoder.encode(get_ctranslate2_storage(batch), to_cpu=False)
            self.cache.put(features, output)
            return output

    model = _SplitWhisper(
        str(model_dir), device="cpu", compute_type="int8", cpu_threads=1, local_files_only=True
    )
    model.cache = EncoderCache()
    model.window = threading.local()
    if threads > 1:
        model.encoder = ctranslate2.models.Whisper(
            str(model_dir), device="cpu", compute_type="int8", intra_threads=threads
        )
    return model


def spread_words(text: str, start: float, end: float, avg_logprob: float) -> list[Word]:
    """A segment's words with times spread over [start, end] in proportion to their length."""
    pieces = re.findall(r"\s*\S+", text)
    if not pieces:
        return []
    probability = math.exp(min(0.0, avg_logprob))
    step = (end - start) / sum(len(p.strip()) for p in pieces)
    words, at = [], start
    for piece in pieces:
        length = step * len(piece.strip())
        words.append(Word(round(at, 3), round(at + length, 3), piece, probability))
        at += length
    return words


def normalise(text: str) -> str:
    """Lower case, letters, digits and single spaces (for comparing phrases)."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def _collapse_repeats(words: list[Word]) -> list[Word]:
    """Drop n-grams (n ≤ 4) repeated more than `_MAX_REPEATS` times in a row."""
    keys = [normalise(w.text) for w in words]
    out_words: list[Word] = []
    out_keys: list[str] = []
    i = 0
    while i < len(words):
        skipped = False
        for n in range(1, 5):
            gram = keys[i : i + n]
            if len(gram) < n or out_keys[-n * _MAX_REPEATS :] != gram * _MAX_REPEATS:
                continue
            i += n
            skipped = True
            break
        if not skipped:
            out_words.append(words[i])
            out_keys.append(keys[i])
            i += 1
    return out_words


def drop_hallucination(words: list[Word]) -> list[Word]:
    """Nothing, when the words of one utterance are a phrase Whisper invents and are unsure."""
    if not words or normalise(join_words(words)) not in _HALLUCINATIONS:
        return words
    if min(w.probability for w in words) >= _CONFIDENT:
        return words
    return []
