"""Secrets never reach a log line."""

from __future__ import annotations

import logging

import pytest

from edge.logs import MASK, SecretFilter, mask_secrets, secrets_of
from edge.settings import load_settings


def test_secrets_in_messages_and_arguments_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("showfloor.test")
    caplog.handler.addFilter(SecretFilter(["hunter2-password"]))
    logger.warning("connecting with %s to %s", "hunter2-password", "broker")
    logger.warning("password=hunter2-password")
    assert "hunter2" not in caplog.text
    assert caplog.text.count(MASK) == 2
    assert "to broker" in caplog.text


def test_every_secret_of_the_settings_is_found() -> None:
    settings = load_settings(privacy={"site_key": "a-site-key-of-32-bytes-or-so-123"})
    assert "a-site-key-of-32-bytes-or-so-123" in list(secrets_of(settings))


def test_mask_secrets_installs_on_root_handlers(caplog: pytest.LogCaptureFixture) -> None:
    root = logging.getLogger()
    handler = logging.StreamHandler()
    root.addHandler(handler)
    try:
        mask_secrets(load_settings(privacy={"site_key": "another-site-key-0123456789"}))
        assert any(isinstance(f, SecretFilter) for f in handler.filters)
    finally:
        root.removeHandler(handler)
