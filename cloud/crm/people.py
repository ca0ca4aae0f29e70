"""People: a customer typed in, or a match picked from the CRM's search."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm.model import Match
from cloud.store.crm import LinkRow, PersonRow, RemoteIdRow


def split_name(name: str) -> tuple[str, str]:
    """`"Ana María López"` -> (`"Ana María"`, `"López"`); a single word is the last name."""
    parts = name.strip().rsplit(" ", 1)
    return ("", parts[0]) if len(parts) == 1 else (parts[0], parts[1])


def create(
    session: Session,
    *,
    tenant: str,
    site: str,
    first_name: str,
    last_name: str,
    email: str | None,
    phone: str | None,
    by: str,
) -> PersonRow:
    """A new person (not yet linked to anything); `ValueError` without a last name or contact."""
    if not last_name.strip():
        raise ValueError("a person needs a last name")
    if not (email or phone):
        raise ValueError("a person needs an e-mail address or a phone number")
    row = PersonRow(
        tenant_id=tenant,
        id=str(uuid.uuid4()),
        site_id=site,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=(email or "").strip().lower() or None,
        phone=(phone or "").strip() or None,
        created_by=by,
    )
    session.add(row)
    session.flush()
    return row


def from_match(
    session: Session, *, tenant: str, site: str, vendor: str, match: Match, by: str
) -> PersonRow:
    """The person of a CRM search result, with the CRM's id recorded (the upsert updates it).

    The match's id is not ours: forget never deletes a record we did not create, so it is kept
    with kind `matched`, which forget leaves alone.
    """
    existing = session.scalar(
        select(PersonRow)
        .join(
            RemoteIdRow,
            (RemoteIdRow.tenant_id == PersonRow.tenant_id)
            & (RemoteIdRow.person_id == PersonRow.id),
        )
        .where(
            PersonRow.tenant_id == tenant,
            RemoteIdRow.vendor == vendor,
            RemoteIdRow.remote_id == match.remote_id,
        )
    )
    if existing is not None:
        return existing
    person = create(
        session,
        tenant=tenant,
        site=site,
        first_name=match.first_name,
        last_name=match.last_name or match.email or match.phone or "Unknown",
        email=match.email,
        phone=match.phone,
        by=by,
    )
    session.add(
        RemoteIdRow(
            tenant_id=tenant,
            person_id=person.id,
            vendor=vendor,
            remote_id=match.remote_id,
            site_id=site,
            kind="matched",
        )
    )
    return person


def linked(
    session: Session, tenant: str, site: str, conversation_id: str
) -> tuple[LinkRow, PersonRow] | None:
    """The link and person of a conversation, if it is linked."""
    link = session.get(LinkRow, (tenant, site, conversation_id))
    if link is None:
        return None
    person = session.get(PersonRow, (tenant, link.person_id))
    return None if person is None else (link, person)
