"""The CRM credentials at rest: one Fernet token per connection, keyed by `crm_key`.

The key comes from the setting `crm_key` or, when it is null, from `state_dir/crm.key`, made
once (like the session key). Secrets are decrypted only to build a connector; they are never
rendered, returned by an API or logged.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from cloud.crm.connector import CrmConfigError
from cloud.errors import ConfigError
from cloud.settings import CloudSettings


def _key_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_bytes().strip()
        with os.fdopen(fd, "wb") as out:
            out.write(Fernet.generate_key())
    return path.read_bytes().strip()


class Vault:
    """Seals and opens the secrets of a CRM connection."""

    def __init__(self, key: bytes) -> None:
        """Use `key` (a Fernet key); `ConfigError` when it is not one."""
        try:
            self._fernet = Fernet(key)
        except (ValueError, TypeError) as err:
            raise ConfigError(
                "setting crm_key (SHOWFLOOR_CLOUD_CRM_KEY): not a Fernet key (url-safe base64 "
                "of 32 bytes; make one with `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)"
            ) from err

    @classmethod
    def of(cls, settings: CloudSettings) -> Vault:
        """The vault of the configured key (made in `state_dir` once when unset)."""
        if settings.crm_key is not None:
            return cls(settings.crm_key.get_secret_value().encode())
        return cls(_key_file(settings.state_dir / "crm.key"))

    def seal(self, secrets: Mapping[str, str]) -> str:
        """One token holding `secrets`."""
        return self._fernet.encrypt(json.dumps(dict(secrets)).encode()).decode()

    def open(self, token: str) -> dict[str, str]:
        """The secrets in `token` (`{}` for none); `CrmConfigError` if another key sealed it."""
        if not token:
            return {}
        try:
            found = json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken as err:
            raise CrmConfigError(
                "the stored CRM credentials cannot be decrypted with this crm_key: enter them "
                "again on the CRM settings page"
            ) from err
        return {str(name): str(value) for name, value in found.items()}
