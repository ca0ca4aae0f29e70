"""One lead e-mail through an open session, the server's answer as a `JobResult`.

4xx (mailbox busy, greylisting, quota) → `Retry`; 5xx (e.g. 550 mailbox unknown) → `Failed`
with the server's text; a lost connection or a timeout raises `SmtpUnavailable` (this and the
rest of the batch are retried). When only some of several lead addresses refuse, the lead did
reach the others: `Sent`, with the refusals in `detail`.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage

import aiosmtplib

from cloud.crm.model import Failed, JobResult, Retry, Sent
from cloud.crm.vendors.adf.settings import Settings
from cloud.crm.vendors.adf.smtp import SmtpUnavailable

_LOGGER = logging.getLogger(__name__)


def _answer(code: int, message: str, who: str = "") -> str:
    return f"{who}{code} {message}".strip()


def _refused(refusals: list[tuple[str, int, str]]) -> JobResult:
    """All addresses refused: retry if every refusal was temporary, else fail."""
    said = "; ".join(_answer(code, text, f"{address}: ") for address, code, text in refusals)
    if all(code < 500 for _, code, _ in refusals):
        return Retry(reason=f"recipients refused for now: {said}")
    return Failed(reason=f"recipients refused: {said}")


async def send(client: aiosmtplib.SMTP, message: EmailMessage, settings: Settings) -> JobResult:
    """Send `message` to every lead address in `settings`; `SmtpUnavailable` if the link drops."""
    try:
        errors, reply = await client.send_message(
            message, sender=settings.from_address, recipients=list(settings.to)
        )
    except aiosmtplib.SMTPRecipientsRefused as err:
        return _refused([(r.recipient, r.code, r.message) for r in err.recipients])
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError) as err:
        raise SmtpUnavailable(f"lost the connection while sending: {err}") from err
    except aiosmtplib.SMTPResponseException as err:
        if err.code < 500:
            return Retry(reason=_answer(err.code, err.message))
        return Failed(reason=_answer(err.code, err.message))
    message_id = str(message["Message-ID"])
    if errors:
        refused = "; ".join(_answer(r.code, r.message, f"{a}: ") for a, r in errors.items())
        _LOGGER.warning("ADF lead %s refused by some addresses: %s", message_id, refused)
        return Sent(remote_id=message_id, detail=f"refused by {refused}")
    return Sent(remote_id=message_id, detail=reply)
