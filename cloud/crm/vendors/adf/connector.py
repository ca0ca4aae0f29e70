"""The ADF connector: one e-mail per linked conversation's lead, over one SMTP session a push.

Which jobs send a message:

- `LogActivity`: the lead (the conversation's vehicle, trade-in, customer and summary).
- `UpsertPerson`: nothing. An ADF lead is a customer *with a vehicle*; the person goes out
  with their conversation's lead.
- `SetStep`: nothing. Steps happen while the conversation runs, before its lead exists; ADF has
  no "update the status" message, and a `resend` is a whole lead that a step job cannot fill
  (no vehicle, no summary). The furthest step reached goes into the lead's comments and sets
  its vehicle interest (`test-drive`).
- `ForgetPerson`: nothing can be done: an e-mail cannot be recalled. `Sent(detail=
  "cannot_recall")`, which the erasure report records as such.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence

import aiosmtplib

from cloud.crm.connector import CrmError
from cloud.crm.model import (
    Check,
    Failed,
    FollowupTask,
    ForgetPerson,
    JobResult,
    LogActivity,
    Match,
    PreviewRequest,
    Retry,
    Sent,
    SetStep,
    SyncJob,
)
from cloud.crm.vendors.adf.lead import IncompleteLead, build_lead
from cloud.crm.vendors.adf.message import build_message
from cloud.crm.vendors.adf.send import send
from cloud.crm.vendors.adf.settings import Settings
from cloud.crm.vendors.adf.smtp import SmtpUnavailable, session

_LOGGER = logging.getLogger(__name__)

NOT_SENT_PERSON = "not sent: ADF carries the person in their conversation's lead"
NOT_SENT_STEP = "not sent: ADF has no step update; the lead's comments carry the furthest step"
CANNOT_RECALL = "cannot_recall"
NO_TASKS = "this CRM takes no tasks: ADF carries leads only"
#: How many sent leads a connector remembers to mark a repeat as `resend` (the newest).
REMEMBERED_LEADS = 10_000


class Connector:
    """ADF 1.0 leads over SMTP (STARTTLS + AUTH) to the DMS's lead addresses."""

    vendor = "adf"
    max_batch = 50

    def __init__(self, settings: Settings, transport: object | None = None) -> None:
        """`transport` is the HTTP vendors' test hook; ADF speaks SMTP and ignores it."""
        self._settings = settings
        #: Keys whose lead reached DATA (accepted or unknown), how often: the next is a resend.
        self._went_out: OrderedDict[str, int] = OrderedDict()

    def _resends(self, key: str) -> int:
        return self._went_out.get(key, 0)

    def _remember(self, key: str, times: int) -> None:
        self._went_out[key] = times
        self._went_out.move_to_end(key)
        while len(self._went_out) > REMEMBERED_LEADS:
            self._went_out.popitem(last=False)

    async def push(self, jobs: Sequence[SyncJob]) -> list[JobResult]:
        """Send the leads of `jobs`; one result per job, in order (see the module docstring)."""
        results: list[JobResult | None] = [None] * len(jobs)
        leads: list[tuple[int, LogActivity]] = []
        for index, job in enumerate(jobs):
            if isinstance(job, LogActivity):
                try:
                    build_lead(job, self._settings)  # can it be a lead at all?
                except IncompleteLead as err:
                    results[index] = Failed(reason=str(err))
                else:
                    leads.append((index, job))
            elif isinstance(job, ForgetPerson):
                _LOGGER.info("ADF: forget %s: e-mailed leads cannot be recalled", job.person_id)
                results[index] = Sent(detail=CANNOT_RECALL)
            elif isinstance(job, SetStep):
                results[index] = Sent(detail=NOT_SENT_STEP)
            elif isinstance(job, FollowupTask):  # refused before enqueue (cloud.crm.tasks)
                results[index] = Failed(reason=NO_TASKS)
            else:
                results[index] = Sent(detail=NOT_SENT_PERSON)
        if leads:
            await self._send_all(leads, results)
        return [result for result in results if result is not None]

    async def _send_all(
        self, leads: list[tuple[int, LogActivity]], results: list[JobResult | None]
    ) -> None:
        pending = list(leads)
        try:
            async with session(self._settings) as client:
                while pending:
                    index, job = pending[0]
                    results[index] = await self._send_one(client, job)
                    pending.pop(0)
        except SmtpUnavailable as err:
            for index, _ in pending:
                results[index] = Retry(reason=str(err))

    async def _send_one(self, client: aiosmtplib.SMTP, job: LogActivity) -> JobResult:
        resends = self._resends(job.key)
        xml = build_lead(job, self._settings, resend=resends > 0)
        message = build_message(job, xml, self._settings, resend=resends)
        try:
            result = await send(client, message, self._settings)
        except SmtpUnavailable:
            self._remember(job.key, resends + 1)  # the server may have taken it
            raise
        if isinstance(result, Sent):
            self._remember(job.key, resends + 1)
        return result

    async def search(self, query: str) -> list[Match]:
        """Nothing: a DMS reached by e-mail cannot be searched."""
        return []

    async def check(self) -> Check:
        """Connect, STARTTLS, AUTH and NOOP; `detail` says exactly what failed."""
        settings = self._settings
        try:
            async with session(settings) as client:
                reply = await client.noop()
                tls = client.get_transport_info("ssl_object")
                version = tls.version() if tls is not None else "?"
        except CrmError as err:
            return Check(ok=False, detail=str(err))
        except aiosmtplib.SMTPResponseException as err:
            return Check(ok=False, detail=f"NOOP refused: {err.code} {err.message}")
        return Check(
            ok=True,
            detail=f"smtp://{settings.host}:{settings.port}: STARTTLS ({version}), logged in as "
            f"{settings.username!r}, NOOP {reply.code} {reply.message}",
        )

    def preview(self, jobs: Sequence[SyncJob]) -> list[PreviewRequest]:
        """The XML of each lead `push(jobs)` would send, addressed `smtp://host:port/to`."""
        url = f"smtp://{self._settings.host}:{self._settings.port}/{','.join(self._settings.to)}"
        return [
            PreviewRequest(
                method="SMTP",
                url=url,
                body=build_lead(job, self._settings, resend=self._resends(job.key) > 0),
            )
            for job in jobs
            if isinstance(job, LogActivity)
        ]

    async def aclose(self) -> None:
        """Nothing to close: each push opens and QUITs its own SMTP session."""
