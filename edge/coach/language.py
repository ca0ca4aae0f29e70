"""The language a salesperson hears prompts in, whatever language the customer speaks.

Each salesperson chooses theirs (`coaching.prompt_language`, by enrolled name or pseudonym). A
conversation's prompts go to its salesperson: the last enrolled salesperson heard in it. Before
one has spoken, and for salespeople not listed, the site's default language applies.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from contract.payloads import Turn
from edge.coach.playbook import FALLBACK_LANGUAGE

_CONVERSATIONS_KEPT = 32
#: The built-in prompt of a customer waiting, by language (English for any other).
WAITING_TEXT = {
    "en": "A customer is waiting at {zone}.",
    "es": "Un cliente espera en {zone}.",
}


class PromptLanguages:
    """Salesperson -> prompt language, and each conversation's salesperson."""

    def __init__(
        self,
        default: str = FALLBACK_LANGUAGE,
        staff: Mapping[str, str] | None = None,
        pseudonym: Callable[[str], str] | None = None,
    ) -> None:
        """Languages by staff pseudonym (names are turned into pseudonyms with `pseudonym`)."""
        chosen = dict(staff or {})
        self._default = default
        self._by_staff = chosen | (
            {pseudonym(name): code for name, code in chosen.items()} if pseudonym else {}
        )
        self._salesperson: dict[str, str] = {}

    def heard(self, turn: Turn) -> None:
        """Note who the salesperson of `turn`'s conversation is (enrolled speakers only)."""
        if turn.role == "salesperson" and turn.speaker != "unknown":
            self._salesperson.pop(turn.conversation_id, None)
            self._salesperson[turn.conversation_id] = turn.speaker
            while len(self._salesperson) > _CONVERSATIONS_KEPT:  # one microphone: a few at most
                del self._salesperson[next(iter(self._salesperson))]

    def of_staff(self, staff: str | None) -> str:
        """The prompt language of a salesperson (by pseudonym); the default if unknown."""
        return self._by_staff.get(staff, self._default) if staff else self._default

    def of_conversation(self, conversation_id: str | None) -> str:
        """The prompt language of the conversation's salesperson."""
        if conversation_id is None:
            return self._default
        return self.of_staff(self._salesperson.get(conversation_id))

    def forget(self, conversation_id: str) -> None:
        """Drop what is known of a conversation."""
        self._salesperson.pop(conversation_id, None)


def waiting_text(zone: str, language: str) -> str:
    """The prompt of a customer waiting at `zone`, in `language` (or English)."""
    return WAITING_TEXT.get(language, WAITING_TEXT[FALLBACK_LANGUAGE]).format(zone=zone)
