"""The `privacy` section of the hub's settings: consent, redaction, the site key."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from edge.privacy import tagger as _tagger

ConsentMode = Literal["all_party", "one_party", "notice_only"]
ConsentSource = Literal["badge", "kiosk", "voice"]
KindName = Literal[
    "email", "phone", "card", "account", "ssn", "license", "dob", "address", "name", "vin", "plate"
]

#: Least length of the site key, in bytes (what `contract.ids.staff_pseudonym` requires).
MIN_SITE_KEY_BYTES = 16

DEFAULT_PHRASES = (
    "thanks for agreeing to the recording",
    "thank you for agreeing to the recording",
    "thanks for letting me record",
    "thanks for agreeing to be recorded",
    "thank you for agreeing to be recorded",
    "thanks for your consent to record",
    "gracias por aceptar la grabación",
    "gracias por dejarme grabar",
    "gracias por permitir la grabación",
    "gracias por aceptar que grabemos",
)


class PrivacySettings(BaseModel):
    """What leaves the hub: consent mode, how consent is recorded, redaction, pseudonyms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    consent_mode: ConsentMode = Field(
        default="all_party",
        description="The site's law: all_party (text leaves only after recorded consent), "
        "one_party (the salesperson's consent suffices), notice_only (a posted notice suffices).",
    )
    consent_sources: tuple[ConsentSource, ...] = Field(
        default=("badge", "kiosk", "voice"),
        description="How a customer's consent may be recorded on the floor: a badge button, "
        "a kiosk, or a phrase the salesperson says.",
    )
    voice_phrases: tuple[str, ...] = Field(
        default=DEFAULT_PHRASES,
        description="Phrases that, said by the salesperson, record the customer's consent "
        "(matched case- and punctuation-insensitively).",
    )
    redact: tuple[KindName, ...] = Field(
        default=get_args(KindName),
        description="Kinds of personal data replaced in transcript text before it is stored.",
    )
    phone_region: str = Field(
        default="US",
        pattern=r"^[A-Z]{2}$",
        description="Country (ISO 3166 alpha-2) whose national phone formats are expected.",
    )
    tagger: bool = Field(
        default=_tagger.ENABLED,
        description="Whether a learned sequence tagger (a CRF over the words, "
        "edge/privacy/data/tagger.crfsuite) adds the details it finds to the rules' "
        "(names without a cue, lower-case names, addresses without a street type).",
    )
    tagger_threshold: float = Field(
        default=_tagger.THRESHOLD,
        gt=0.0,
        le=1.0,
        description="The tagger's least marginal probability that a word of a line that is "
        "not Spanish is part of a personal detail for the word to be redacted; higher removes "
        "less and over-redacts less.",
    )
    tagger_threshold_es: float = Field(
        default=_tagger.THRESHOLD_ES,
        gt=0.0,
        le=1.0,
        description="The same for a line in Spanish (told by its function words).",
    )
    redact_vin_tails: bool = Field(
        default=False,
        description="Whether a VIN's last six to eight characters said alone (\"the VIN ends "
        'in 209341") are removed as well as whole VINs. Off by default: a tail names a car in '
        "the dealer's or the maker's records, not a person, and staff need it to find the car; "
        "turn on where the site's counsel treats it as personal data.",
    )
    site_key: SecretStr | None = Field(
        default=None,
        description="Per-site key for staff pseudonyms (HMAC), at least 16 bytes; shared with "
        "the cloud; give it as a systemd credential, never in the YAML file.",
    )

    @field_validator("site_key")
    @classmethod
    def _key_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().encode()) < MIN_SITE_KEY_BYTES:
            raise ValueError(
                f"privacy.site_key must be at least {MIN_SITE_KEY_BYTES} bytes "
                f"(got {len(value.get_secret_value().encode())})"
            )
        return value

    @field_validator("voice_phrases")
    @classmethod
    def _phrases_not_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(len(phrase.split()) < 3 for phrase in value):
            raise ValueError(
                "each voice phrase needs at least 3 words (so it is not said by chance)"
            )
        return value
