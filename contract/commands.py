"""Commands the cloud sends a hub on `.../cmd/<name>`; each is acknowledged by a CommandResult."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from contract.ids import StaffPseudonym, SubjectId
from contract.payloads import Payload

CommandName = Literal["config_reload", "enrollment_sync", "forget_subject"]


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
