"""Jobs -> Web API requests: what `push` sends and `preview` shows (one plan, so they agree).

- a person's `UpsertPerson` and `SetStep` jobs in one push merge into one upsert of the lead by
  its alternate key (`PATCH /leads(new_showfloorpersonid='<person id>')`, the last step's
  statuscode wins, as if sent one by one); a person linked to a record found by search
  (`remote_id` = `leads(<guid>)` or `contacts(<guid>)`) is updated by id with `If-Match: *`,
  so we never create a second record for them;
- a `LogActivity` upserts a phonecall by its alternate key (the job's key), regarding the lead
  and with activity parties, lookups bound with `@odata.bind` (by alternate key where we made
  the lead, so no id has to be known);
- a `ForgetPerson` deletes the activities and the lead we created (activities first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cloud.crm import activity_text
from cloud.crm.model import (
    FollowupTask,
    ForgetPerson,
    JobResult,
    LogActivity,
    Owner,
    Person,
    Sent,
    SetStep,
    SyncJob,
    UpsertPerson,
)
from cloud.crm.vendors.dynamics.settings import Settings
from cloud.crm.vendors.dynamics.wire import ContactBody, LeadBody, Party, PhonecallBody, TaskBody

#: A record id as we keep it: the entity set and the GUID (`leads(<guid>)`).
RECORD = re.compile(r"^(leads|contacts|phonecalls|tasks)\(([0-9a-fA-F-]{36})\)$")
_GUID = re.compile(r"^[0-9a-fA-F-]{36}$")


@dataclass
class Request:
    """One Web API request, and the jobs whose result it decides."""

    method: str
    path: str
    body: LeadBody | ContactBody | PhonecallBody | TaskBody | None = None
    headers: dict[str, str] = field(default_factory=dict)
    jobs: list[int] = field(default_factory=list)
    #: The record (`leads(...)`) whose id the answer carries, for `Sent.remote_id`.
    entity_set: str = ""
    #: The Showfloor person it is about: one person's requests go in order, others in parallel.
    person: str = ""

    def dump(self) -> dict[str, object] | None:
        """The JSON body (lookups as `...@odata.bind`)."""
        if self.body is None:
            return None
        return self.body.model_dump(mode="json", by_alias=True, exclude_none=True)


@dataclass
class Plan:
    """The requests in order; jobs answered without one."""

    requests: list[Request]
    done: dict[int, JobResult] = field(default_factory=dict)


def _quote(value: str) -> str:
    return value.replace("'", "''")


def _user(owner: Owner | None) -> str | None:
    user = owner.crm_user_id if owner is not None else None
    return f"/systemusers({user})" if user and _GUID.match(user) else None


def _when(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


class _Builder:
    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.plan = Plan(requests=[])
        self.person: dict[str, Request] = {}

    def target(self, person: Person) -> tuple[str, str]:
        """(entity set, path) of the person's record: ours by alternate key, or theirs by id."""
        found = RECORD.match(person.remote_id or "")
        if found is not None and found[1] in {"leads", "contacts"}:
            return found[1], f"/{found[1]}({found[2]})"
        return "leads", f"/leads({self.s.lead_key}='{_quote(person.id)}')"

    def person_request(self, person: Person, index: int) -> Request:
        existing = self.person.get(person.id)
        if existing is not None:
            existing.jobs.append(index)
            return existing
        entity_set, path = self.target(person)
        names = {
            "firstname": person.first_name or None,
            "lastname": person.last_name,
            "emailaddress1": person.email,
            "telephone1": person.phone,
        }
        headers = {"Prefer": "return=representation"}
        body: LeadBody | ContactBody
        if entity_set == "contacts":
            body = ContactBody.model_validate(names)
        elif person.remote_id is None:
            body = LeadBody.model_validate(
                {**names, "subject": self.s.lead_subject, "companyname": self.s.company}
            )
        else:
            body = LeadBody.model_validate(names)
        if person.remote_id is not None:
            headers["If-Match"] = "*"  # update only: never create a second record
        select = "leadid" if entity_set == "leads" else "contactid"
        request = Request(
            "PATCH", f"{path}?$select={select}", body, headers, [index], entity_set, person.id
        )
        self.plan.requests.append(request)
        self.person[person.id] = request
        return request

    def job(self, index: int, job: SyncJob) -> None:
        if isinstance(job, UpsertPerson):
            request = self.person_request(job.person, index)
            owner = _user(job.owner)
            if owner is not None and request.body is not None:
                request.body = request.body.model_copy(update={"owner": owner})
        elif isinstance(job, SetStep):
            code = self.s.step_statuscodes.get(job.step)
            if self.target(job.person)[0] != "leads":
                self.plan.done[index] = Sent(detail="not sent: a contact has no lead status")
            elif code is None:
                self.plan.done[index] = Sent(detail=f"not sent: step {job.step} is not mapped")
            else:
                request = self.person_request(job.person, index)
                if request.body is not None:
                    request.body = request.body.model_copy(update={"statuscode": code})
        elif isinstance(job, LogActivity):
            self.activity(index, job)
        elif isinstance(job, FollowupTask):
            self.followup(index, job)
        else:
            self.forget(index, job)

    def activity(self, index: int, job: LogActivity) -> None:
        activity = job.activity
        entity_set, path = self.target(job.person)
        kind = "lead" if entity_set == "leads" else "contact"
        user = _user(activity.owner)
        parties = [
            Party.model_validate({f"partyid_{kind}@odata.bind": path, "participationtypemask": 1})
        ]
        if user is not None:
            parties.append(Party(systemuser=user, participationtypemask=2))
        body = PhonecallBody.model_validate(
            {
                "subject": activity_text.subject(activity),
                "description": activity_text.description(activity, limit=2000),
                "phonenumber": job.person.phone,
                "actualdurationminutes": max(1, round(activity.duration_s / 60)),
                "actualstart": _when(activity.started_at),
                "actualend": _when(activity.ended_at),
                f"regardingobjectid_{kind}_phonecall@odata.bind": path,
                "ownerid@odata.bind": user,
                "phonecall_activity_parties": parties,
            }
        )
        key = f"/phonecalls({self.s.activity_key}='{_quote(job.key)}')?$select=activityid"
        prefer = {"Prefer": "return=representation"}
        self.plan.requests.append(
            Request("PATCH", key, body, prefer, [index], "phonecalls", job.person.id)
        )

    def followup(self, index: int, job: FollowupTask) -> None:
        """An open task regarding the person, upserted by the draft's key (alternate key)."""
        entity_set, path = self.target(job.person)
        kind = "lead" if entity_set == "leads" else "contact"
        body = TaskBody.model_validate(
            {
                "subject": job.subject,
                "description": job.body,
                "scheduledend": _when(job.due.astimezone(UTC)),
                f"regardingobjectid_{kind}_task@odata.bind": path,
                "ownerid@odata.bind": _user(job.owner),
            }
        )
        key = f"/tasks({self.s.task_key}='{_quote(job.key)}')?$select=activityid"
        prefer = {"Prefer": "return=representation"}
        self.plan.requests.append(
            Request("PATCH", key, body, prefer, [index], "tasks", job.person.id)
        )

    def forget(self, index: int, job: ForgetPerson) -> None:
        self.person.pop(job.person_id, None)
        records = [RECORD.match(remote_id) for remote_id in job.remote_ids]
        ordered = sorted(
            (r for r in records if r is not None), key=lambda r: r[1] not in ("phonecalls", "tasks")
        )
        paths = [f"/{r[1]}({r[2]})" for r in ordered if r[1] != "contacts"]
        paths.append(f"/leads({self.s.lead_key}='{_quote(job.person_id)}')")
        for path in dict.fromkeys(paths):
            self.plan.requests.append(Request("DELETE", path, jobs=[index], person=job.person_id))


def plan(settings: Settings, jobs: list[SyncJob]) -> Plan:
    """The requests that carry `jobs`, in order."""
    builder = _Builder(settings)
    for index, job in enumerate(jobs):
        builder.job(index, job)
    return builder.plan
