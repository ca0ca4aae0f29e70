"""A follow-up e-mail over SMTP (`smtplib`): STARTTLS with a verified certificate, AUTH in TLS.

The message carries `List-Unsubscribe` (the signed link) and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` (RFC 8058), and a Message-ID made from the send's idempotency key.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from cloud.followup.errors import SendFailed, SendRefused, SendUnknown
from cloud.followup.settings import FollowupSettings


def message(
    *,
    key: str,
    sender_name: str,
    sender: str,
    to: str,
    subject: str,
    body: str,
    language: str,
    unsubscribe_url: str,
) -> EmailMessage:
    """The e-mail as it goes out."""
    msg = EmailMessage()
    msg["From"] = formataddr((sender_name, sender))
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = f"<{key}.followup@{sender.rpartition('@')[2]}>"
    msg["Content-Language"] = language
    msg["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(body)
    return msg


def _tls(settings: FollowupSettings) -> ssl.SSLContext:
    cafile = str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as err:
        raise SendRefused(f"cannot read followup.smtp_ca_file: {err}") from err


def _open(settings: FollowupSettings, where: str) -> smtplib.SMTP:
    try:
        client = smtplib.SMTP(
            settings.smtp_host or "", settings.smtp_port, timeout=settings.smtp_timeout_s
        )
    except (OSError, smtplib.SMTPException) as err:
        raise SendFailed(f"cannot connect to {where}: {err}") from err
    try:
        client.ehlo()
        if settings.smtp_starttls:
            if not client.has_extn("starttls"):
                raise SendRefused(f"{where} does not offer STARTTLS (followup.smtp_starttls)")
            client.starttls(context=_tls(settings))
            client.ehlo()
        if settings.smtp_username:
            if not settings.smtp_starttls:
                raise SendRefused("SMTP AUTH needs STARTTLS: the password is never sent in clear")
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            client.login(settings.smtp_username, password)
    except ssl.SSLError as err:
        client.close()
        raise SendRefused(f"TLS with {where} failed: {err}") from err
    except smtplib.SMTPAuthenticationError as err:
        client.close()
        raise SendRefused(f"{where} refused the user name or password: {err.smtp_code}") from err
    except (OSError, smtplib.SMTPException) as err:
        client.close()
        raise SendFailed(f"{where}: {err}") from err
    except SendRefused:
        client.close()
        raise
    return client


def send(settings: FollowupSettings, msg: EmailMessage) -> str:
    """Deliver `msg`; its Message-ID on success. Errors: see `cloud.followup.errors`."""
    if not settings.smtp_host:
        raise SendRefused("e-mail is not set up: followup.smtp_host is empty")
    where = f"smtp://{settings.smtp_host}:{settings.smtp_port}"
    client = _open(settings, where)
    try:
        refused = client.send_message(msg)
    except smtplib.SMTPRecipientsRefused as err:
        raise SendFailed(f"{where} refused the recipient: {err.recipients}", retry=False) from err
    except smtplib.SMTPResponseException as err:
        text = (
            err.smtp_error.decode(errors="replace")
            if isinstance(err.smtp_error, bytes)
            else str(err.smtp_error)
        )
        raise SendFailed(
            f"{where} answered {err.smtp_code} {text}", retry=err.smtp_code < 500
        ) from err
    except (smtplib.SMTPServerDisconnected, TimeoutError, OSError) as err:
        raise SendUnknown(
            f"the connection to {where} ended while sending ({err}): the e-mail may have "
            "been delivered"
        ) from err
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    if refused:
        raise SendFailed(f"{where} refused {', '.join(refused)}", retry=False)
    return str(msg["Message-ID"])
