"""Whether a conversation's text may leave the hub, by the site's consent mode.

| mode          | without recorded consent        | with recorded consent |
|---------------|---------------------------------|-----------------------|
| `all_party`   | metrics only, text None         | redacted text         |
| `one_party`   | redacted text (`not_required`)  | redacted text         |
| `notice_only` | redacted text (`notice_given`)  | redacted text         |

Consent is recorded by `record_consent(conversation_id, source)`: the presence/daemon code
calls it for a badge button press or a kiosk tap, and `heard(...)` calls it when the
salesperson says one of the configured phrases ("thanks for agreeing to the recording").
"""

from __future__ import annotations

import logging
import re

from contract.payloads import ConsentState, SpeakerRole
from edge.errors import ConfigError
from edge.privacy.settings import ConsentSource, PrivacySettings

_LOGGER = logging.getLogger(__name__)
_NOT_WORD = re.compile(r"[^a-z0-9']+")


def _normalise(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


class ConsentPolicy:
    """The consent state of each open conversation, and what it lets leave the hub."""

    def __init__(self, settings: PrivacySettings) -> None:
        """Consent as configured for this site."""
        self.mode = settings.consent_mode
        self.sources = frozenset(settings.consent_sources)
        self._phrases = tuple(_normalise(p) for p in settings.voice_phrases)
        self._granted: dict[str, ConsentSource] = {}

    def record_consent(self, conversation_id: str, source: ConsentSource) -> bool:
        """Record that the customer of `conversation_id` consented, via `source`.

        Returns whether consent was recorded: False when `source` is not enabled for the site
        (logged; the conversation stays as it was). Raises `ConfigError` for an unknown source.
        """
        if source not in ("badge", "kiosk", "voice"):
            raise ConfigError(f"unknown consent source {source!r}: use badge, kiosk or voice")
        if source not in self.sources:
            _LOGGER.warning(
                "consent from %s ignored: not enabled in privacy.consent_sources", source
            )
            return False
        self._granted.setdefault(conversation_id, source)
        return True

    def heard(self, conversation_id: str, role: SpeakerRole, text: str) -> bool:
        """Check a turn for a consent phrase; only a salesperson's turn counts.

        Returns whether this turn recorded consent.
        """
        if role != "salesperson" or "voice" not in self.sources:
            return False
        said = f" {_normalise(text)} "
        if any(f" {phrase} " in said for phrase in self._phrases):
            return self.record_consent(conversation_id, "voice")
        return False

    def state(self, conversation_id: str) -> ConsentState:
        """The consent state a `ConversationStarted`/`ConversationEnded` event carries."""
        if conversation_id in self._granted:
            return "granted"
        if self.mode == "one_party":
            return "not_required"
        if self.mode == "notice_only":
            return "notice_given"
        return "not_recorded"

    def text_allowed(self, conversation_id: str) -> bool:
        """Whether turn text (redacted) may leave the hub for this conversation now."""
        return self.state(conversation_id) != "not_recorded"

    def forget(self, conversation_id: str) -> None:
        """Drop the conversation's consent state (it ended, or a forget-subject came)."""
        self._granted.pop(conversation_id, None)
