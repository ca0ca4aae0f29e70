"""Whether a conversation's text may leave the hub, by the site's consent mode.

| mode          | without recorded consent        | with recorded consent |
|---------------|---------------------------------|-----------------------|
| `all_party`   | metrics only, text None         | redacted text         |
| `one_party`   | redacted text (`not_required`)  | redacted text         |
| `notice_only` | redacted text (`notice_given`)  | redacted text         |

Consent is recorded by `record_consent(conversation_id, source)`: the presence/daemon code
calls it for a badge button press or a kiosk tap, and `heard(...)` calls it when the
salesperson says one of the configured phrases ("thanks for agreeing to the recording",
"gracias por aceptar la grabación"). In Spanish the salesperson may also ask ("¿le molesta si
grabo?") and the customer's next turn answer: an assent ("sí, está bien", "claro, adelante")
records consent. A refusal from the customer at any time ("no quiero que me graben", "prefiero
que no", "I don't want to be recorded") withdraws it: the conversation is `not_recorded` and no
text leaves the hub, whatever the site's mode.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from contract.payloads import ConsentState, SpeakerRole
from edge.errors import ConfigError
from edge.privacy.settings import ConsentSource, PrivacySettings

_LOGGER = logging.getLogger(__name__)
_NOT_WORD = re.compile(r"[^a-z0-9']+")
#: A salesperson asking to record (normalised text).
_ASK = re.compile(
    r"\b(?:le|te) (?:molesta|importa) (?:si|que) (?:grabo|grabamos|grabe)\b|"
    r"\b(?:puedo|podemos) grabar\b|\bde acuerdo (?:con )?(?:que|en que) grab|"
    r"\bmind if (?:i|we) record\b|\b(?:ok|okay) if (?:i|we) record\b"
)
#: A customer's answer that assents to an ask (the start of the turn).
_ASSENT = re.compile(
    r"^(?:si|claro|esta bien|de acuerdo|adelante|no hay problema|no me (?:molesta|importa)|"
    r"por supuesto|yes|sure|go ahead|no problem|i don't mind)\b"
)
#: A customer refusing to be recorded, anywhere in a turn.
_REFUSAL = re.compile(
    r"\bno (?:quiero|queremos) que (?:me|nos) (?:graben|grabe|grabes)\b|"
    r"\bno (?:me|nos) (?:grabe|graben|grabes)\b|\bprefiero que no\b|\bsin grabar\b|"
    r"\b(?:don't|do not) (?:want to be )?record(?:ed)?\b|\bplease don't record\b"
)


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


class ConsentPolicy:
    """The consent state of each open conversation, and what it lets leave the hub."""

    def __init__(self, settings: PrivacySettings) -> None:
        """Consent as configured for this site."""
        self.mode = settings.consent_mode
        self.sources = frozenset(settings.consent_sources)
        self._phrases = tuple(_normalise(p) for p in settings.voice_phrases)
        self._granted: dict[str, ConsentSource] = {}
        self._asked: set[str] = set()
        self._refused: set[str] = set()

    def record_consent(self, conversation_id: str, source: ConsentSource) -> bool:
        """Record that the customer of `conversation_id` consented, via `source`.

        Returns whether consent was recorded: False when `source` is not enabled for the site
        (logged; the conversation stays as it was). Raises `ConfigError` for an unknown source.
        """
        if source not in ("badge", "kiosk", "voice"):
            raise ConfigError(f"unknown consent source {source!r}: use badge, kiosk or voice")
        if conversation_id in self._refused:
            _LOGGER.warning("consent from %s ignored: the customer refused recording", source)
            return False
        if source not in self.sources:
            _LOGGER.warning(
                "consent from %s ignored: not enabled in privacy.consent_sources", source
            )
            return False
        self._granted.setdefault(conversation_id, source)
        return True

    def heard(self, conversation_id: str, role: SpeakerRole, text: str) -> bool:
        """Check a turn for consent: a salesperson's phrase, or an ask and the answer to it.

        A customer's refusal withdraws consent (and is not undone by a later phrase).
        Returns whether this turn recorded consent.
        """
        said = _normalise(text)
        if role == "customer" and _REFUSAL.search(said):
            _LOGGER.info("the customer refused recording: no text leaves the hub")
            self._refused.add(conversation_id)
            self._granted.pop(conversation_id, None)
            return False
        if "voice" not in self.sources:
            return False
        if role == "customer":
            if conversation_id in self._asked:
                self._asked.discard(conversation_id)
                if _ASSENT.search(said):
                    return self.record_consent(conversation_id, "voice")
            return False
        if role != "salesperson":
            return False
        if _ASK.search(said):
            self._asked.add(conversation_id)
        padded = f" {said} "
        if any(f" {phrase} " in padded for phrase in self._phrases):
            return self.record_consent(conversation_id, "voice")
        return False

    def state(self, conversation_id: str) -> ConsentState:
        """The consent state a `ConversationStarted`/`ConversationEnded` event carries."""
        if conversation_id in self._refused:
            return "not_recorded"
        if conversation_id in self._granted:
            return "granted"
        if self.mode == "one_party":
            return "not_required"
        if self.mode == "notice_only":
            return "notice_given"
        return "not_recorded"

    def text_allowed(self, conversation_id: str) -> bool:
        """Whether turn text (redacted) may leave the hub for this conversation now."""
        if conversation_id in self._refused:
            return False
        return self.state(conversation_id) != "not_recorded"

    def forget(self, conversation_id: str) -> None:
        """Drop the conversation's consent state (it ended, or a forget-subject came)."""
        self._granted.pop(conversation_id, None)
        self._asked.discard(conversation_id)
        self._refused.discard(conversation_id)
