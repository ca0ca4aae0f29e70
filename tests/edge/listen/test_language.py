"""Bilingual sites: each utterance's language detected among the site's, and routed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from edge.errors import ConfigError
from edge.listen.asr import WhisperTranscriber, window_frames
from edge.listen.language import LanguageError, LanguageGuess, detect_language, wire_language
from edge.listen.models import required_roles
from edge.settings import AsrSettings, EdgeSettings, load_settings
from harness.speech import speak
from models.manifest import Role

SPANISH = "Buenas tardes. Quisiera ver los coches eléctricos nuevos, por favor."
ENGLISH = "Good afternoon. I would like to see the new electric cars, please."
BILINGUAL = AsrSettings(languages=("en", "es"), routing="english_model")


@pytest.fixture(scope="module")
def routing(showfloor_bundle_dir: Path) -> WhisperTranscriber:
    """Base detects and transcribes Spanish; tiny.en transcribes English."""
    return WhisperTranscriber(
        showfloor_bundle_dir / "asr_multilingual", BILINGUAL, showfloor_bundle_dir / "asr_en"
    )


@pytest.mark.slow
def test_spanish_and_english_speech_are_told_apart_by_the_real_model(
    showfloor_bundle_dir: Path,
) -> None:
    from faster_whisper import WhisperModel

    model = WhisperModel(
        str(showfloor_bundle_dir / "asr_multilingual"), compute_type="int8", cpu_threads=1
    )
    spanish = detect_language(model, speak(SPANISH, "es-419"), ("en", "es"))
    english = detect_language(model, speak(ENGLISH, "en-us"), ("en", "es"))
    assert (spanish.language, english.language) == ("es", "en")
    assert spanish.probability > 0.8 and english.probability > 0.8
    # restricted to the site's languages: Spanish speech on an English/German site is one of those
    elsewhere = detect_language(model, speak(SPANISH, "es-419"), ("en", "de"))
    assert elsewhere.language in ("en", "de")
    with pytest.raises(LanguageError, match="no language"):
        detect_language(model, speak(SPANISH, "es-419"), ())


@pytest.mark.slow
def test_english_goes_to_tiny_en_and_spanish_to_the_multilingual_model(
    routing: WhisperTranscriber,
) -> None:
    spanish = routing(speak(SPANISH, "es-419"))
    english = routing(speak(ENGLISH, "en-us"))
    assert (spanish.language, spanish.model) == ("es", "multilingual")
    assert (english.language, english.model) == ("en", "en")
    assert "eléctricos" in spanish.text.lower()
    assert "electric" in english.text.lower()


@pytest.mark.slow
def test_code_switching_is_per_utterance(routing: WhisperTranscriber) -> None:
    lines = [(ENGLISH, "en-us"), (SPANISH, "es-419"), ("Yes, the blue one.", "en-us")]
    heard = [routing(speak(text, voice)).language for text, voice in lines]
    assert heard == ["en", "es", "en"]


@pytest.mark.slow
def test_the_shared_encoder_pass_gives_the_words_of_a_fresh_one(
    routing: WhisperTranscriber, showfloor_bundle_dir: Path
) -> None:
    spanish = AsrSettings(model="multilingual", language="es", languages=("es",))
    forced = WhisperTranscriber(showfloor_bundle_dir / "asr_multilingual", spanish)
    audio = speak(SPANISH, "es-419")
    assert routing(audio).text == forced(audio).text


def test_the_models_a_site_loads() -> None:
    def roles(**asr: object) -> set[Role]:
        return set(required_roles(EdgeSettings(asr=AsrSettings.model_validate(asr))))

    assert Role.ASR_MULTILINGUAL not in roles()
    assert {Role.ASR_EN, Role.ASR_MULTILINGUAL} <= roles(
        languages=["en", "es"], routing="english_model"
    )
    assert Role.ASR_EN not in roles(languages=["en", "es"], routing="multilingual")
    assert Role.ASR_EN not in roles(model="multilingual", languages=["es"])


def test_bilingual_settings_and_their_errors(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_text("asr:\n  languages: [en, es]\n")
    asr = load_settings(path).asr
    assert asr.bilingual and asr.forced_language is None and asr.routing == "multilingual"
    only_spanish = AsrSettings(model="multilingual", languages=("es",))
    assert only_spanish.forced_language == "es"
    for text, message in (
        ("asr:\n  languages: [en, spanish]\n", "'spanish' is no ISO 639-1 code"),
        ("asr:\n  languages: [es]\n", r"needs asr.model='multilingual'"),
        ("asr:\n  languages: [en, en]\n", "lists a language twice"),
        ("asr:\n  languages: []\n", "asr.languages"),
        ("asr:\n  languages: [en, es]\n  routing: fastest\n", "asr.routing"),
    ):
        path.write_text(text)
        with pytest.raises(ConfigError, match=message):
            load_settings(path)


def test_only_iso_639_1_codes_go_on_the_wire() -> None:
    assert [wire_language(c) for c in ("es", "en", "haw", "yue", "", None)] == [
        "es",
        "en",
        None,  # Whisper's Hawaiian and Cantonese have three letters: no language, no failure
        None,
        None,
        None,
    ]


@pytest.mark.slow
def test_an_unsure_short_window_reads_the_whole_window_again_and_a_sure_one_does_not(
    showfloor_bundle_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pause = np.zeros(4800, np.float32)  # 0.3 s, about what the endpointer keeps either side
    switched = np.concatenate(  # one utterance in both languages: the detector is unsure
        [pause, speak("Hola, buenos días.", "es-419+f3"), np.zeros(3200, np.float32),
         speak("I would like to see the trucks.", "en-us+f3"), pause]
    )  # fmt: skip
    spanish = np.concatenate([pause, speak(SPANISH, "es-419"), pause])
    settings = AsrSettings(languages=("en", "es"), live_language_recheck_below=0.9)
    transcriber = WhisperTranscriber(showfloor_bundle_dir / "asr_multilingual", settings)
    model = transcriber._model
    passes: list[int] = []  # the frames of each encoder pass (each output the cache keeps)
    put = model.cache.put

    def counted(features: NDArray[np.float32], output: object) -> None:
        passes.append(features.shape[-1])
        put(features, output)

    monkeypatch.setattr(model.cache, "put", counted)

    sure = transcriber(spanish)
    assert sure.detection is not None and not sure.detection.rechecked
    assert (sure.language, transcriber.rechecks, passes) == ("es", 0, [1000])
    assert "eléctricos" in sure.text.lower()

    unsure = transcriber(switched)
    assert unsure.detection is not None and unsure.detection.rechecked
    assert transcriber.rechecks == 1
    assert passes[1:] == [1000, 3000]  # the decode reused the short window's pass
    assert "would like to see the" in unsure.text.lower()  # in English: the language chosen

    # why: the short window's probabilities either side of the threshold
    model.window.frames = window_frames(settings.live_encoder_window_s)
    assert sure.detection == detect_language(model, spanish, ("en", "es"))
    assert (
        detect_language(model, switched, ("en", "es")).probability
        < 0.9
        <= sure.detection.probability
    )
    model.window.frames = window_frames(30.0)
    whole = detect_language(model, switched, ("en", "es"))
    assert unsure.detection == dataclasses.replace(whole, rechecked=True)
    assert unsure.language == whole.language

    never = WhisperTranscriber(  # 0.5: the short window's guess, however unsure
        showfloor_bundle_dir / "asr_multilingual",
        settings.model_copy(update={"live_language_recheck_below": 0.5}),
    )
    heard = never(switched)
    assert heard.detection is not None and not heard.detection.rechecked and never.rechecks == 0


@pytest.mark.slow
def test_quick_turns_heard_as_one_utterance_are_each_decoded_in_their_language(
    routing: WhisperTranscriber,
) -> None:
    # the customer answers 0.4 s after the salesperson: one utterance for the endpointer
    english, spanish = speak(ENGLISH, "en-us"), speak(SPANISH, "es-419+f3")
    gap = np.zeros(6400, np.float32)
    samples = np.concatenate([english, gap, spanish])
    pause = (len(english) / 16000 + 0.02, (len(english) + len(gap)) / 16000 - 0.01)
    heard = routing(samples, pauses=(pause,))
    middle = (pause[0] + pause[1]) / 2
    assert [language for *_, language in heard.languages] == ["en", "es"]
    assert heard.languages[1][0] == pytest.approx(middle)
    assert heard.language_of(0.5, 1.5) == "en"
    assert heard.language_of(pause[1] + 0.5, pause[1] + 1.5) == "es"
    assert "electric" in heard.text.lower() and "eléctricos" in heard.text.lower()
    assert routing(samples).languages == ()  # without pauses: one language, as before


def test_two_windows_guesses_blend_into_their_mean() -> None:
    short = LanguageGuess("en", 0.62, among=(("en", 0.62), ("es", 0.38)))
    whole = LanguageGuess("es", 0.71, among=(("en", 0.29), ("es", 0.71)))
    blended = short.blended(whole)
    assert (blended.language, blended.rechecked) == ("es", True)
    assert blended.probability == pytest.approx(0.545)
