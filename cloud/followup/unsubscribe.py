"""Unsubscribe links (signed, no expiry) and opt-outs, which every later draft and send obeys.

A link carries the tenant and the person, signed with `followup.unsubscribe_key` (itsdangerous,
HMAC-SHA1 under a salt of its own), so it cannot be forged for another person; it never
expires (CAN-SPAM wants it to work for at least 30 days after the e-mail).
"""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.settings import CloudSettings, state_secret
from cloud.store import bulk
from cloud.store.base import utcnow
from cloud.store.followup import OptOutRow

_SALT = "showfloor-followup-unsubscribe"


class BadLink(ValueError):
    """The link was not made by this service (edited, truncated or from another key)."""


def key_of(settings: CloudSettings) -> str:
    """The signing key: the setting, else a key file made once in `state_dir`."""
    given = settings.followup.unsubscribe_key
    if given is not None:
        return given.get_secret_value()
    return state_secret(settings.state_dir, "followup.key")


@dataclass(frozen=True)
class Links:
    """Makes and reads unsubscribe links."""

    key: str
    public_url: str

    @classmethod
    def of(cls, settings: CloudSettings) -> Links:
        """From the settings."""
        return cls(key_of(settings), settings.followup.public_url.rstrip("/"))

    def _serializer(self) -> URLSafeSerializer:
        return URLSafeSerializer(self.key, salt=_SALT)

    def token(self, tenant: str, person_id: str) -> str:
        """The signed token of one person."""
        return str(self._serializer().dumps([tenant, person_id]))

    def url(self, tenant: str, person_id: str) -> str:
        """The public link (`/unsubscribe/TOKEN`)."""
        return f"{self.public_url}/unsubscribe/{self.token(tenant, person_id)}"

    def read(self, token: str) -> tuple[str, str]:
        """(tenant, person id) of a token; `BadLink` if it was not signed here."""
        try:
            found = self._serializer().loads(token)
        except BadSignature as err:
            raise BadLink(
                "this unsubscribe link is not valid (it may have been cut short)"
            ) from err
        if not (
            isinstance(found, list) and len(found) == 2 and all(isinstance(x, str) for x in found)
        ):
            raise BadLink("this unsubscribe link is not valid")
        return found[0], found[1]


def record(session: Session, tenant: str, person_id: str, channel: str, source: str) -> None:
    """Record an opt-out (a second one for the same channel keeps the first)."""
    row = {
        "tenant_id": tenant,
        "person_id": person_id,
        "channel": channel,
        "source": source,
        "at": utcnow(),
    }
    bulk.insert_ignore(session, OptOutRow, [row])


def opted_out(session: Session, tenant: str, person_id: str) -> dict[str, OptOutRow]:
    """The person's opt-outs by channel."""
    rows = session.scalars(
        select(OptOutRow).where(OptOutRow.tenant_id == tenant, OptOutRow.person_id == person_id)
    )
    return {row.channel: row for row in rows}
