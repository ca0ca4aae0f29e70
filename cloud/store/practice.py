"""Practice answers: one row per answer a salesperson gave a practice customer, with its grade.

`line_conversation` names the conversation the customer's line was mined from (null for a
shipped seed line), so forgetting that conversation also removes the line from the attempts.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base, utcnow


class PracticeAttemptRow(Base):
    """One graded practice answer."""

    __tablename__ = "practice_attempts"
    __table_args__ = (
        Index("ix_practice_attempts_staff", "tenant_id", "staff", "time"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    site_id: Mapped[str] = mapped_column(String(64))
    #: The salesperson's pseudonym (as the hubs send it).
    staff: Mapped[str] = mapped_column(String(32))
    persona: Mapped[str] = mapped_column(String(40))
    level: Mapped[int]
    #: Comma-separated objection ids of the customer's line.
    objections: Mapped[str] = mapped_column(String(200))
    line: Mapped[str] = mapped_column(Text)
    #: `floor` (a mined phrasing) or `seed` (the shipped set: the site had too few).
    line_source: Mapped[str] = mapped_column(String(10))
    line_conversation: Mapped[str | None] = mapped_column(String(64), default=None)
    answer: Mapped[str] = mapped_column(Text)
    #: `web` (typed) or `hub` (spoken on a hub and transcribed there).
    channel: Mapped[str] = mapped_column(String(10), default="web")
    score: Mapped[int]
    addressed: Mapped[bool]
    #: Comma-separated feedback codes (`edge.practice.score.FEEDBACK_TEXT`).
    feedback: Mapped[str] = mapped_column(String(200), default="")
    entered_by: Mapped[str] = mapped_column(String(320), default="")
    time: Mapped[datetime] = mapped_column(default=utcnow)
