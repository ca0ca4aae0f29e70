"""What leaves the hub: redacted text, pseudonymous speakers, text only with consent.

`Redactor` replaces personal data in transcript text; `ConsentPolicy` decides per conversation
whether text may leave at all; `SpeakerPseudonymizer` turns the listening pipeline's speaker
names into wire speakers. Settings: `PrivacySettings` (the `privacy` section).
"""

from __future__ import annotations

from edge.privacy.consent import ConsentPolicy
from edge.privacy.redact import Redactor
from edge.privacy.settings import PrivacySettings
from edge.privacy.spans import Kind, Redacted, Span
from edge.privacy.speakers import ConversationSpeakers, SpeakerPseudonymizer

__all__ = [
    "ConsentPolicy",
    "ConversationSpeakers",
    "Kind",
    "PrivacySettings",
    "Redacted",
    "Redactor",
    "Span",
    "SpeakerPseudonymizer",
]
