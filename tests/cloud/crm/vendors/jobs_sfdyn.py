"""Sync jobs for the Salesforce and Dynamics connector tests, and running a connector in them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from cloud.crm.connector import Connector
from cloud.crm.model import (
    Activity,
    Consent,
    FollowupTask,
    ForgetPerson,
    JobResult,
    LogActivity,
    ObjectionSummary,
    Owner,
    Person,
    SetStep,
    Step,
    SyncJob,
    UpsertPerson,
    Vehicle,
)
from tests.aio import run

T = TypeVar("T")
C = TypeVar("C", bound=Connector)

T0 = datetime(2026, 11, 29, 14, 5, tzinfo=UTC)


def person(n: int = 1, remote_id: str | None = None) -> Person:
    """Customer `n`, with recorded consent."""
    return Person(
        id=f"person-{n}",
        first_name="Ada",
        last_name=f"Visitor{n}",
        email=f"ada{n}@example.com",
        phone=f"+1555010{n:04d}",
        consent=Consent(by_user="sales@dealer.example", at=T0, scopes=("crm",), text="OK to keep"),
        remote_id=remote_id,
    )


def activity(n: int = 1, owner_id: str | None = None) -> Activity:
    """Conversation `n` of a customer: 12 minutes with objections, signals and vehicles."""
    return Activity(
        conversation_id=f"conv-{n}",
        site_id="site-1",
        owner=Owner(name="Sam Seller", crm_user_id=owner_id),
        started_at=T0,
        ended_at=T0 + timedelta(minutes=12),
        duration_s=720.4,
        objections=(ObjectionSummary(objection="price", handled=True),),
        signals=("asked about financing",),
        sentiment_start=-0.1,
        sentiment_end=0.6,
        next_step="test drive Saturday",
        vehicle=Vehicle(year=2025, make="Toyota", model="RAV4", trim="XLE"),
        trade_in=Vehicle(year=2015, make="Honda", model="Civic"),
        summary="Customer compared trims and asked for a quote.",
    )


def conversation(
    n: int = 1,
    steps: tuple[Step, ...] = ("greeted", "test_drive", "negotiation"),
    owner_id: str | None = None,
    remote_id: str | None = None,
) -> list[SyncJob]:
    """Link, steps, then the activity: what the outbox holds for one linked conversation."""
    who = person(n, remote_id)
    owner = Owner(name="Sam Seller", crm_user_id=owner_id)
    jobs: list[SyncJob] = [
        UpsertPerson(key=f"link-{n}", tenant_id="t", site_id="site-1", person=who, owner=owner)
    ]
    jobs += [
        SetStep(
            key=f"step-{n}-{step}",
            tenant_id="t",
            site_id="site-1",
            person=who,
            step=step,
            at=T0 + timedelta(minutes=i),
            conversation_id=f"conv-{n}",
        )
        for i, step in enumerate(steps)
    ]
    jobs.append(
        LogActivity(
            key=f"ended-{n}",
            tenant_id="t",
            site_id="site-1",
            person=who,
            activity=activity(n, owner_id),
        )
    )
    return jobs


def followup_task(
    n: int = 1, remote_id: str | None = None, owner_id: str | None = None
) -> FollowupTask:
    """The follow-up draft of customer `n`'s visit, pushed as a task due Monday 09:00 New York."""
    return FollowupTask(
        key=f"draft-{n}",
        tenant_id="t",
        site_id="site-1",
        person=person(n, remote_id),
        conversation_id=f"conv-{n}",
        subject="Follow up: RAV4 XLE quote",
        body="Hi Ada,\nthanks for visiting. The RAV4 XLE is ready for Saturday.",
        due=datetime(2026, 11, 30, 14, 0, tzinfo=UTC),
        owner=Owner(name="Sam Seller", crm_user_id=owner_id),
    )


def forget(n: int, remote_ids: tuple[str, ...]) -> ForgetPerson:
    """Forget customer `n` and what we created for them."""
    return ForgetPerson(
        key=f"forget-{n}",
        tenant_id="t",
        site_id="site-1",
        person_id=f"person-{n}",
        email=f"ada{n}@example.com",
        remote_ids=remote_ids,
    )


def use(connector: C, action: Callable[[C], Awaitable[T]]) -> T:
    """Run `action(connector)` and close the connector, in one event loop (20 s at most)."""

    async def go() -> T:
        try:
            return await action(connector)
        finally:
            await connector.aclose()

    return run(go(), 20)


def push(connector: Connector, jobs: list[SyncJob]) -> list[Any]:
    """`connector.push(jobs)`, then close it (results untyped: tests read `remote_id` freely)."""
    results: list[JobResult] = use(connector, lambda c: c.push(jobs))
    return list(results)
