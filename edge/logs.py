"""Logging set-up: one format, and a filter that masks every secret the settings hold."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from pydantic import BaseModel, SecretBytes, SecretStr

MASK = "**********"


def secrets_of(model: BaseModel) -> Iterator[str]:
    """Every secret value in `model` and its sub-models."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, SecretStr):
            yield value.get_secret_value()
        elif isinstance(value, SecretBytes):
            yield value.get_secret_value().decode(errors="replace")
        elif isinstance(value, BaseModel):
            yield from secrets_of(value)


class SecretFilter(logging.Filter):
    """Replaces secrets in log messages (and their arguments) with a mask."""

    def __init__(self, secrets: Iterator[str] | list[str]) -> None:
        """Mask each of `secrets` (empty ones are ignored)."""
        super().__init__()
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask, never drop."""
        if self._secrets:
            message = record.getMessage()
            for secret in self._secrets:
                message = message.replace(secret, MASK)
            record.msg, record.args = message, None
        return True


def mask_secrets(model: BaseModel) -> None:
    """Install a `SecretFilter` for `model`'s secrets on every root handler."""
    secret_filter = SecretFilter(list(secrets_of(model)))
    for handler in logging.getLogger().handlers:
        handler.addFilter(secret_filter)
