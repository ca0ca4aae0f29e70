"""Probe checks shared by the redaction rounds' tests."""

from __future__ import annotations

from edge.privacy.redact import Redactor


def gone(redactor: Redactor, text: str, *words: str) -> None:
    """Assert that none of `words` is left in `text` once redacted."""
    out = redactor(text).text
    for word in words:
        assert word not in out, (word, out)


def kept(redactor: Redactor, text: str, *words: str) -> None:
    """Assert that each of `words` is left in `text` once redacted; with none, all of `text`."""
    out = redactor(text).text
    if not words:
        assert out == text, out
    for word in words:
        assert word in out, (word, out)
