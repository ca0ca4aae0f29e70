"""Objections and buying signals in a Spanish utterance: Spanish keyword rules.

No multilingual sentence-embedding model could be brought into the bundle in the session that
wrote this (docs/models.md says which PyPI packages carry one and why none is used yet), so
Spanish is read by rules on folded text (`rules_es`), plus the English rules when the turn is
code-switched ("it's too much, el precio está por las nubes": two English function words or
more; alone, English rules misread Spanish words such as "cargo"). Every matching class is a
hit, so "está muy caro, lo tenemos que pensar" yields `price` and `think_it_over`.
"""

from __future__ import annotations

from edge.understand import rules
from edge.understand.classify import Hit
from edge.understand.language import english_words, fold
from edge.understand.rules_es import matching_es

#: Confidence of a class named by a Spanish rule, and by an English rule alone.
SPANISH_RULE_CONFIDENCE = 0.8
ENGLISH_RULE_CONFIDENCE = 0.6
#: English function words from which a turn is read as code-switched (English rules apply too).
_SPANGLISH_AT = 2


class SpanishClassifier:
    """Spanish utterance text in, objection/signal hits out (empty means `other`)."""

    def __call__(self, text: str) -> list[Hit]:
        """The classes in `text`, best first; empty for small talk or an empty text."""
        if not text.strip():
            return []
        spanish = matching_es(fold(text))
        english = rules.matching(text) - spanish if english_words(text) >= _SPANGLISH_AT else set()
        hits = [Hit(label, SPANISH_RULE_CONFIDENCE) for label in spanish]
        hits += [Hit(label, ENGLISH_RULE_CONFIDENCE) for label in english]
        return sorted(hits, key=lambda h: (-h.confidence, str(h.label)))
