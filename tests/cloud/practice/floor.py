"""A site's stored conversations with objections, as ingest would have written them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from cloud.store.projections import Conversation, ObjectionRow, TurnRow

T0 = datetime(2026, 11, 1, 10, tzinfo=UTC)


def add_conversation(
    session: Session,
    cid: str,
    objection: str,
    customer: str | None,
    reply: str | None,
    handled: bool,
    *,
    tenant: str = "acme",
    site: str = "site-a",
    staff: str = "sp-1",
    when: datetime = T0,
    language: str = "en",
) -> None:
    """One ended conversation: a greeting, the customer's objection, the reply, its flag."""
    session.add(
        Conversation(
            tenant_id=tenant,
            id=cid,
            site_id=site,
            hub_id="hub-1",
            staff=staff,
            started_at=when,
            ended_at=when + timedelta(minutes=5),
        )
    )
    for index, (role, text) in enumerate(
        [("salesperson", "Hi, what brings you in?"), ("customer", customer), ("salesperson", reply)]
    ):
        session.add(
            TurnRow(
                tenant_id=tenant,
                conversation_id=cid,
                index=index,
                role=role,
                speaker=staff if role == "salesperson" else "customer-1",
                start_s=index * 5.0,
                end_s=index * 5.0 + 4,
                text=text,
                language=language,
            )
        )
    session.add(
        ObjectionRow(
            tenant_id=tenant,
            conversation_id=cid,
            turn_index=1,
            site_id=site,
            objection=objection,
            handled=handled,
            time=when,
        )
    )
