"""Speakers as they leave the hub: staff as keyed pseudonyms, customers as `customer-N`.

The listening pipeline names an enrolled salesperson by the voiceprint's name (role
`salesperson`) and anyone else `customer_N` (role `customer`, numbered by the hub). On the wire
a salesperson is `contract.ids.staff_pseudonym(site_key, name)`, and the customers of one
conversation are `customer-1`, `customer-2`, ... in the order they first speak there, inside
a random conversation id, so no label carries over from one conversation to the next.
"""

from __future__ import annotations

from pydantic import SecretStr

from contract.ids import new_subject, staff_pseudonym
from contract.payloads import SpeakerRole
from edge.errors import ConfigError
from edge.privacy.settings import MIN_SITE_KEY_BYTES

#: Most customers numbered in one conversation (`customer-999`); more are `unknown`.
MAX_CUSTOMERS = 999


class ConversationSpeakers:
    """The wire speakers of one conversation."""

    def __init__(self, site_key: bytes, conversation_id: str) -> None:
        """Speakers of `conversation_id` (a `conv-...` subject)."""
        self.conversation_id = conversation_id
        self._site_key = site_key
        self._customers: dict[str, str] = {}

    def wire(self, label: str, role: str) -> tuple[SpeakerRole, str]:
        """(role, speaker) of a `Turn` for the pipeline's `label` and `role`.

        Args:
            label: an enrolled salesperson's name, or a local customer label (`customer_2`).
            role: `salesperson`, `customer`, or anything else (unknown).
        """
        if role == "salesperson" and label.strip():
            return "salesperson", staff_pseudonym(self._site_key, label)
        if role == "customer":
            if label not in self._customers:
                if len(self._customers) >= MAX_CUSTOMERS:
                    return "customer", "unknown"
                self._customers[label] = f"customer-{len(self._customers) + 1}"
            return "customer", self._customers[label]
        return "unknown", "unknown"


class SpeakerPseudonymizer:
    """Makes the speakers of each conversation anonymous; one per hub, keyed by the site key."""

    def __init__(self, site_key: SecretStr | None) -> None:
        """Check the site key (`privacy.site_key`); `ConfigError` when missing or too short."""
        if site_key is None:
            raise ConfigError(
                "privacy.site_key is not set: staff pseudonyms need the site's key "
                "(a systemd credential, shared with the cloud)"
            )
        key = site_key.get_secret_value().encode()
        if len(key) < MIN_SITE_KEY_BYTES:
            raise ConfigError(f"privacy.site_key must be at least {MIN_SITE_KEY_BYTES} bytes")
        self._site_key = key

    def staff(self, staff_id: str) -> str:
        """A staff member's pseudonym (for `ConversationStarted.staff`)."""
        return staff_pseudonym(self._site_key, staff_id)

    def conversation(self, conversation_id: str | None = None) -> ConversationSpeakers:
        """The speakers of a new conversation (a fresh random `conv-...` id unless given)."""
        return ConversationSpeakers(self._site_key, conversation_id or new_subject("conv"))
