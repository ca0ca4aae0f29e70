"""The fake's ASGI app: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`.

As Twilio documents it: HTTP Basic auth with the Account SID and Auth Token (401, code 20003
"Authenticate"); a form-encoded body with `To`, `From` and `Body`; errors as JSON
`{"code", "message", "more_info", "status"}` — 21604 no To, 21603 no From, 21602 no Body,
21211 an invalid To, 21606 a From the account does not own, 21610 a recipient who replied
STOP, 21617 a body over 1,600 characters, 20429 too many requests; success is 201 with the
Message resource (`sid` "SM" + 32 hex, `status` "queued", `num_segments` ...).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import re
import uuid
from email.utils import formatdate

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from harness.twilio.account import Account

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_GSM7_SEGMENT, _UCS2_SEGMENT, _MAX_BODY = 160, 70, 1600


def _error(status: int, code: int, message: str) -> JSONResponse:
    body = {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
    return JSONResponse(body, status_code=status)


def _authorized(request: Request, account: Account) -> bool:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        user, _, password = base64.b64decode(encoded).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return (user, password) == (account.sid, account.token)


def _segments(body: str) -> int:
    size = _GSM7_SEGMENT if body.isascii() else _UCS2_SEGMENT
    return 1 if len(body) <= size else -(-len(body) // (size - (7 if size == 160 else 3)))


def _check(form: dict[str, str], account: Account) -> JSONResponse | None:
    to, sender, body = form.get("To", ""), form.get("From", ""), form.get("Body", "")
    if not to:
        return _error(400, 21604, "A 'To' phone number is required.")
    if not sender:
        return _error(400, 21603, "A 'From' phone number is required.")
    if not body:
        return _error(400, 21602, "Message body is required.")
    if not _E164.match(to):
        return _error(400, 21211, f"Invalid 'To' Phone Number: {to}")
    if sender not in account.numbers:
        return _error(
            400,
            21606,
            f"The From phone number {sender} is not a valid, SMS-capable inbound phone number "
            "or short code for your account.",
        )
    if to in account.opted_out:
        return _error(400, 21610, "Attempt to send to unsubscribed recipient")
    if len(body) > _MAX_BODY:
        return _error(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
    return None


def create_app(account: Account) -> Starlette:
    """The fake's ASGI app over `account`."""

    async def messages(request: Request) -> Response:
        with account.lock:
            account.requests += 1
            fault = account.faults.statuses.pop(0) if account.faults.statuses else None
        if not _authorized(request, account):
            return _error(401, 20003, "Authenticate")
        if request.path_params["sid"] != account.sid:
            return _error(404, 20404, "The requested resource was not found")
        if request.headers.get("content-type", "").split(";")[0] != (
            "application/x-www-form-urlencoded"
        ):
            return _error(400, 21602, "Message body is required.")
        if fault == 429:
            return _error(429, 20429, "Too Many Requests")
        if fault is not None:
            return _error(fault, 20500, "Internal Server Error")
        form = {key: str(value) for key, value in (await request.form()).items()}
        problem = _check(form, account)
        if problem is not None:
            return problem
        sid = "SM" + uuid.uuid4().hex
        created = {
            "sid": sid,
            "account_sid": account.sid,
            "to": form["To"],
            "from": form["From"],
            "body": form["Body"],
            "status": "queued",
            "num_segments": str(_segments(form["Body"])),
            "num_media": "0",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "date_created": formatdate(usegmt=True),
            "date_updated": formatdate(usegmt=True),
            "date_sent": None,
            "price": None,
            "price_unit": "USD",
            "error_code": None,
            "error_message": None,
            "messaging_service_sid": None,
            "uri": f"/2010-04-01/Accounts/{account.sid}/Messages/{sid}.json",
            "subresource_uris": {
                "media": f"/2010-04-01/Accounts/{account.sid}/Messages/{sid}/Media.json"
            },
        }
        with account.lock:
            account.messages.append(created)
        if account.faults.slow_s:
            await asyncio.sleep(account.faults.slow_s)
        return JSONResponse(created, status_code=201)

    route = Route("/2010-04-01/Accounts/{sid}/Messages.json", messages, methods=["POST"])
    return Starlette(routes=[route])
