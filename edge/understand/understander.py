"""Reading one utterance: sentiment and the objections / buying signals in it."""

from __future__ import annotations

from dataclasses import dataclass

from edge.understand.classify import Hit, LabelClassifier
from edge.understand.sentiment import SentimentScorer, TextSentiment


@dataclass(frozen=True)
class Reading:
    """What one utterance says: its sentiment and its labels (empty means `other`)."""

    sentiment: TextSentiment
    hits: tuple[Hit, ...]


class Understander:
    """Text in, `Reading` out; pure and thread-safe (run it with `asyncio.to_thread`)."""

    def __init__(self, classifier: LabelClassifier, scorer: SentimentScorer | None = None) -> None:
        """Use `classifier` for labels and `scorer` (default VADER + showroom) for sentiment."""
        self._classify = classifier
        self._score = scorer or SentimentScorer()

    def read(self, text: str) -> Reading:
        """Sentiment and labels of `text`."""
        return Reading(self._score(text), tuple(self._classify(text)))
