"""The cloud's VAPID key pair (ECDSA P-256, RFC 8292).

The private key comes from the setting `push_vapid_key` (a PEM; a credential in production),
else from `state_dir/vapid.pem`, made once with mode 0600 (like the session and CRM keys) by
`showfloor-cloud push keys` at install or by the first start. It is never committed, logged or
shown; browsers get only the public key (the `applicationServerKey`).
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from py_vapid.utils import b64urlencode

from cloud.errors import ConfigError
from cloud.settings import CloudSettings


def _new_pem() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def key_file(path: Path) -> bytes:
    """The PEM in `path`, made (0600) if there is none yet.

    Written whole to a private temporary file, then linked into place: a process starting
    at the same time (serve and the ingest workers) reads either no file or a whole key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(_new_pem())
        try:
            os.link(draft, path)
        except FileExistsError:  # another process made it first: theirs is the key
            pass
        finally:
            draft.unlink()
    return path.read_bytes()


def vapid(settings: CloudSettings) -> Vapid02:
    """The signer of `settings` (`ConfigError` when the configured key is not a P-256 PEM)."""
    if settings.push_vapid_key is not None:
        pem = settings.push_vapid_key.get_secret_value().encode()
        where = "the setting push_vapid_key"
    else:
        path = settings.state_dir / "vapid.pem"
        pem = key_file(path)
        where = str(path)
    try:
        signer = Vapid02.from_pem(pem)
    except ValueError as err:
        raise ConfigError(f"{where} is not a PEM private key: {err}") from err
    if not isinstance(signer.private_key, ec.EllipticCurvePrivateKey) or not isinstance(
        signer.private_key.curve, ec.SECP256R1
    ):
        raise ConfigError(f"{where} must be an ECDSA P-256 key (VAPID)")
    return signer


def public_key(signer: Vapid02) -> str:
    """The application server key browsers subscribe with (base64url, uncompressed point)."""
    raw = signer.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return str(b64urlencode(raw))
