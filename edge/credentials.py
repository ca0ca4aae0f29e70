"""Secrets from systemd's `$CREDENTIALS_DIRECTORY` (`LoadCredential=`), for hub and cloud alike.

Each file is named by the dotted key it sets, e.g. `sync.password` or `privacy.site_key` on a
hub, `mqtt.password` or `database_url` in the cloud, and holds the value (a trailing newline is
dropped). A file whose name is no key is refused through the settings' usual unknown-key error,
naming it. Light on purpose (pydantic-settings and the standard library): the cloud imports it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from edge.errors import ConfigError


class CredentialsSource(PydanticBaseSettingsSource):
    """The nested values of every file in `$CREDENTIALS_DIRECTORY`."""

    def __init__(
        self, settings_cls: type[BaseSettings], error: type[Exception] = ConfigError
    ) -> None:
        """A source for `settings_cls`; an unreadable directory raises `error`."""
        super().__init__(settings_cls)
        self._error = error

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Unused: `__call__` reads the whole directory."""
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        """The nested values of every credential file."""
        directory = os.environ.get("CREDENTIALS_DIRECTORY")
        if not directory:
            return {}
        values: dict[str, Any] = {}
        try:
            files = sorted(p for p in Path(directory).iterdir() if p.is_file())
            for path in files:
                *sections, key = path.name.split(".")
                target = values
                for section in sections:
                    target = target.setdefault(section, {})
                target[key] = path.read_text(encoding="utf-8").rstrip("\n")
        except (OSError, UnicodeDecodeError) as err:
            raise self._error(f"cannot read credentials in {directory}: {err}") from err
        return values
