"""Commands the cloud sends a hub on `.../cmd/<name>`; each is acknowledged by a CommandResult.

`receipt` is the exception: the cloud's word that it has committed events, the end of their
delivery. A hub keeps every event until a receipt names it, and never acknowledges a receipt
(an unreceipted event is simply sent again, and ingest deduplicates it by id).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from contract.ids import StaffPseudonym, SubjectId
from contract.payloads import Payload

CommandName = Literal["config_reload", "enrollment_sync", "forget_subject", "receipt"]
#: Most event ids one receipt carries (a batch of ingest spans several messages beyond it).
MAX_RECEIPT_IDS = 1000


class ConfigReload(Payload):
    """Re-read the configuration file and apply what can change without a restart."""


class EnrollmentSync(Payload):
    """The staff the site has now; the hub deletes voiceprints and badges of anyone else."""

    active: list[StaffPseudonym] = Field(default_factory=list)
    removed: list[StaffPseudonym] = Field(default_factory=list)


class ForgetSubject(Payload):
    """Erase a conversation or visit (GDPR/CCPA): outbox events and local state."""

    subject: SubjectId
    request_id: str = Field(min_length=1, max_length=64, description="The cloud's audit id.")


class Receipt(Payload):
    """Events the cloud has committed (stored, already stored, dead-lettered or forgotten).

    The hub may delete them: nothing it sends again about them would change the cloud.
    """

    ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=1, max_length=MAX_RECEIPT_IDS, description="CloudEvents ids of the events."
    )
