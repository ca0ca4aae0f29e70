"""The fake's state: a HubSpot portal's contacts, calls, tasks, deals, limits, clock, log.

Everything a test or the bench checks lives here: the objects (so duplicates and losses can be
counted), every request received (method, path, body, status), and counters.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

#: Scopes a token needs (see docs/crm.md).
READ = "crm.objects.contacts.read"
WRITE = "crm.objects.contacts.write"
SCHEMAS = "crm.schemas.contacts.read"
DEALS_READ = "crm.objects.deals.read"
ALL_SCOPES = frozenset({READ, WRITE, SCHEMAS, DEALS_READ})
#: The default sales pipeline's stage ids (`dealstage`).
DEAL_STAGES = (
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
    "closedwon",
    "closedlost",
)

LEAD_STATUS = (
    "NEW",
    "OPEN",
    "IN_PROGRESS",
    "OPEN_DEAL",
    "UNQUALIFIED",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
    "BAD_TIMING",
)
#: Property name -> allowed options (None: any string), per object type.
PROPERTIES: dict[str, dict[str, tuple[str, ...] | None]] = {
    "contacts": {
        "email": None,
        "firstname": None,
        "lastname": None,
        "phone": None,
        "mobilephone": None,
        "hubspot_owner_id": None,
        "hs_lead_status": LEAD_STATUS,
        "lifecyclestage": (
            "subscriber",
            "lead",
            "marketingqualifiedlead",
            "salesqualifiedlead",
            "opportunity",
            "customer",
            "evangelist",
            "other",
        ),
        "showfloor_person_id": None,
    },
    "calls": {
        "hs_timestamp": None,
        "hs_call_title": None,
        "hs_call_body": None,
        "hs_call_duration": None,
        "hs_call_direction": ("INBOUND", "OUTBOUND"),
        "hs_call_status": (
            "BUSY",
            "CALLING_CRM_USER",
            "CANCELED",
            "COMPLETED",
            "CONNECTING",
            "FAILED",
            "IN_PROGRESS",
            "NO_ANSWER",
            "QUEUED",
            "RINGING",
        ),
        "hubspot_owner_id": None,
        "showfloor_event_id": None,
        "showfloor_person_id": None,
    },
    # https://developers.hubspot.com/docs/api/crm/tasks: hs_timestamp (the due date) required
    "tasks": {
        "hs_timestamp": None,
        "hs_task_subject": None,
        "hs_task_body": None,
        "hs_task_status": ("NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"),
        "hs_task_priority": ("LOW", "MEDIUM", "HIGH"),
        "hs_task_type": ("CALL", "EMAIL", "TODO"),
        "hubspot_owner_id": None,
        "showfloor_event_id": None,
        "showfloor_person_id": None,
    },
    "deals": {
        "dealname": None,
        "dealstage": DEAL_STAGES,
        "pipeline": None,
        "amount": None,
        "closedate": None,
        "hs_lastmodifieddate": None,
    },
}


class FakeClock:
    """Wall-clock seconds, optionally running `speed` times faster (for the bench)."""

    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        self.speed = speed
        self._start = time.time() if start is None else start
        self._mono = time.monotonic()

    def now(self) -> float:
        """The fake's current epoch time."""
        return self._start + (time.monotonic() - self._mono) * self.speed


@dataclass
class Faults:
    """Fault injection, each a probability per write/search request."""

    error_rate: float = 0.0
    """A 5xx before anything is done."""
    lost_answer_rate: float = 0.0
    """The request is applied, then answered with a 502 (the client never learns the ids)."""
    timeout_rate: float = 0.0
    """The request is applied, then the answer is held for `timeout_s`."""
    timeout_s: float = 1.0
    paths: tuple[str, ...] = ()
    """Only requests whose path ends with one of these (empty: every write or read by body)."""
    seed: int = 0

    def hits(self, path: str) -> bool:
        """Whether faults apply to `path`."""
        return not self.paths or path.endswith(self.paths)


@dataclass
class Config:
    """The portal's tokens, limits and properties."""

    tokens: dict[str, frozenset[str]] = field(default_factory=lambda: {"test-token": ALL_SCOPES})
    per_window: int = 190
    window_s: float = 10.0
    search_per_window: int = 4
    search_window_s: float = 1.0
    daily_limit: int = 650_000
    owners: frozenset[str] = frozenset({"101", "102", "103"})
    unique: dict[str, frozenset[str]] = field(
        default_factory=lambda: {"contacts": frozenset({"email"}), "calls": frozenset()}
    )
    """Properties that must be unique per object type (a create with a taken value: 409)."""
    association_page: int = 500
    """Associations answered per object before `paging.next` (HubSpot: up to 500)."""
    search_lag_s: float = 0.0
    """Seconds (fake clock) before a created or updated object shows in search (HubSpot's
    search index lags its writes)."""
    properties: dict[str, dict[str, tuple[str, ...] | None]] = field(
        default_factory=lambda: {kind: dict(props) for kind, props in PROPERTIES.items()}
    )
    faults: Faults = field(default_factory=Faults)


@dataclass
class Record:
    """One object in the portal."""

    id: str
    kind: str
    properties: dict[str, str]
    associations: list[tuple[str, int]] = field(default_factory=list)
    created_at: float = 0.0
    updated_at: float = 0.0


@dataclass(frozen=True)
class Received:
    """One request the fake received, as it came, and the status it answered."""

    method: str
    path: str
    query: str
    body: object
    status: int


class Portal:
    """The objects and counters; the app mutates it from the server thread."""

    def __init__(self, config: Config | None = None, clock: FakeClock | None = None) -> None:
        self.config = config or Config()
        self.clock = clock or FakeClock()
        self.lock = threading.Lock()
        self.objects: dict[str, dict[str, Record]] = {
            "contacts": {},
            "calls": {},
            "tasks": {},
            "deals": {},
        }
        self.gdpr_deleted: list[str] = []
        self.requests: list[Received] = []
        self.counts: Counter[str] = Counter()
        self._next_id = 1000
        self._emails: dict[str, str] = {}
        self._of: dict[tuple[str, str], dict[str, None]] = {}
        self._window: tuple[int, int] = (0, 0)
        self._search_window: tuple[int, int] = (0, 0)
        self._day: tuple[int, int] = (0, 0)

    def new_id(self) -> str:
        """The next object id (numeric, as HubSpot's)."""
        self._next_id += 1
        return str(self._next_id)

    def by_email(self, email: str) -> Record | None:
        """The contact whose e-mail is `email` (case-insensitive)."""
        found = self.objects["contacts"].get(self._emails.get(email.lower(), ""))
        if found is None or found.properties.get("email", "").lower() != email.lower():
            return None
        return found

    def add(self, record: Record) -> None:
        """Store a new object (and index its e-mail or its contacts)."""
        self.objects[record.kind][record.id] = record
        self._index(record)

    def update(self, record: Record, props: dict[str, str]) -> None:
        """Change properties of a stored object."""
        record.properties.update(props)
        self._index(record)

    def remove(self, kind: str, object_id: str) -> Record | None:
        """Delete an object for good (archive, gdpr-delete); the record, if there was one."""
        record = self.objects[kind].pop(object_id, None)
        if record is not None and kind in ("calls", "tasks"):
            for contact_id, _ in record.associations:
                self._of.get((kind, contact_id), {}).pop(object_id, None)
        return record

    def calls_of(self, contact_id: str) -> list[Record]:
        """The calls associated with a contact, oldest first."""
        return self.associated("calls", contact_id)

    def associated(self, kind: str, contact_id: str) -> list[Record]:
        """The calls or tasks associated with a contact, oldest first."""
        return [self.objects[kind][i] for i in self._of.get((kind, contact_id), {})]

    def _index(self, record: Record) -> None:
        if record.kind == "contacts" and "email" in record.properties:
            self._emails[record.properties["email"].lower()] = record.id
        for contact_id, _ in record.associations if record.kind in ("calls", "tasks") else ():
            self._of.setdefault((record.kind, contact_id), {})[record.id] = None

    def take(self, *, search: bool) -> tuple[str | None, dict[str, str]]:
        """Count a request: the 429 policy it breaks (None: allowed) and the limit headers."""
        now = self.clock.now()
        config = self.config
        day = int(now // 86400)
        if self._day[0] != day:
            self._day = (day, 0)
        window = int(now // config.window_s)
        if self._window[0] != window:
            self._window = (window, 0)
        search_window = int(now // config.search_window_s)
        if self._search_window[0] != search_window:
            self._search_window = (search_window, 0)
        policy = None
        if self._day[1] >= config.daily_limit:
            policy = "DAILY"
        elif self._window[1] >= config.per_window or (
            search and self._search_window[1] >= config.search_per_window
        ):
            policy = "SECONDLY"
        if policy is None:
            self._day = (day, self._day[1] + 1)
            self._window = (window, self._window[1] + 1)
            if search:
                self._search_window = (search_window, self._search_window[1] + 1)
        headers = {
            "X-HubSpot-RateLimit-Daily": str(config.daily_limit),
            "X-HubSpot-RateLimit-Daily-Remaining": str(max(0, config.daily_limit - self._day[1])),
            "X-HubSpot-RateLimit-Interval-Milliseconds": str(round(config.window_s * 1000)),
            "X-HubSpot-RateLimit-Max": str(config.per_window),
            "X-HubSpot-RateLimit-Remaining": str(max(0, config.per_window - self._window[1])),
        }
        return policy, headers

    def live(self, kind: str) -> list[Record]:
        """Every object of `kind`, oldest first."""
        return list(self.objects[kind].values())
