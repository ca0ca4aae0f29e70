"""What is synced to a CRM/DMS: typed jobs in, typed results out (the connector contract).

A job is one outbox row. Its `key` is the idempotency key all the way into the vendor: the id
of the event that caused it (a conversation's `conversation.ended` event id, a step's event id,
or the link's own id), so a retry after a crash between the vendor's 200 and our commit updates
the record it created instead of creating a second one.

Nothing here is sent for a conversation that is not linked to a person with recorded consent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from cloud.crm.wording import SummaryLanguage

Vendor = Literal["hubspot", "salesforce", "dynamics", "adf"]
VENDORS: tuple[Vendor, ...] = ("hubspot", "salesforce", "dynamics", "adf")

#: Showroom steps, in the order they happen; each vendor maps them to a lead status or stage.
Step = Literal["greeted", "test_drive", "negotiation", "left"]
STEPS: tuple[Step, ...] = ("greeted", "test_drive", "negotiation", "left")


class Model(BaseModel):
    """Base: frozen, unknown fields rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Consent(Model):
    """What the customer agreed to, recorded when a salesperson links them."""

    by_user: str = Field(description="E-mail of the Showfloor user who recorded it.")
    at: AwareDatetime
    scopes: tuple[Literal["crm", "email", "sms"], ...] = Field(
        description="What the customer agreed to: kept in the CRM, e-mailed, texted."
    )
    text: str = Field(description="The consent wording shown to the customer.")


class Person(Model):
    """The customer a conversation is linked to (only after consent)."""

    id: str = Field(description="Showfloor's id of the person (stable across conversations).")
    first_name: str = ""
    last_name: str = Field(min_length=1)
    email: str | None = None
    phone: str | None = Field(default=None, description="E.164 where known.")
    consent: Consent
    remote_id: str | None = Field(
        default=None, description="The vendor's id of the lead/contact, once created."
    )


class Vehicle(Model):
    """A vehicle of interest or a trade-in, as far as the conversation told it."""

    year: int | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None


class ObjectionSummary(Model):
    """An objection raised in the conversation and whether the salesperson handled it."""

    objection: str
    handled: bool


class Owner(Model):
    """The salesperson: name for the text, the CRM's user id where the settings map one."""

    name: str
    crm_user_id: str | None = None


class Activity(Model):
    """One conversation as an activity on the person (call, task or phonecall)."""

    conversation_id: str
    site_id: str
    owner: Owner | None = None
    started_at: AwareDatetime
    ended_at: AwareDatetime
    duration_s: float = Field(ge=0)
    objections: tuple[ObjectionSummary, ...] = ()
    signals: tuple[str, ...] = ()
    sentiment_start: float | None = None
    sentiment_end: float | None = None
    stage: str | None = None
    next_step: str | None = None
    vehicle: Vehicle | None = None
    trade_in: Vehicle | None = None
    summary: str = Field(description="The redacted summary, in the dealer's language.")
    language: SummaryLanguage = Field(
        default="en", description="The dealer's language: every text sent of this activity."
    )


class UpsertPerson(Model):
    """Create or update the lead/contact (always before any activity or step of theirs)."""

    kind: Literal["person"] = "person"
    key: str
    tenant_id: str
    site_id: str
    person: Person
    owner: Owner | None = None


class LogActivity(Model):
    """One activity per linked conversation (sent once it ended)."""

    kind: Literal["activity"] = "activity"
    key: str
    tenant_id: str
    site_id: str
    person: Person
    activity: Activity


class SetStep(Model):
    """A showroom step as it happens, as the vendor's lead status or stage."""

    kind: Literal["step"] = "step"
    key: str
    tenant_id: str
    site_id: str
    person: Person
    step: Step
    at: AwareDatetime
    conversation_id: str


class ForgetPerson(Model):
    """Delete or anonymise what Showfloor created in the vendor for a person."""

    kind: Literal["forget"] = "forget"
    key: str
    tenant_id: str
    site_id: str
    person_id: str
    email: str | None = None
    remote_ids: tuple[str, ...] = Field(
        default=(), description="Every vendor id we created for the person (lead, activities)."
    )


class FollowupTask(Model):
    """A reviewed follow-up draft, pushed to the CRM as an open task on the person.

    Its `key` is the draft's key (made when the page showed it): pushing it twice finds the
    task already created. ADF/DMS targets take no tasks (refused before it is enqueued).
    """

    kind: Literal["followup_task"] = "followup_task"
    key: str
    tenant_id: str
    site_id: str
    person: Person
    conversation_id: str
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=20000)
    due: AwareDatetime = Field(
        description="When it is due: 09:00 on the next business day in the site's time zone."
    )
    owner: Owner | None = None


SyncJob = Annotated[
    UpsertPerson | LogActivity | SetStep | ForgetPerson | FollowupTask,
    Field(discriminator="kind"),
]


class Sent(Model):
    """Done: the vendor's id of what was created or updated (None where there is none)."""

    outcome: Literal["sent"] = "sent"
    remote_id: str | None = None
    detail: str = ""


class Retry(Model):
    """Try again later (5xx, timeout, rate limit); `after_s` from the vendor where it said."""

    outcome: Literal["retry"] = "retry"
    reason: str
    after_s: float | None = Field(default=None, ge=0)


class Failed(Model):
    """Permanent: a bad field or a validation error; goes to the dead letter with the reason."""

    outcome: Literal["failed"] = "failed"
    reason: str


JobResult = Annotated[Sent | Retry | Failed, Field(discriminator="outcome")]


class Match(Model):
    """A person found by searching the CRM by e-mail or phone."""

    remote_id: str
    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    phone: str | None = None


class Check(Model):
    """What `test connection` found, one line a person can act on."""

    ok: bool
    detail: str = Field(
        description="E.g. 'bad client secret', 'missing scope crm.objects.contacts.write'."
    )


class PreviewRequest(Model):
    """One HTTP request (or, for ADF, the message) a sync would send, for `crm preview`."""

    method: str
    url: str
    body: object = None


class ForgetReport(Model):
    """What a forget did in one system, for the erasure report."""

    system: str
    action: Literal["deleted", "anonymised", "cannot_recall", "nothing_found", "failed"]
    detail: str = ""
    at: datetime
