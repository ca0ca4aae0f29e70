"""The `data` of every event: one frozen pydantic model per kind, unknown fields dropped.

Nothing here may identify a customer: conversations and visits are random pseudonyms, staff
are keyed pseudonyms, transcript text is redacted on the hub before it is stored, and in
all-party-consent sites without recorded consent `text` is null (metrics only).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contract.ids import CustomerLabel, Slug, StaffPseudonym, SubjectId


class Payload(BaseModel):
    """Base of every payload: frozen; unknown fields are dropped, never kept or stored.

    Within a major version the contract grows by optional fields only (`CONTRACT_MINOR`), so a
    reader ignores fields newer than itself: during a rolling upgrade a hub still on 1.1 reads
    the `SiteReadings` of an upgraded neighbour (with its 1.2 `readings`) instead of refusing
    them, and a cloud upgraded after its hubs reads their turns. Dropped fields never reach a
    `model_dump`, so nothing unknown is stored or forwarded.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)


class Objection(StrEnum):
    """What a customer objects to (the taxonomy a sales manager recognises)."""

    PRICE = "price"
    MONTHLY_PAYMENT = "monthly_payment"
    FINANCING = "financing"
    TRADE_IN = "trade_in"
    THINK_IT_OVER = "think_it_over"
    COMPETITOR = "competitor"
    TIMING = "timing"
    VEHICLE_FIT = "vehicle_fit"
    TRUST = "trust"


class Signal(StrEnum):
    """A buying signal."""

    TEST_DRIVE = "test_drive"
    AVAILABILITY = "availability"
    PAYMENT_QUESTION = "payment_question"
    WHAT_WOULD_IT_TAKE = "what_would_it_take"
    DELIVERY = "delivery"


Label = Objection | Signal | Literal["other"]
SpeakerRole = Literal["salesperson", "customer", "unknown"]
ConsentState = Literal["granted", "not_recorded", "notice_given", "not_required"]
Stage = Literal["browsing", "evaluating", "negotiating", "closing"]


class HubPart(Payload):
    """One part of the hub and how it is doing."""

    name: Literal["audio", "presence", "understanding", "coaching", "publisher", "housekeeping"]
    ok: bool
    detail: str = Field(default="", description="What is wrong and what to do, when not ok.")


class HubStatus(Payload):
    """The hub's state; retained on `.../status`, `offline` is also the last will."""

    state: Literal["online", "degraded", "offline"]
    version: str = Field(description="showfloor version running on the hub.")
    models: dict[str, str] = Field(
        default_factory=dict, description="Model role -> artifact version of the bundle."
    )
    parts: list[HubPart] = Field(default_factory=list)
    outbox_depth: int = Field(
        default=0, ge=0, description="Events the cloud has not received yet (sent or not)."
    )
    outbox_dropped: int = Field(
        default=0, ge=0, description="Events dropped over the disk budget since install."
    )
    disk_full: bool = False
    uptime_s: float = Field(default=0.0, ge=0)


class Sentiment(Payload):
    """Sentiment of one customer turn: text (VADER + showroom lexicon) and voice cues."""

    score: float = Field(ge=-1.0, le=1.0)
    label: Literal["negative", "neutral", "positive"]
    arousal: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Heuristic stress/arousal from pitch, energy and rate (not an emotion model).",
    )


class LabelHit(Payload):
    """An objection or buying signal found in a turn."""

    label: Label
    confidence: float = Field(ge=0.0, le=1.0)


class ConversationStarted(Payload):
    """A salesperson and a customer began talking."""

    conversation_id: SubjectId
    staff: list[StaffPseudonym] = Field(default_factory=list)
    zone: str | None = None
    visit_id: SubjectId | None = Field(default=None, description="The presence visit, if known.")
    consent: ConsentState


class Turn(Payload):
    """One speaker turn; `text` is redacted, or null when consent forbids text."""

    conversation_id: SubjectId
    index: int = Field(ge=0)
    role: SpeakerRole
    speaker: StaffPseudonym | CustomerLabel | Literal["unknown"]
    start_s: float = Field(ge=0, description="Seconds since the conversation started.")
    end_s: float = Field(ge=0)
    text: str | None = None
    words: int = Field(default=0, ge=0)
    redactions: int = Field(default=0, ge=0, description="Spans replaced in `text`.")
    sentiment: Sentiment | None = None
    labels: list[LabelHit] = Field(default_factory=list)
    stage: Stage | None = None
    urgency: float | None = Field(
        default=None, ge=0.0, le=1.0, description="How soon the customer wants to buy (heuristic)."
    )
    language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2}$",
        description="ISO 639-1 code of the language the turn was spoken in (detected per "
        "utterance on bilingual sites). Added in contract 1.1; optional, so turns from older "
        "hubs (absent) still validate; null when unknown.",
    )


class TurnRevised(Payload):
    """A turn's text transcribed again after its conversation ended (added in contract 1.3).

    The hub polishes an ended conversation (`asr.polish`: its speech decoded as a whole) and
    sends one of these per turn whose words changed, after the conversation's `Turn` and
    `ConversationEnded` events. `text` is redacted like a turn's; none is sent when the turn had
    no text (consent). The highest `revision` of a turn wins, whatever the arrival order; a
    cloud before 1.3 does not know this event type and dead-letters it (upgrade the cloud
    first).
    """

    conversation_id: SubjectId
    index: int = Field(ge=0, description="The `Turn.index` revised.")
    revision: int = Field(ge=1, description="1 for the first revision; the highest wins.")
    text: str = Field(description="The turn's new text, redacted.")
    words: int = Field(default=0, ge=0)
    redactions: int = Field(default=0, ge=0, description="Spans replaced in `text`.")
    source: Literal["polish"] = Field(
        default="polish", description="What revised it: the whole-conversation decode."
    )


class ObjectionFollowUp(Payload):
    """An objection raised and whether the salesperson answered it."""

    objection: Objection
    turn_index: int = Field(ge=0)
    handled: bool = Field(description="The salesperson addressed it in the next turns.")


class ConversationMetrics(Payload):
    """The numbers a manager coaches with."""

    duration_s: float = Field(ge=0)
    talk_ratio: float | None = Field(
        default=None, ge=0, le=1, description="Salesperson share of speaking time."
    )
    longest_monologue_s: float = Field(default=0.0, ge=0)
    open_questions: int = Field(default=0, ge=0)
    interruptions: int = Field(default=0, ge=0)
    customer_words_per_minute: float | None = Field(default=None, ge=0)
    median_response_latency_s: float | None = Field(default=None, ge=0)
    objections: list[ObjectionFollowUp] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    sentiment_start: float | None = Field(default=None, ge=-1, le=1)
    sentiment_end: float | None = Field(default=None, ge=-1, le=1)
    stage: Stage | None = None


class ConversationEnded(Payload):
    """A conversation ended; `metrics` are final."""

    conversation_id: SubjectId
    reason: Literal["silence", "left", "shutdown", "forgotten"] = "silence"
    metrics: ConversationMetrics


class CoachingPrompt(Payload):
    """A prompt delivered to a salesperson."""

    prompt_id: str = Field(min_length=1, max_length=64)
    conversation_id: SubjectId | None = None
    staff: StaffPseudonym | None = None
    rule: str = Field(description="Playbook rule that fired.")
    kind: Literal["objection", "signal", "metric", "sentiment", "presence"]
    text: str
    sinks: list[str] = Field(default_factory=list, description="Sinks it reached (earpiece...).")
    trigger_turn: int | None = Field(default=None, ge=0)
    latency_s: float | None = Field(
        default=None, ge=0, description="End of the triggering utterance to the sink."
    )


class PromptOutcome(Payload):
    """Whether the salesperson followed a prompt in the next turns."""

    prompt_id: str = Field(min_length=1, max_length=64)
    conversation_id: SubjectId | None = None
    followed: bool


class ManagerAlert(Payload):
    """Something a manager should see now."""

    alert_id: str = Field(min_length=1, max_length=64)
    severity: Literal["info", "warning", "critical"]
    rule: str
    message: str
    conversation_id: SubjectId | None = None
    visit_id: SubjectId | None = None
    zone: str | None = None


class Presence(Payload):
    """A badge or customer tag in a zone.

    `engaged` links a visit to a conversation and the salesperson who engaged it;
    `greeted` carries the time to greet; `waiting` means no badge has come near.
    """

    action: Literal["enter", "exit", "dwell", "waiting", "greeted", "engaged"]
    zone: str
    staff: StaffPseudonym | None = None
    visit_id: SubjectId | None = None
    conversation_id: SubjectId | None = None
    dwell_s: float | None = Field(default=None, ge=0)
    waited_s: float | None = Field(default=None, ge=0)


class TrafficSummary(Payload):
    """Traffic in one zone over one interval; carries no identifiers at all."""

    zone: str
    interval_start: AwareDatetime
    interval_s: int = Field(gt=0)
    visitors: int = Field(ge=0, description="Customer tags seen.")
    devices: int = Field(ge=0, description="Anonymous devices (phones with random addresses).")
    staff_present: int = Field(ge=0)
    median_dwell_s: float | None = Field(default=None, ge=0)


class CommandResult(Payload):
    """The hub's acknowledgement of a command from the cloud."""

    command_id: str = Field(description="`id` of the command event acknowledged.")
    command: Literal["config_reload", "enrollment_sync", "forget_subject"]
    ok: bool
    detail: str = ""
    removed: int = Field(default=0, ge=0, description="Events/records removed (forget).")


#: A badge or tag between the hubs of a site: an HMAC of its beacon id with the site key.
BEACON_KEY_PATTERN = r"^beacon-[0-9a-f]{16}$"


#: Most raw readings of one beacon in one `SiteBeacon` (about 10 s of a beacon at 10 Hz).
SITE_READINGS_MAX = 100


class SiteRssi(Payload):
    """One raw reading of a beacon at the sending hub."""

    age_s: float = Field(ge=0.0, le=60.0, description="How long before `sent_at` it was heard, s.")
    rssi: int = Field(ge=-127, le=20, description="The RSSI as heard, dBm.")


class SiteBeacon(Payload):
    """One badge or customer tag as the sending hub hears it now."""

    key: str = Field(pattern=BEACON_KEY_PATTERN, description="Keyed pseudonym of the beacon.")
    kind: Literal["badge", "tag"]
    staff: StaffPseudonym | None = Field(default=None, description="Badges: who wears it.")
    rssi: float = Field(ge=-127.0, le=20.0, description="Smoothed RSSI at the sending hub, dBm.")
    readings: list[SiteRssi] = Field(
        default_factory=list,
        max_length=SITE_READINGS_MAX,
        description="The raw readings heard since the sending hub's last report, oldest first: "
        "a receiving hub smooths them as its own, so that it decides as one process hearing "
        "every hub would (added in contract 1.2; without them, `rssi` is what it has).",
    )
    visit_id: SubjectId | None = Field(
        default=None,
        description="Tags: the visit, sent only by the hub whose zone the tag is in (the one "
        "that emits its events); the other hubs take this id, so a visit is one visit.",
    )
    greeted: bool = Field(default=False, description="Tags: the visit has been greeted.")
    busy: bool = Field(
        default=False, description="Badges: in a conversation at the sending hub (not free)."
    )


class SiteReadings(Payload):
    """What one hub hears now, for the other hubs of its site (never sent to the cloud).

    Sent every `presence.tick_s` on `showfloor/site/v1/TENANT/SITE/HUB/readings`; every hub of
    the site merges the others' readings into its zone decisions.
    """

    hub: Slug = Field(description="The sending hub's id.")
    sent_at: AwareDatetime
    up_s: float = Field(
        default=0.0, ge=0.0, description="How long the sending hub has been deciding zones, s."
    )
    beacons: list[SiteBeacon] = Field(default_factory=list, max_length=1000)
