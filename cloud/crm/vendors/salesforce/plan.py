"""Jobs -> Composite calls: what `push` sends and `preview` shows (one plan, so they agree).

Each Composite call holds at most 25 subrequests (`allOrNone: false`, so one bad record does
not sink the others) and counts as one API call:

- a person's `UpsertPerson` and `SetStep` jobs in one call merge into one upsert of the Lead
  (or Contact) by the external-id field carrying the Showfloor person id (the last step's
  Status wins, as if sent one by one); a person already known by Salesforce id (linked to a
  record found by search) is updated by that id instead, so we never make a second record;
- a `LogActivity` upserts a Task by the external-id field carrying the job's key, with
  `WhoId` = the person's id or `@{ref.id}` of the person's upsert in the same call;
- a `ForgetPerson` deletes every record id we created, and our Lead/Contact by external id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from cloud.crm import activity_text
from cloud.crm.model import (
    FollowupTask,
    ForgetPerson,
    JobResult,
    LogActivity,
    Person,
    Sent,
    SetStep,
    SyncJob,
    UpsertPerson,
)
from cloud.crm.vendors.salesforce.settings import Settings
from cloud.crm.vendors.salesforce.wire import (
    CompositeRequest,
    HttpMethod,
    PersonFields,
    Subrequest,
    TaskFields,
)

MAX_SUBREQUESTS = 25
#: Salesforce id prefixes of the objects we create.
PREFIXES = {"00Q": "Lead", "003": "Contact", "00T": "Task"}


@dataclass
class _Sub:
    method: HttpMethod
    url: str
    ref: str
    fields: dict[str, object] = field(default_factory=dict)
    task: TaskFields | None = None


@dataclass
class Plan:
    """The calls, and for every job the references its result depends on."""

    calls: list[CompositeRequest]
    refs: dict[int, list[str]] = field(default_factory=dict)
    #: The reference whose `id` is the job's remote id.
    primary: dict[int, str] = field(default_factory=dict)
    #: Jobs answered without a request (an unmapped step).
    done: dict[int, JobResult] = field(default_factory=dict)


class _Builder:
    def __init__(self, settings: Settings, jobs: list[SyncJob]) -> None:
        self.s = settings
        #: Activities and follow-up tasks still to place per person: a new upsert keeps a slot
        #: for its Task.
        self.pending = Counter(
            job.person.id
            for job in jobs
            if isinstance(job, LogActivity | FollowupTask) and job.person.remote_id is None
        )
        self.calls: list[list[_Sub]] = [[]]
        self.person_ref: dict[str, _Sub] = {}
        self.count = 0
        self.plan = Plan(calls=[])

    def room(self, needed: int) -> None:
        if len(self.calls[-1]) + needed > MAX_SUBREQUESTS:
            self.calls.append([])
            self.person_ref = {}

    def add(self, sub: _Sub) -> _Sub:
        self.room(1)
        self.calls[-1].append(sub)
        return sub

    def ref(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def sobjects(self, *parts: str) -> str:
        return f"{self.s.api_path}/sobjects/" + "/".join(quote(part, safe="") for part in parts)

    def person_object(self, person: Person) -> str:
        if person.remote_id is not None:
            return PREFIXES.get(person.remote_id[:3], self.s.record_object)
        return self.s.record_object

    def make_room(self, person: Person) -> None:
        """Room for the person's upsert, and for their Task when one follows in this batch."""
        if person.id not in self.person_ref:
            self.room(2 if self.pending[person.id] else 1)

    def person_sub(self, person: Person) -> _Sub:
        """The person's upsert in the current call (added when missing)."""
        existing = self.person_ref.get(person.id)
        if existing is not None:
            return existing
        obj = self.person_object(person)
        base: dict[str, object] = {
            "FirstName": person.first_name or None,
            "LastName": person.last_name,
            "Email": person.email,
            "Phone": person.phone,
        }
        if person.remote_id is not None:
            url = self.sobjects(obj, person.remote_id)
        else:
            url = self.sobjects(obj, self.s.external_id_field, person.id)
            if obj == "Lead":
                base["Company"] = self.s.company
        sub = self.add(_Sub("PATCH", url, self.ref("person"), base))
        self.person_ref[person.id] = sub
        return sub

    def job(self, index: int, job: SyncJob) -> None:
        if isinstance(job, UpsertPerson):
            self.make_room(job.person)
            sub = self.person_sub(job.person)
            if job.owner is not None and job.owner.crm_user_id:
                sub.fields["OwnerId"] = job.owner.crm_user_id
            self.plan.refs[index] = [sub.ref]
            self.plan.primary[index] = sub.ref
        elif isinstance(job, SetStep):
            self.step(index, job)
        elif isinstance(job, LogActivity):
            self.activity(index, job)
        elif isinstance(job, FollowupTask):
            self.followup(index, job)
        else:
            self.forget(index, job)

    def step(self, index: int, job: SetStep) -> None:
        status = self.s.step_statuses.get(job.step)
        if self.person_object(job.person) != "Lead":
            self.plan.done[index] = Sent(detail="not sent: a Contact has no Lead Status")
            return
        if status is None:
            self.plan.done[index] = Sent(detail=f"not sent: step {job.step} is not mapped")
            return
        self.make_room(job.person)
        sub = self.person_sub(job.person)
        sub.fields["Status"] = status
        self.plan.refs[index] = [sub.ref]
        self.plan.primary[index] = sub.ref

    def activity(self, index: int, job: LogActivity) -> None:
        activity = job.activity
        who, refs = self.who(job.person)
        owner = activity.owner.crm_user_id if activity.owner is not None else None
        task = TaskFields(
            Subject=activity_text.subject(activity),
            Status=self.s.task_status,
            WhoId=who,
            CallDurationInSeconds=round(activity.duration_s),
            Description=activity_text.description(activity),
            ActivityDate=activity.started_at.date().isoformat(),
            OwnerId=owner or None,
        )
        url = self.sobjects("Task", self.s.external_id_field, job.key)
        sub = self.add(_Sub("PATCH", url, self.ref("task"), task=task))
        self.plan.refs[index] = [*refs, sub.ref]
        self.plan.primary[index] = sub.ref

    def who(self, person: Person) -> tuple[str, list[str]]:
        """The WhoId of `person` (an id, or a reference to its upsert in this call)."""
        if person.remote_id is not None:
            self.room(1)
            return person.remote_id, []
        self.pending[person.id] -= 1
        self.room(1 if person.id in self.person_ref else 2)
        person_sub = self.person_sub(person)
        return f"@{{{person_sub.ref}.id}}", [person_sub.ref]

    def followup(self, index: int, job: FollowupTask) -> None:
        """An open Task due on the job's date, on the person, upserted by the draft's key."""
        who, refs = self.who(job.person)
        owner = job.owner.crm_user_id if job.owner is not None else None
        task = TaskFields(
            Subject=job.subject,
            Status=self.s.followup_status,
            WhoId=who,
            TaskSubtype=None,
            Description=job.body,
            ActivityDate=job.due.date().isoformat(),
            OwnerId=owner or None,
        )
        url = self.sobjects("Task", self.s.external_id_field, job.key)
        sub = self.add(_Sub("PATCH", url, self.ref("task"), task=task))
        self.plan.refs[index] = [*refs, sub.ref]
        self.plan.primary[index] = sub.ref

    def forget(self, index: int, job: ForgetPerson) -> None:
        self.person_ref.pop(job.person_id, None)
        refs = []
        for remote_id in job.remote_ids:
            obj = PREFIXES.get(remote_id[:3])
            if obj is not None:
                sub = self.add(_Sub("DELETE", self.sobjects(obj, remote_id), self.ref("del")))
                refs.append(sub.ref)
        url = self.sobjects(self.s.record_object, self.s.external_id_field, job.person_id)
        refs.append(self.add(_Sub("DELETE", url, self.ref("del"))).ref)
        self.plan.refs[index] = refs
        self.plan.primary[index] = refs[-1]


def _subrequest(sub: _Sub) -> Subrequest:
    body: PersonFields | TaskFields | None = sub.task
    if sub.method == "PATCH" and sub.task is None:
        body = PersonFields.model_validate(sub.fields)
    return Subrequest(method=sub.method, url=sub.url, referenceId=sub.ref, body=body)


def plan(settings: Settings, jobs: list[SyncJob]) -> Plan:
    """The Composite calls that carry `jobs`, in order."""
    builder = _Builder(settings, jobs)
    for index, job in enumerate(jobs):
        builder.job(index, job)
    builder.plan.calls = [
        CompositeRequest(compositeRequest=[_subrequest(sub) for sub in call])
        for call in builder.calls
        if call
    ]
    return builder.plan
