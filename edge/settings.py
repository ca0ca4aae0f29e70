"""The hub's configuration: defaults < YAML file < `SHOWFLOOR_*` environment < secrets.

Every sub-model forbids unknown keys and is frozen; every field has a description (a test checks),
which `docs/configuration.md` is generated from.
"""

from __future__ import annotations

import os
import re
from contextvars import ContextVar
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from edge.coach.settings import CoachingSettings
from edge.credentials import CredentialsSource
from edge.errors import ConfigError
from edge.paths import default_bundle_dir, default_enrolled_dir
from edge.presence.settings import PresenceSettings
from edge.privacy.settings import PrivacySettings
from edge.sync.settings import SyncSettings
from edge.understand.settings import UnderstandingSettings

#: Makes, models and terms of the trade, for `asr.vocabulary` where a site wants hotwords.
AUTOMOTIVE_VOCABULARY = (
    "MSRP, APR, trade-in, lease, financing, down payment, test drive, trim, hybrid, plug-in, "
    "all-wheel drive, SUV, sedan, pickup, Toyota, Honda, Ford, Chevrolet, Tesla, Hyundai, Kia, "
    "Subaru, Mazda, Nissan, Volkswagen, BMW, Audi, Lexus, Camry, RAV4, Civic, CR-V, F-150, "
    "Model Y, Tucson, Sportage, Outback, CX-5, Rogue, Tiguan, extended warranty, dealer fees"
)


ENV_PREFIX = "SHOWFLOOR_"
#: `SHOWFLOOR_*` variables that are not settings.
_NOT_SETTINGS = frozenset({"SHOWFLOOR_CONFIG", "SHOWFLOOR_TEST_BUNDLE"})
_CLOUD_PREFIX = "SHOWFLOOR_CLOUD_"
#: The YAML file of the `load_settings` call in progress (no process-wide state).
_CONFIG_FILE: ContextVar[Path | None] = ContextVar("showfloor_config_file", default=None)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelSettings(_Section):
    """Where the model bundle is."""

    bundle_dir: Path = Field(
        default_factory=default_bundle_dir,
        description="Directory of the model bundle built by `showfloor-models build`.",
    )


class AudioSettings(_Section):
    """Microphone capture."""

    device: str | int | None = Field(
        default=None,
        description="Capture device: a name (substring match), an index, or null for the "
        "system default input.",
    )
    device_rate: int | None = Field(
        default=None,
        ge=8000,
        le=192000,
        description="Rate to open the device at when it cannot capture 16 kHz; null tries "
        "16 kHz first, then the device's default rate (resampled to 16 kHz).",
    )
    frame_ms: Literal[10, 20, 30] = Field(
        default=30, description="Frame length in milliseconds (a webrtcvad frame size)."
    )


class VadSettings(_Section):
    """Voice activity detection and end of utterance."""

    webrtc_aggressiveness: int = Field(
        default=1, ge=0, le=3, description="webrtcvad gate aggressiveness, 0 (lenient) to 3."
    )
    speech_threshold: float = Field(
        default=0.35, gt=0.0, lt=1.0, description="Silero VAD probability that counts as speech."
    )
    end_of_utterance_ms: int = Field(
        default=600, ge=100, le=5000, description="Pause that ends an utterance, in ms."
    )
    max_utterance_s: float = Field(
        default=12.0, ge=2.0, le=30.0, description="Longest utterance before it is cut, in s."
    )
    min_utterance_ms: int = Field(
        default=250, ge=50, le=2000, description="Shorter bursts of speech are dropped, in ms."
    )
    padding_ms: int = Field(
        default=200, ge=0, le=1000, description="Audio kept before and after speech, in ms."
    )
    speculate_after_ms: int = Field(
        default=200,
        ge=0,
        le=5000,
        description="Live hub: after this much pause (at least `padding_ms`), speech to text and "
        "the diarization's embeddings start on the utterance so far, while the endpointer still "
        "waits; if the pause lasts, the utterance's result is ready sooner, else the guess is "
        "dropped. Only when speech to text is idle. 0: never.",
    )
    end_on_sentence: bool = Field(
        default=True,
        description="Live hub: end the utterance as soon as that early transcript ends a "
        "sentence (., ? or !), instead of waiting for `end_of_utterance_ms` of pause.",
    )
    gain_normalisation: bool = Field(
        default=False,
        description="Raise quiet audio towards a fixed level (a slow automatic gain, at most "
        "`max_gain_db`) before the VAD hears it; the audio itself is passed on unchanged.",
    )
    max_gain_db: float = Field(
        default=30.0, ge=0.0, le=60.0, description="Most the gain normalisation boosts, in dB."
    )


class DiarizationSettings(_Section):
    """Who speaks when."""

    embedding: Literal["campp", "resemblyzer"] = Field(
        default="campp", description="Speaker-embedding model from the bundle."
    )
    cluster_threshold: float = Field(
        default=0.3,
        gt=0.0,
        lt=2.0,
        description="Cosine distance under which two speakers' centroids are merged (offline).",
    )
    online_threshold: float = Field(
        default=0.4,
        gt=0.0,
        lt=2.0,
        description="Cosine distance under which a live voice (a window's local speaker, or a "
        "piece of speech without `distinct_local_speakers`) joins a known speaker.",
    )
    enrolled_threshold: float = Field(
        default=0.6,
        gt=-1.0,
        lt=1.0,
        description="Cosine similarity above which a speaker is an enrolled salesperson.",
    )
    max_speakers: int | None = Field(
        default=None, ge=1, le=20, description="Upper bound on speakers in a file; null: no bound."
    )
    window_step_s: float = Field(
        default=5.0,
        ge=0.5,
        le=10.0,
        description="Offline: seconds between the starts of the 10 s segmentation windows.",
    )
    embedding_step_s: float | None = Field(
        default=None,
        ge=0.5,
        le=60.0,
        description="Offline: only the windows that start first past each multiple of this "
        "many seconds have their speech embedded and clustered (the others still count voices "
        "per frame); null: every window. Bounds the embeddings when `window_step_s` is small.",
    )
    window_weighting: Literal["flat", "hamming"] = Field(
        default="flat",
        description="Offline: how overlapping windows are averaged per frame (the count of "
        "voices and each speaker's activity): `flat` alike, `hamming` by a Hamming window over "
        "each window, so a frame counts most from the windows it is near the middle of.",
    )
    speech_onset: float = Field(
        default=0.5,
        gt=0.0,
        lt=1.0,
        description="Segmentation activity probability above which a local speaker speaks.",
    )
    overlap_bias: float = Field(
        default=0.25,
        ge=0.0,
        le=0.5,
        description="Added to the windows' mean count of speakers per frame before rounding "
        "(more: overlapped and faint speech is kept more often).",
    )
    overlap_onset: float | None = Field(
        default=None,
        gt=0.0,
        lt=1.0,
        description="A second local speaker on a frame where another is above `speech_onset` "
        "counts as speaking from this activity on (overlapped speech); null: `speech_onset`.",
    )
    separate_overlap: bool = Field(
        default=True,
        description="Two local speakers heard at once in one window are never given the same "
        "speaker (the less similar one takes its next-nearest speaker).",
    )
    distinct_local_speakers: bool = Field(
        default=True,
        description="Live: each local speaker the segmentation model finds in a window is "
        "placed as one voice (its pieces' mean embedding), and two local speakers of one window "
        "are never the same person; off, each piece of speech is placed on its own.",
    )
    min_gap_s: float = Field(
        default=0.3,
        ge=0.0,
        le=2.0,
        description="Pauses shorter than this within one speaker's speech are filled, in s.",
    )
    segmentation_compression: float = Field(
        default=1.0,
        ge=1.0,
        le=10.0,
        description="Offline: the segmentation model hears each window through a compressor of "
        "this ratio (quiet voices raised towards loud ones, at most 20 dB; embeddings use the "
        "audio as it is). 1: off.",
    )
    min_local_speech_s: float = Field(
        default=2.0,
        ge=0.0,
        le=10.0,
        description="Offline: a file has at least as many speakers as the most local speakers "
        "the segmentation model hears in one window with at least this much speech each (s); "
        "the clustering is not allowed fewer. 0: no such floor.",
    )


class AsrSettings(_Section):
    """Speech to text."""

    model: Literal["en", "multilingual"] = Field(
        default="en", description="Whisper tiny.en (English) or base (multilingual)."
    )
    language: str | None = Field(
        default=None,
        description="Language code to force (multilingual model); null detects it per utterance "
        "(live) or per file (`transcribe`). Ignored on a site with several `asr.languages`.",
    )
    languages: tuple[str, ...] = Field(
        default=("en",),
        min_length=1,
        description="The site's languages (ISO 639-1, e.g. `[en, es]`). With more than one, "
        "the live hub detects each utterance's language (`transcribe`: one per file) with the "
        "multilingual model among these only, records it on the turn, and `asr.routing` picks "
        "the model that transcribes it; `asr.model` and "
        "`asr.language` then do not apply. One language other than `en` needs the multilingual "
        "model and is forced.",
    )
    routing: Literal["english_model", "multilingual"] = Field(
        default="multilingual",
        description="Sites with several languages: `english_model` transcribes utterances "
        "detected as English with tiny.en and the others with base; `multilingual` transcribes "
        "every utterance with base (the default: same WER, one encoder pass per English "
        "utterance instead of two, 100 MiB less memory; docs/benchmarks.md).",
    )
    beam_size: int = Field(default=1, ge=1, le=10, description="Beam width (1 is greedy).")
    threads: int = Field(
        default=2,
        ge=1,
        le=64,
        description="CPU threads for the Whisper encoder (the decoder runs on one: faster).",
    )
    intel_mkl: bool = Field(
        default=False,
        description="Let CTranslate2 multiply matrices with Intel MKL on Intel CPUs (its own "
        "default there). MKL keeps a packed copy of every weight matrix: on a Xeon, peak RSS "
        "with tiny.en and base was 761 MiB with it and 644 MiB without, for about the same CPU "
        "(docs/benchmarks.md). Off: oneDNN, as on AMD CPUs, so every hub computes the same way. "
        "Read when the first speech model of the process loads.",
    )
    live_encoder_window_s: float = Field(
        default=10.0,
        ge=2.0,
        le=30.0,
        description="Live hub: the least audio, in s, Whisper's encoder reads for an utterance's "
        "own text (the coached one): the utterance and 1 s after it, at least this much. Whisper "
        "pads every window to 30 s and its encoder costs the same whatever was said; a shorter "
        "read costs less in proportion: 10 s, a quarter of the CPU, for 1.3 points of WER on "
        'the development dialogues (docs/benchmarks.md, "Encoder window"). 30: Whisper\'s own '
        "window. Files (`transcribe`) and the re-decodes with context always read 30 s.",
    )
    live_language_recheck_below: float = Field(
        default=0.6,
        ge=0.5,
        le=1.0,
        description="Live hub, sites with several languages: each utterance's language is "
        "detected on the short encoder window the decode reads (`live_encoder_window_s`) and, "
        "only when that guess's probability among the site's languages is below this, again on "
        "Whisper's whole 30 s window, whose guess is taken (one more encoder pass). 0.5: never; "
        "1.0: always. On the tuning data the whole window was no more often right than the "
        "short one; 0.6 re-reads the near coin-flips only, such as the bilingual replay's "
        "Spanish utterance that one machine's short window took for English "
        '(docs/benchmarks.md, "Bilingual listening").',
    )
    live_language_split_pause_ms: int = Field(
        default=300,
        ge=0,
        le=5000,
        description="Live hub, sites with several languages: an utterance with pauses at least "
        "this long (quick turns the endpointer heard as one, or a speaker switching language) "
        "has the language of each part between them detected (parts under 1 s join a "
        "neighbour; a guess below 0.8 is averaged with one on Whisper's whole window), and each "
        "run of parts in one language decoded in it on its own; its turns take the language of "
        "their part. One more encoder pass per part, two for an unsure one. Between espeak-ng's "
        "pause within a turn (~220 ms) and a turn taken after 0.4 s (~370 ms); synthetic "
        "dialogues with turns 0.4-1.0 s apart: 9 of 60 turns in the wrong language with 0, "
        'none with 300 (docs/benchmarks.md, "Quick turns"). 0: one language per utterance.',
    )
    live_word_timing: bool = Field(
        default=False,
        description="Live hub: time each word with Whisper's alignment, so an utterance with two "
        "speakers splits at the word. Off, it splits at Whisper's sentences; about 30 ms less "
        "per utterance (docs/benchmarks.md). Files (`transcribe`) always time words.",
    )
    live_context_words: int = Field(
        default=0,
        ge=0,
        le=200,
        description="Live hub: the re-decode of each utterance (see `live_lead_in_s`) reads the "
        "conversation's last this many words (every speaker) before it (its `initial_prompt`). "
        "Not on sites with several languages.",
    )
    live_lead_in_s: float = Field(
        default=25.0,
        ge=0.0,
        le=25.0,
        description="Live hub, off the coaching path: each utterance is coached on its own "
        "text, then re-decoded when speech to text is idle after the whole utterances already "
        "heard that start at most this many seconds before its end, with their words as the "
        "start of the text (Whisper writes only what follows: the encoder reads a 30 s window "
        "either way); the re-decoded text is what the turn event carries. 25 s was best on the "
        "tuning data (docs/benchmarks.md). 0 (and `live_context_words` 0): no re-decode. Not on "
        "sites with several languages.",
    )
    live_redecode_wait_s: float = Field(
        default=5.0,
        ge=0.0,
        le=60.0,
        description="Live hub: how long after an utterance's own text a turn event waits for "
        "its re-decode with context (`live_lead_in_s`) before it is sent with the text as first "
        "heard (a re-decode given up on is skipped). Prompts never wait for it.",
    )
    live_redecode_beam_size: int = Field(
        default=5,
        ge=1,
        le=10,
        description="Live hub: beam width of the re-decodes with context (`live_lead_in_s`, the "
        "stored text), off the coaching path (`beam_size` is the coached text's). 5: 13.2% -> "
        "10.8% WER on the tuning data for ~0.4 s more CPU per utterance in idle time "
        '(docs/benchmarks.md, "Live WER").',
    )
    live_redecode_model: Literal["same", "multilingual"] = Field(
        default="same",
        description="Live hub, English-only sites: the model of the re-decodes with context "
        "(`live_lead_in_s`, the stored text). `same`: a twin of the coached model (tiny.en). "
        "`multilingual`: Whisper base from the bundle (one thread), English forced, which also "
        "re-decodes a conversation's first utterance: 10.8% -> 9.3% stored WER on the tuning "
        "data, none better on the held-out recordings, for twice the CPU per re-decode (off "
        "the coaching path) and ~55 MB more peak memory, just over 700 MB live "
        '(docs/benchmarks.md, "Live WER"). '
        "Ignored on sites with several languages (no re-decodes) or when `model` is already "
        "multilingual.",
    )
    polish: bool = Field(
        default=True,
        description="Live hub, after a conversation ends (reason silence or left) and speech to "
        "text is idle: its utterances' audio (kept on the hub, in memory, `polish_max_s`) is "
        "transcribed again as a whole, as `showfloor-edge transcribe` does (Whisper's 30 s "
        "windows, each after the text of the one before), in the niced context thread, and each "
        "turn whose words changed is sent again redacted (`TurnRevised`). Not on sites with "
        "several languages. On the tuning data 50 -> 44 word errors of 462 (10.8% -> 9.5%) "
        'with `polish_beam_size` 5 (docs/benchmarks.md, "Polish after the customer leaves").',
    )
    polish_max_s: float = Field(
        default=1200.0,
        ge=30.0,
        le=7200.0,
        description="Live hub: the most speech (s, 16 kHz int16: 32 kB a second) of one "
        "conversation kept for `polish`; older utterances are dropped and their turns keep the "
        "text sent. The audio is forgotten when the conversation is polished or forgotten.",
    )
    polish_beam_size: int = Field(
        default=5,
        ge=1,
        le=10,
        description="Live hub: beam width of the `polish` decode (1: greedy, as `transcribe`). "
        "5: 44 word errors of 462 on the tuning data against 50 with 1.",
    )
    vocabulary: str = Field(
        default="",
        description="Comma-separated words the recogniser should expect, passed to Whisper as "
        "hotwords (e.g. `edge.settings.AUTOMOTIVE_VOCABULARY`). Empty by default: on the "
        "evaluation data they cost ~3x decode time and raised WER (docs/benchmarks.md).",
    )
    no_speech_threshold: float = Field(
        default=0.6, ge=0.0, le=1.0, description="Drop text when Whisper's no-speech prob is above."
    )
    max_compression_ratio: float = Field(
        default=2.4, gt=1.0, description="Drop text whose gzip ratio is above (repetition loop)."
    )

    @model_validator(mode="after")
    def _language_needs_multilingual(self) -> AsrSettings:
        for code in self.languages:
            if not re.fullmatch(r"[a-z]{2}", code):
                raise ValueError(f"asr.languages: {code!r} is no ISO 639-1 code (e.g. en, es)")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError(f"asr.languages lists a language twice: {list(self.languages)}")
        if self.bilingual:
            return self
        if self.model == "en" and self.language not in (None, "en"):
            raise ValueError(
                f"asr.language={self.language!r} needs asr.model='multilingual' "
                "(tiny.en speaks English only)"
            )
        if self.model == "en" and self.languages != ("en",):
            raise ValueError(
                f"asr.languages={list(self.languages)} needs asr.model='multilingual' "
                "(tiny.en speaks English only)"
            )
        return self

    @property
    def bilingual(self) -> bool:
        """More than one language on the site: detected per utterance."""
        return len(self.languages) > 1

    @property
    def needs_english_model(self) -> bool:
        """Whether tiny.en is loaded (alone, or beside base on a routing bilingual site)."""
        if self.bilingual:
            return self.routing == "english_model"
        return self.model == "en"

    @property
    def polishes(self) -> bool:
        """Whether ended conversations are transcribed again (`polish`; not on bilingual sites)."""
        return self.polish and not self.bilingual

    @property
    def needs_multilingual_model(self) -> bool:
        """Whether the multilingual base model is loaded."""
        return self.bilingual or self.model == "multilingual"

    @property
    def redecodes_on_multilingual(self) -> bool:
        """Whether the live re-decodes run on base (English forced) beside a tiny.en hub."""
        return (
            not self.bilingual
            and self.model == "en"
            and self.live_redecode_model == "multilingual"
            and (self.live_lead_in_s > 0 or self.live_context_words > 0)
        )

    @property
    def forced_language(self) -> str | None:
        """The language every utterance is transcribed in, or None when it is detected."""
        if self.bilingual:
            return None
        if self.model == "en":
            return "en"
        if self.language is not None:
            return self.language
        return None if self.languages == ("en",) else self.languages[0]


class EnrollmentSettings(_Section):
    """Staff voiceprints."""

    directory: Path = Field(
        default_factory=default_enrolled_dir,
        description="Directory of enrolled salespeople's voiceprints.",
    )
    min_speech_s: float = Field(
        default=4.0, ge=1.0, le=60.0, description="Least speech accepted to enroll, in s."
    )


class EdgeSettings(BaseSettings):
    """Everything the hub can be configured with."""

    model_config = SettingsConfigDict(
        env_prefix="SHOWFLOOR_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    models: ModelSettings = Field(default_factory=ModelSettings, description="Model bundle.")
    audio: AudioSettings = Field(default_factory=AudioSettings, description="Microphone.")
    vad: VadSettings = Field(default_factory=VadSettings, description="Voice activity.")
    diarization: DiarizationSettings = Field(
        default_factory=DiarizationSettings, description="Speakers."
    )
    asr: AsrSettings = Field(default_factory=AsrSettings, description="Speech to text.")
    enrollment: EnrollmentSettings = Field(
        default_factory=EnrollmentSettings, description="Staff voiceprints."
    )
    privacy: PrivacySettings = Field(
        default_factory=PrivacySettings, description="What leaves the hub: consent, redaction."
    )
    understanding: UnderstandingSettings = Field(
        default_factory=UnderstandingSettings, description="Sentiment, objections, signals."
    )
    coaching: CoachingSettings = Field(
        default_factory=CoachingSettings, description="Real-time coaching prompts."
    )
    presence: PresenceSettings = Field(
        default_factory=PresenceSettings, description="BLE presence: zones, badges, tags."
    )
    sync: SyncSettings = Field(
        default_factory=SyncSettings, description="Reporting to the cloud: MQTT and the outbox."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Init > credentials (`$CREDENTIALS_DIRECTORY`) > environment > YAML file."""
        sources: list[PydanticBaseSettingsSource] = [
            init_settings,
            CredentialsSource(settings_cls),
            env_settings,
        ]
        config_file = _CONFIG_FILE.get()
        if config_file is not None:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=config_file))
        return tuple(sources)


def load_settings(config_file: Path | None = None, **overrides: object) -> EdgeSettings:
    """Build the settings, turning every validation error into a `ConfigError` naming the key.

    Args:
        config_file: a YAML file; else `$SHOWFLOOR_CONFIG` if set.
        overrides: values from the command line (highest precedence).
    """
    if config_file is None and os.environ.get("SHOWFLOOR_CONFIG"):
        config_file = Path(os.environ["SHOWFLOOR_CONFIG"])
    if config_file is not None:
        _check_file(config_file)
    _check_environment()
    token = _CONFIG_FILE.set(config_file)
    try:
        return EdgeSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        raise ConfigError(_describe(err)) from err
    finally:
        _CONFIG_FILE.reset(token)


def _check_file(path: Path) -> None:
    """A readable YAML file holding a mapping (or nothing)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ConfigError(f"configuration file {path} not found") from err
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ConfigError(f"cannot read configuration file {path}: {err}") from err
    if data is not None and not isinstance(data, dict):
        raise ConfigError(
            f"configuration file {path} must hold a mapping of keys, not {type(data).__name__}"
        )


def _check_environment() -> None:
    """Refuse `SHOWFLOOR_*` variables that name no section (pydantic-settings ignores them)."""
    for name in os.environ:
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or upper in _NOT_SETTINGS:
            continue
        if upper.startswith(_CLOUD_PREFIX):
            continue  # the cloud's settings (`cloud/settings.py`), on a machine running both
        key = upper.removeprefix(ENV_PREFIX).split("__", 1)[0].lower()
        if key not in EdgeSettings.model_fields:
            raise ConfigError(f"unknown environment variable {name} (no configuration key {key!r})")


def _describe(err: ValidationError) -> str:
    problems = []
    for item in err.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        if item["type"] == "extra_forbidden":
            problems.append(f"unknown configuration key {key!r}")
        else:
            problems.append(f"{key}: {item['msg']}")
    return "; ".join(problems)
