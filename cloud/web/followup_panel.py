"""What the follow-up part of a conversation page shows: drafts, why not, what was sent."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from babel.support import NullTranslations
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm import people
from cloud.errors import NotFoundError
from cloud.followup import service
from cloud.followup.render import DraftError
from cloud.followup.unsubscribe import Links
from cloud.store.followup import FollowupMessageRow
from cloud.store.projections import Conversation
from cloud.web.i18n import error_text


@dataclass(frozen=True)
class FollowupPanel:
    """The drafts (each with a fresh send key), a problem, a notice, the messages sent."""

    linked: bool
    drafts: service.Drafts | None = None
    problem: str | None = None
    notice: str | None = None
    notice_bad: bool = False
    sent: list[FollowupMessageRow] = field(default_factory=list)
    email_key: str = field(default_factory=lambda: uuid.uuid4().hex)
    sms_key: str = field(default_factory=lambda: uuid.uuid4().hex)
    task_key: str = field(default_factory=lambda: uuid.uuid4().hex)


def panel(
    session: Session,
    links: Links,
    conv: Conversation,
    notice: str | None = None,
    notice_bad: bool = False,
    t: NullTranslations | None = None,
) -> FollowupPanel:
    """The panel of `conv` (linked or not, ended or not), with a send's notice.

    A problem is worded in the language of `t` (English without).
    """
    if people.linked(session, conv.tenant_id, conv.site_id, conv.id) is None:
        return FollowupPanel(linked=False, notice=notice, notice_bad=notice_bad)
    sent = list(
        session.scalars(
            select(FollowupMessageRow)
            .where(
                FollowupMessageRow.tenant_id == conv.tenant_id,
                FollowupMessageRow.conversation_id == conv.id,
            )
            .order_by(FollowupMessageRow.id.desc())
        )
    )
    try:
        found, link, person = service.linked(session, conv.tenant_id, conv.id)
        drafts = service.drafts(session, links, found, link, person)
    except (NotFoundError, DraftError) as err:
        return FollowupPanel(
            True,
            problem=error_text(err, t or NullTranslations()),
            notice=notice,
            notice_bad=notice_bad,
            sent=sent,
        )
    return FollowupPanel(True, drafts=drafts, notice=notice, notice_bad=notice_bad, sent=sent)
