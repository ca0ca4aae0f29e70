"""One redactor for the module's tests (loading the census name lists takes ~0.1 s)."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    """Every kind redacted, US phone formats."""
    return Redactor()
