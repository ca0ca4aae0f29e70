"""The one place a conversation's words pass on their way out of the hub.

`PrivacyGate` joins the three privacy stages for the conversation assembler: a fresh random
conversation id and its consent state, wire speakers (keyed staff pseudonyms, `customer-N`),
and turn text that is redacted, or withheld while an all-party-consent site has no consent.
"""

from __future__ import annotations

import secrets

from pydantic import SecretStr

from contract.payloads import ConsentState, SpeakerRole
from edge.privacy.consent import ConsentPolicy
from edge.privacy.redact import Redactor
from edge.privacy.settings import PrivacySettings
from edge.privacy.speakers import ConversationSpeakers, SpeakerPseudonymizer


class PrivacyGate:
    """Privacy of one hub's conversations (one open at a time)."""

    def __init__(self, settings: PrivacySettings, site_key: SecretStr | None = None) -> None:
        """Use `settings.site_key`, or `site_key` when given; `ConfigError` without either."""
        self.consent = ConsentPolicy(settings)
        self._redact = Redactor(
            settings.redact,
            settings.phone_region,
            tagger=settings.tagger,
            tagger_threshold=settings.tagger_threshold,
            tagger_threshold_es=settings.tagger_threshold_es,
            vin_tails=settings.redact_vin_tails,
        )
        key = site_key or settings.site_key
        self._pseudonyms = SpeakerPseudonymizer(key)
        #: The site key (checked by the pseudonymizer): presence pseudonymizes badges with it.
        self.site_key = key.get_secret_value().encode() if key else b""
        self._speakers: ConversationSpeakers | None = None

    @classmethod
    def ephemeral(cls, settings: PrivacySettings) -> PrivacyGate:
        """A gate with a random key: for `replay`, whose pseudonyms need not match the cloud's."""
        return cls(settings, SecretStr(secrets.token_hex(32)))

    def open(self) -> str:
        """A new conversation; its random id."""
        self._speakers = self._pseudonyms.conversation()
        return self._speakers.conversation_id

    @property
    def _current(self) -> ConversationSpeakers:
        if self._speakers is None:
            raise RuntimeError("no conversation is open")
        return self._speakers

    def consent_state(self) -> ConsentState:
        """Consent of the open conversation."""
        return self.consent.state(self._current.conversation_id)

    def staff(self, name: str) -> str:
        """A salesperson's pseudonym."""
        return self._pseudonyms.staff(name)

    def speaker(self, label: str, role: str) -> tuple[SpeakerRole, str]:
        """(role, speaker) on the wire for the pipeline's speaker label and role."""
        return self._current.wire(label, role)

    def text(self, role: SpeakerRole, raw: str) -> tuple[str | None, int]:
        """(text that may leave, spans redacted): a consent phrase counts from this turn on."""
        conversation_id = self._current.conversation_id
        self.consent.heard(conversation_id, role, raw)
        if not self.consent.text_allowed(conversation_id):
            return None, 0
        redacted = self._redact(raw)
        return redacted.text, redacted.count

    def redact(self, raw: str) -> tuple[str, int]:
        """(text that may leave, spans redacted) of a turn whose text was allowed when heard.

        For a turn's text revised after its conversation ended (`asr.polish`): the same
        redaction as `text`; consent was decided on the text first heard.
        """
        redacted = self._redact(raw)
        return redacted.text, redacted.count

    def close(self) -> None:
        """The conversation ended (or was forgotten): drop its state."""
        if self._speakers is not None:
            self.consent.forget(self._speakers.conversation_id)
        self._speakers = None
