"""An authenticated SMTP session: connect, STARTTLS (required), AUTH; errors a person can act on.

The password is sent only inside TLS with a verified certificate: a server that offers no
STARTTLS, or whose certificate is not trusted, is refused before AUTH.

```
CrmError (cloud.crm.connector)
├── CrmAuthError      the server refused the user name or password (535)
├── CrmConfigError    no STARTTLS, untrusted certificate, no AUTH: an admin must fix it
└── SmtpUnavailable   cannot connect, timed out, disconnected, 4xx: try again later
```
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiosmtplib

from cloud.crm.connector import CrmAuthError, CrmConfigError, CrmError
from cloud.crm.vendors.adf.settings import Settings

_LOGGER = logging.getLogger(__name__)
#: Longest wait for the server's TLS close_notify after QUIT (then the loop finishes it alone).
_CLOSE_WAIT_S = 2.0


class SmtpUnavailable(CrmError):
    """The server cannot be reached or answered 4xx: nothing is wrong that time won't fix."""


def tls_context(settings: Settings) -> ssl.SSLContext:
    """Verify the certificate and host name, against `ca_file` or the system's CAs."""
    cafile = str(settings.ca_file) if settings.ca_file else None
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as err:
        raise CrmConfigError(f"cannot read ca_file {settings.ca_file}: {err}") from err


async def _starttls(client: aiosmtplib.SMTP, settings: Settings, where: str) -> None:
    await client.ehlo()
    if not client.supports_extension("starttls"):
        raise CrmConfigError(
            f"{where} does not offer STARTTLS: Showfloor never sends the password in clear"
        )
    try:
        await client.starttls(tls_context=tls_context(settings))
    except ssl.SSLCertVerificationError as err:
        raise CrmConfigError(
            f"the TLS certificate of {where} is not trusted: {err.verify_message}"
        ) from err
    except ssl.SSLError as err:
        raise CrmConfigError(f"TLS with {where} failed: {err.reason or err}") from err
    except aiosmtplib.SMTPResponseException as err:
        if err.code < 500:
            raise SmtpUnavailable(
                f"{where} refused STARTTLS for now: {err.code} {err.message}"
            ) from err
        raise CrmConfigError(f"{where} refused STARTTLS: {err.code} {err.message}") from err


async def _login(client: aiosmtplib.SMTP, settings: Settings, where: str) -> None:
    await client.ehlo()  # what the server offers inside TLS (RFC 3207: forget what came before)
    if not client.supports_extension("auth"):
        raise CrmConfigError(f"{where} offers no SMTP AUTH after STARTTLS")
    try:
        await client.login(settings.username, settings.password.get_secret_value())
    except aiosmtplib.SMTPAuthenticationError as err:
        if err.code < 500:
            raise SmtpUnavailable(f"{where} cannot log in now: {err.code} {err.message}") from err
        raise CrmAuthError(
            f"{where} refused the user name or password of {settings.username!r}: "
            f"{err.code} {err.message}"
        ) from err
    except aiosmtplib.SMTPResponseException:
        raise  # an EHLO or AUTH step answered 4xx/5xx: see _handshake
    except aiosmtplib.SMTPException as err:  # e.g. only AUTH mechanisms we do not speak
        raise CrmConfigError(f"{where}: cannot log in: {err}") from err


async def _handshake(client: aiosmtplib.SMTP, settings: Settings, where: str) -> None:
    """STARTTLS then AUTH; any other refusal: 4xx → try later, 5xx → an admin must look."""
    try:
        await _starttls(client, settings, where)
        await _login(client, settings, where)
    except aiosmtplib.SMTPResponseException as err:
        if err.code < 500:
            raise SmtpUnavailable(f"{where} answered {err.code} {err.message}") from err
        raise CrmConfigError(f"{where} refused the session: {err.code} {err.message}") from err


@asynccontextmanager
async def session(settings: Settings) -> AsyncIterator[aiosmtplib.SMTP]:
    """A connected, encrypted and authenticated client, closed (QUIT) when the block ends."""
    where = f"smtp://{settings.host}:{settings.port}"
    client = aiosmtplib.SMTP(
        hostname=settings.host,
        port=settings.port,
        timeout=settings.timeout_s,
        start_tls=False,
        use_tls=False,
    )
    try:
        await client.connect()
    except (aiosmtplib.SMTPException, OSError) as err:
        raise SmtpUnavailable(f"cannot connect to {where}: {err}") from err
    try:
        await _handshake(client, settings, where)
        yield client
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError) as err:
        raise SmtpUnavailable(f"lost the connection to {where}: {err}") from err
    finally:
        await _close(client)


async def _close(client: aiosmtplib.SMTP) -> None:
    """QUIT, then wait (briefly) for the TLS close to finish so no socket outlives the session."""
    if not client.is_connected:
        return
    sock = client.get_transport_info("socket")
    try:
        await client.quit()
    except (aiosmtplib.SMTPException, OSError) as err:
        _LOGGER.debug("QUIT failed (%s); closing the socket", err)
        client.close()
    deadline = time.monotonic() + _CLOSE_WAIT_S
    # aiosmtplib offers no "closed" event; the transport's socket is the public handle
    while sock is not None and sock.fileno() != -1 and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.005)
