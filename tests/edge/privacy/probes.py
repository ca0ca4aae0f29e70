"""Probe checks shared by the redaction rounds' tests."""

from __future__ import annotations

from edge.privacy.redact import Redactor


def gone(redactor: Redactor, text: str, *words: str) -> None:
    """Assert that none of `words` is left in `text` once redacted."""
    out = redactor(text).text
    for word in words:
        assert word not in out, (word, out)
