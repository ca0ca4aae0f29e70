"""Replies to follow-up texts from Twilio's messaging webhook: STOP and START, as Twilio reads them.

Twilio POSTs each incoming text (form-encoded `From`, `To`, `Body`, `MessageSid`, `AccountSid`
...) with `X-Twilio-Signature`: Base64 of HMAC-SHA1, keyed by the Auth Token, of the URL Twilio
called followed by every parameter name and value, sorted by name. A request that does not
verify is refused. A body that is one of Twilio's opt-out keywords (STOP, STOPALL, UNSUBSCRIBE,
CANCEL, END, QUIT; Twilio itself then blocks the number and answers the customer) records an
`sms` opt-out for every person with that phone at the sites texting from `To`; an opt-in
keyword (START, YES, UNSTOP) removes it again, as Twilio unblocks.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cloud.followup import unsubscribe
from cloud.store.crm import PersonRow
from cloud.store.followup import FollowupVoiceRow, OptOutRow

STOP = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
START = frozenset({"START", "YES", "UNSTOP"})


def signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """Twilio's `X-Twilio-Signature` of a request to `url` with form `params`."""
    signed = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def verified(auth_token: str, url: str, params: Mapping[str, str], given: str) -> bool:
    """Whether `given` is Twilio's signature of this request."""
    return hmac.compare_digest(signature(auth_token, url, params), given)


def keyword(body: str) -> str | None:
    """`stop`, `start` or None for a reply's body (one word, any case, trailing punctuation)."""
    word = body.strip().strip(".!¡").upper()
    if word in STOP:
        return "stop"
    if word in START:
        return "start"
    return None


def apply(session: Session, sender: str, to: str, body: str) -> int:
    """Record (STOP) or lift (START) the sms opt-out of the people `sender` is; how many."""
    found = keyword(body)
    if found is None:
        return 0
    people = session.execute(
        select(PersonRow.tenant_id, PersonRow.id)
        .join(
            FollowupVoiceRow,
            (FollowupVoiceRow.tenant_id == PersonRow.tenant_id)
            & (FollowupVoiceRow.site_id == PersonRow.site_id),
        )
        .where(PersonRow.phone == sender, FollowupVoiceRow.sms_from == to)
    ).all()
    for tenant, person_id in people:
        if found == "stop":
            unsubscribe.record(session, tenant, person_id, "sms", "STOP reply")
        else:
            session.execute(
                delete(OptOutRow).where(
                    OptOutRow.tenant_id == tenant,
                    OptOutRow.person_id == person_id,
                    OptOutRow.channel == "sms",
                )
            )
    return len(people)
