"""Drafts for one conversation: linked, ended, the site's voice, consent and opt-outs checked.

A channel the customer may not be contacted on gets no draft, only the reason: no e-mail
address or phone, no recorded consent to be e-mailed or texted (the link's consent scopes), an
opt-out (unsubscribe link or STOP), or a site without a sending number for texts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.errors import N_, NotFoundError
from cloud.followup import render, unsubscribe
from cloud.followup.facts import Customer, Facts, customer_of, gather
from cloud.followup.render import DraftError, EmailDraft, Voice
from cloud.store.crm import LinkRow, PersonRow
from cloud.store.followup import FollowupVoiceRow
from cloud.store.projections import Conversation


@dataclass(frozen=True)
class Drafts:
    """The drafts of one conversation, or why a channel has none."""

    conversation: Conversation
    person: PersonRow
    facts: Facts
    email: EmailDraft | None
    sms: str | None
    email_blocked: str | None
    sms_blocked: str | None


def voice_of(session: Session, tenant: str, site: str) -> Voice:
    """The site's voice; `DraftError` until a manager has set it (the postal address)."""
    row = session.get(FollowupVoiceRow, (tenant, site))
    if row is None:
        raise DraftError(
            N_(
                "site %(site)r has no follow-up settings yet: a manager sets the dealership "
                "name, postal address and sender on its follow-up page"
            ),
            site=site,
        )
    return Voice.model_validate(
        {
            "dealership": row.dealership,
            "postal_address": row.postal_address,
            "from_email": row.from_email,
            "sms_from": row.sms_from,
            "tone": row.tone,
            "templates": row.templates,
        }
    )


def linked(
    session: Session, tenant: str | None, conversation_id: str | None
) -> tuple[Conversation, LinkRow, PersonRow]:
    """A linked, ended conversation (default: the newest); `NotFoundError` says what is missing."""
    query = select(Conversation, LinkRow).join(
        LinkRow,
        (Conversation.tenant_id == LinkRow.tenant_id)
        & (Conversation.site_id == LinkRow.site_id)
        & (Conversation.id == LinkRow.conversation_id),
    )
    if tenant is not None:
        query = query.where(Conversation.tenant_id == tenant)
    if conversation_id is not None:
        query = query.where(Conversation.id == conversation_id)
    else:
        query = query.where(Conversation.ended_at.is_not(None))
    found = session.execute(query.order_by(Conversation.started_at.desc()).limit(1)).first()
    if found is None:
        raise NotFoundError(
            f"conversation {conversation_id!r} is not linked to a person"
            if conversation_id
            else "no ended conversation is linked to a person yet: link one on its page, "
            "or run demo-seed"
        )
    conv, link = found
    if conv.ended_at is None:
        raise NotFoundError(f"conversation {conv.id!r} has not ended: follow up once it has")
    person = session.get(PersonRow, (link.tenant_id, link.person_id))
    if person is None:
        raise NotFoundError(f"the person linked to {conv.id!r} is gone")
    return conv, link, person


def blocked(who: Customer, optouts: Collection[str], voice: Voice) -> dict[str, str | None]:
    """Why each channel (`email`, `sms`) may not be used for `who`, or None where it may.

    The reasons are catalogue entries: the pages show them translated (`_(reason)`).
    """
    email = sms = None
    if "email" in optouts:
        email = N_("the customer unsubscribed from e-mail")
    elif not who.email_consent:
        email = N_("the customer did not agree to be e-mailed")
    elif not who.email:
        email = N_("the customer has no e-mail address")
    if "sms" in optouts:
        sms = N_("the customer opted out of texts (STOP)")
    elif not who.sms_consent:
        sms = N_("the customer did not agree to be texted")
    elif not who.phone:
        sms = N_("the customer has no phone number")
    elif voice.sms_from is None:
        sms = N_("this site has no number to text from (follow-up settings)")
    return {"email": email, "sms": sms}


def drafts(
    session: Session, links: unsubscribe.Links, conv: Conversation, link: LinkRow, person: PersonRow
) -> Drafts:
    """The e-mail and text for a linked, ended conversation (`DraftError` if none can be)."""
    voice = voice_of(session, conv.tenant_id, conv.site_id)
    facts = gather(session, conv, customer_of(person, link))
    optouts = unsubscribe.opted_out(session, conv.tenant_id, person.id)
    refused = blocked(facts.customer, optouts, voice)
    email, sms = render.compose(facts, voice, links.url(conv.tenant_id, person.id))
    return Drafts(
        conversation=conv,
        person=person,
        facts=facts,
        email=None if refused["email"] else email,
        sms=None if refused["sms"] else sms,
        email_blocked=refused["email"],
        sms_blocked=refused["sms"],
    )
