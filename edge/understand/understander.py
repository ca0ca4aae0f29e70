"""Reading one utterance: sentiment and the objections / buying signals in it, by language."""

from __future__ import annotations

from dataclasses import dataclass

from edge.understand.classify import Hit, LabelClassifier, build_classifier
from edge.understand.embedder import SentenceEmbedder
from edge.understand.language import Language, language_of
from edge.understand.sentiment import SentimentScorer, TextSentiment
from edge.understand.sentiment_es import spanish_scorer
from edge.understand.settings import UnderstandingSettings
from edge.understand.spanish import SpanishClassifier, build_spanish


@dataclass(frozen=True)
class Reading:
    """What one utterance says: its sentiment and its labels (empty means `other`)."""

    sentiment: TextSentiment
    hits: tuple[Hit, ...]
    language: Language = "en"


class Understander:
    """Text in, `Reading` out; pure and thread-safe (run it with `asyncio.to_thread`)."""

    def __init__(
        self,
        classifier: LabelClassifier,
        scorer: SentimentScorer | None = None,
        *,
        spanish: SpanishClassifier | None = None,
        spanish_sentiment: SentimentScorer | None = None,
    ) -> None:
        """Read English and Spanish turns, each with its own classifier and sentiment.

        Args:
            classifier: the English objection/signal classifier.
            scorer: English sentiment (default VADER + the showroom lexicon).
            spanish: the Spanish classifier (default the Spanish rules).
            spanish_sentiment: Spanish sentiment (default VADER + the Spanish lexicon).
        """
        self._classify = classifier
        self._score = scorer or SentimentScorer()
        self._classify_es = spanish or SpanishClassifier()
        self._score_es = spanish_sentiment or spanish_scorer()

    def read(self, text: str, language: str | None = None) -> Reading:
        """Sentiment and labels of `text`, read in `language` ("en"/"es"; None to guess).

        Raises:
            ValueError: `language` is not None, "en" or "es".
        """
        chosen = language_of(text, language)
        if chosen == "es":
            return Reading(self._score_es(text), tuple(self._classify_es(text)), "es")
        return Reading(self._score(text), tuple(self._classify(text)), "en")


def build_understander(embedder: SentenceEmbedder, settings: UnderstandingSettings) -> Understander:
    """The understander of both languages with the classifiers the settings choose.

    Raises:
        ConfigError: a shipped classifier head is missing or broken.
    """
    return Understander(
        build_classifier(embedder, settings), spanish=build_spanish(embedder, settings)
    )
