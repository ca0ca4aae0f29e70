"""Throwaway certificates for TLS tests: a CA, another CA, and certificates it signs.

```python
make_pki(directory)   # ca.crt/.key, other-ca.crt/.key, server.crt/.key, expired.crt/.key,
                      # client.crt/.key (a client certificate signed by ca)
```
Server certificates are for 127.0.0.1 (an IP subject alternative name), so host names verify.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def certificate(subject: str, key: ec.EllipticCurvePrivateKey,
                issuer: tuple[x509.Name, Any] | None, *, days: tuple[int, int] = (-1, 365),
                ca: bool = False) -> x509.Certificate:  # fmt: skip
    """A certificate for `subject`, self-signed when `issuer` (name, key) is None."""
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    issuer_name, issuer_key = (name, key) if issuer is None else issuer
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days[0]))
        .not_valid_after(now + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def write(path: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> None:
    """`path`.crt and `path`.key (PKCS#8, unencrypted)."""
    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    path.with_suffix(".key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def make_pki(out: Path) -> Path:
    """Certificates in `out`: ca (good), other-ca (wrong), server, expired, client (by ca)."""
    out.mkdir(parents=True, exist_ok=True)
    ca_key, other_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca = certificate("showfloor test CA", ca_key, None, ca=True)
    write(out / "ca", ca, ca_key)
    write(out / "other-ca", certificate("another CA", other_key, None, ca=True), other_key)
    for name, days in (("server", (-1, 365)), ("expired", (-30, -1)), ("client", (-1, 365))):
        key = ec.generate_private_key(ec.SECP256R1())
        write(out / name, certificate("127.0.0.1", key, (ca.subject, ca_key), days=days), key)
    return out
