"""Objections and buying signals in a Spanish utterance: trained heads and keyword rules.

Two trained parts, chosen by cross-validation on every retired Spanish line
(`python -m eval.understand_cv --language es`, docs/benchmarks.md): logistic units on character
n-gram TF-IDF of the folded text (`ngrams.NgramHead`, `head_es.npz`), and logistic units on
the English MiniLM sentence embedding of the Spanish text (`head_es_emb.npz`: the model reads
Spanish sub-words badly, but what it does read adds to the n-grams). A class's probability is
the mean of the two; a text is read whole and sentence by sentence, and a class counts when a
piece gives it at least `threshold`.

The keyword rules (`rules_es`, on folded text, plus the English rules when the turn is
code-switched: two English function words or more; alone, English rules misread Spanish words
such as "cargo") combine with the heads as `rules`: `first` (the rules' classes when any rule
matches, else the heads'), `union`, or `none`. Without heads the classifier is the rules alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from edge.errors import ConfigError
from edge.understand import rules
from edge.understand.classify import Hit, class_of, split_pieces
from edge.understand.embedder import SentenceEmbedder
from edge.understand.head import LinearHead
from edge.understand.language import english_words, fold
from edge.understand.ngrams import NgramHead
from edge.understand.rules_es import matching_es
from edge.understand.settings import UnderstandingSettings

#: Confidence of a class named by a Spanish rule, and by an English rule alone.
SPANISH_RULE_CONFIDENCE = 0.8
ENGLISH_RULE_CONFIDENCE = 0.6
#: English function words from which a turn is read as code-switched (English rules apply too).
_SPANGLISH_AT = 2
#: The shipped embedding head for Spanish text.
SPANISH_EMB_HEAD_FILE = "head_es_emb.npz"

RuleUse = Literal["first", "union", "none"]


@dataclass(frozen=True)
class SpanishHeads:
    """The trained parts: the n-gram head, and optionally an embedding head with its embedder.

    `weight` is the embedding head's share of the mean probability (the n-gram head has the rest).
    """

    ngram: NgramHead
    embedding: tuple[LinearHead, SentenceEmbedder] | None = None
    weight: float = 0.5

    def __post_init__(self) -> None:
        """Check that both heads score the same classes in the same order.

        Raises:
            ConfigError: they do not, or `weight` is not in [0, 1].
        """
        if not 0 <= self.weight <= 1:
            raise ConfigError(f"Spanish classifier: weight {self.weight} is not in [0, 1]")
        if self.embedding and self.embedding[0].classes != self.ngram.classes:
            raise ConfigError(
                "Spanish classifier: the embedding head's classes "
                f"{self.embedding[0].classes} differ from the n-gram head's {self.ngram.classes}"
            )

    def probabilities(self, pieces: list[str]) -> NDArray[np.float64]:
        """Per piece, per class: the (weighted) mean probability of the parts."""
        probs = self.ngram(pieces)
        if self.embedding:
            head, embed = self.embedding
            probs = (1 - self.weight) * probs + self.weight * head(embed(pieces))
        return probs


def rule_hits(text: str) -> list[Hit]:
    """The classes the Spanish rules (and English rules on a code-switched turn) find."""
    spanish = matching_es(fold(text))
    english = rules.matching(text) - spanish if english_words(text) >= _SPANGLISH_AT else set()
    hits = [Hit(label, SPANISH_RULE_CONFIDENCE) for label in spanish]
    return hits + [Hit(label, ENGLISH_RULE_CONFIDENCE) for label in english]


class SpanishClassifier:
    """Spanish utterance text in, objection/signal hits out (empty means `other`)."""

    def __init__(
        self, heads: SpanishHeads | None = None, *, threshold: float = 0.5, rules: RuleUse = "first"
    ) -> None:
        """Rules alone without `heads`; with them, `threshold` and `rules` as in the docstring.

        Raises:
            ConfigError: `threshold` is not in (0, 1).
        """
        if not 0 < threshold < 1:
            raise ConfigError(f"Spanish classifier: threshold {threshold} is not in (0, 1)")
        self._heads = heads
        self._threshold = threshold
        self._rules = rules

    def __call__(self, text: str) -> list[Hit]:
        """The classes in `text`, best first; empty for small talk or an empty text."""
        if not text.strip():
            return []
        by_rule = rule_hits(text)
        if self._heads is None or (by_rule and self._rules == "first"):
            return _best_first(by_rule)
        best = self._heads.probabilities(split_pieces(text)).max(axis=0)
        hits = {
            str(h.label): h for h in by_rule if self._rules == "union"
        }  # a rule's hit stands; the head adds the others
        for name, p in zip(self._heads.ngram.classes, best, strict=True):
            if p >= self._threshold and name not in hits:
                hits[name] = Hit(class_of(name), round(float(p), 3))
        return _best_first(list(hits.values()))


def _best_first(hits: list[Hit]) -> list[Hit]:
    return sorted(hits, key=lambda h: (-h.confidence, str(h.label)))


def build_spanish(embedder: SentenceEmbedder, settings: UnderstandingSettings) -> SpanishClassifier:
    """The Spanish classifier the settings choose (`understanding.spanish_classifier`).

    Raises:
        ConfigError: a shipped head is missing or broken.
    """
    if settings.spanish_classifier == "rules":
        return SpanishClassifier()
    embedding = None
    if settings.spanish_classifier == "emb+ngram":
        embedding = (LinearHead.load(shipped=SPANISH_EMB_HEAD_FILE), embedder)
    return SpanishClassifier(
        SpanishHeads(NgramHead.load(), embedding, settings.spanish_head_weight),
        threshold=settings.spanish_threshold,
        rules=settings.spanish_rules,
    )
