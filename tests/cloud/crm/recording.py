"""A vendor-neutral connector for tests of the outbox, the worker and forget.

This is the one fake of our own interface the team allows: the vendors are remote services
that cannot run here, and these tests are about what happens *around* a connector (ordering,
retries, leases, crashes, forget), not about any vendor's API, which each vendor's own tests
check against a contract-following fake HTTP server. It behaves as every vendor must: one
result per job, in order, and idempotent by key (pushing a key again updates the record it
created, never makes a second one). It can be told to answer `Retry`/`Failed` or to raise.

With `log` set, every push appends one JSON line per job to that file (flushed and fsynced
before answering), so a test can read what reached "the vendor" from a process it killed.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cloud.crm.model import (
    Check,
    Failed,
    ForgetPerson,
    JobResult,
    Match,
    PreviewRequest,
    Retry,
    Sent,
    SyncJob,
)


@dataclass
class RecordingConnector:
    """Records every job; answers scripted results by key, else `Sent` with a stable id."""

    vendor: str = "hubspot"
    max_batch: int = 10
    log: Path | None = None
    delay_s: float = 0.0
    #: key -> results to give for its next pushes, in order (then `Sent`).
    script: dict[str, list[JobResult | Exception]] = field(default_factory=dict)
    #: raised by the next push (once), e.g. CrmAuthError.
    fail_next_push: Exception | None = None
    pushes: list[list[SyncJob]] = field(default_factory=list)
    #: key -> the remote id of the record it created (what the vendor holds).
    records: dict[str, str] = field(default_factory=dict)
    matches: list[Match] = field(default_factory=list)
    #: Keys in the order they reached "the vendor", shared by several connectors if given.
    journal: list[str] = field(default_factory=list)
    closed: bool = False

    async def push(self, jobs: Sequence[SyncJob]) -> list[JobResult]:
        """One result per job, in order."""
        if self.fail_next_push is not None:
            error, self.fail_next_push = self.fail_next_push, None
            raise error
        self.pushes.append(list(jobs))
        self.journal.extend(job.key for job in jobs)
        results: list[JobResult] = []
        for job in jobs:
            planned = self.script.get(job.key) or []
            answer = planned.pop(0) if planned else None
            if isinstance(answer, Exception):
                raise answer
            if answer is not None:
                results.append(answer)
                continue
            if isinstance(job, ForgetPerson):
                results.append(Sent(detail=f"deleted {len(job.remote_ids)}"))
                continue
            remote = self.records.setdefault(job.key, f"{job.kind}-{len(self.records) + 1}")
            results.append(Sent(remote_id=remote))
        if self.log is not None:
            with self.log.open("a", encoding="utf-8") as out:
                for job in jobs:
                    out.write(json.dumps({"kind": job.kind, "key": job.key}) + "\n")
                out.flush()
                os.fsync(out.fileno())
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        return results

    async def search(self, query: str) -> list[Match]:
        """The matches given, filtered by e-mail or phone."""
        return [m for m in self.matches if query in (m.email, m.phone)]

    async def check(self) -> Check:
        """Always fine."""
        return Check(ok=True, detail="recording connector")

    def preview(self, jobs: Sequence[SyncJob]) -> list[PreviewRequest]:
        """One request per job."""
        return [
            PreviewRequest(method="POST", url=f"/{job.kind}", body=job.model_dump(mode="json"))
            for job in jobs
        ]

    async def aclose(self) -> None:
        """Closed."""
        self.closed = True

    @property
    def keys(self) -> list[str]:
        """Every key pushed, in order (a key twice means it was sent twice)."""
        return [job.key for push in self.pushes for job in push]


def retry(reason: str = "HTTP 503", after_s: float | None = None) -> Retry:
    """A transient failure."""
    return Retry(reason=reason, after_s=after_s)


def failed(reason: str = "INVALID_FIELD: Email") -> Failed:
    """A permanent failure."""
    return Failed(reason=reason)
