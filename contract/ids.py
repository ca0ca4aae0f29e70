"""Identifiers on the wire: slugs for tenant/site/hub, pseudonyms, the CloudEvents source."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Annotated, NamedTuple

from pydantic import StringConstraints

#: A tenant, site or hub id: lower-case letters, digits and dashes, safe in a topic and a URL.
SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]

#: A customer conversation or visit pseudonym: random per conversation/visit, never reused.
SUBJECT_PATTERN = r"^(?:conv|visit)-[0-9a-f]{16}$"
SubjectId = Annotated[str, StringConstraints(pattern=SUBJECT_PATTERN)]

#: A staff member as it leaves the hub: an HMAC of the local staff id with the site key.
STAFF_PATTERN = r"^staff-[0-9a-f]{16}$"
StaffPseudonym = Annotated[str, StringConstraints(pattern=STAFF_PATTERN)]

#: A customer within one conversation: `customer-1`, `customer-2`, ... (no identity at all).
CUSTOMER_PATTERN = r"^customer-[0-9]{1,3}$"
CustomerLabel = Annotated[str, StringConstraints(pattern=CUSTOMER_PATTERN)]

_SOURCE = re.compile(r"^showfloor://([^/]+)/([^/]+)/([^/]+)$")
_SLUG = re.compile(SLUG_PATTERN)
SOURCE_PATTERN = r"^showfloor://[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+$"


class HubAddress(NamedTuple):
    """Where a hub sits: tenant (dealer group), site (rooftop), hub."""

    tenant: str
    site: str
    hub: str

    @classmethod
    def of(cls, tenant: str, site: str, hub: str) -> HubAddress:
        """A validated address; `ValueError` names the part that is not a slug."""
        for name, value in (("tenant", tenant), ("site", site), ("hub", hub)):
            if not _SLUG.match(value):
                raise ValueError(
                    f"{name} id {value!r} must be 1-64 lower-case letters, digits or dashes"
                )
        return cls(tenant, site, hub)

    @property
    def source(self) -> str:
        """The CloudEvents `source` of this hub's events."""
        return f"showfloor://{self.tenant}/{self.site}/{self.hub}"

    @classmethod
    def from_source(cls, source: str) -> HubAddress:
        """Parse a CloudEvents `source`; `ValueError` if it is not a hub's."""
        match = _SOURCE.match(source)
        if match is None:
            raise ValueError(f"not a hub source: {source!r}")
        return cls.of(*match.groups())


def new_subject(kind: str) -> str:
    """A fresh random pseudonym for a conversation (`conv`) or a visit (`visit`)."""
    if kind not in ("conv", "visit"):
        raise ValueError(f"subject kind must be 'conv' or 'visit', not {kind!r}")
    return f"{kind}-{secrets.token_hex(8)}"


def staff_pseudonym(site_key: bytes, staff_id: str) -> str:
    """A staff member's id on the wire: HMAC-SHA256 of the local id with the site key.

    The hub and the cloud share the site key, so the cloud can map pseudonyms back to names
    for its own users; without the key the pseudonym says nothing.
    """
    if len(site_key) < 16:
        raise ValueError("the site key must be at least 16 bytes")
    digest = hmac.new(site_key, staff_id.strip().casefold().encode(), hashlib.sha256)
    return f"staff-{digest.hexdigest()[:16]}"
