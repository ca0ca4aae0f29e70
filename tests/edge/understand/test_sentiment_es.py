"""Spanish sentiment: the lexicon, Spanish negation and contrast, and the trend."""

from __future__ import annotations

from edge.understand.sentiment import SentimentTrend
from edge.understand.sentiment_es import spanish_scorer


def test_spanish_sentiment_reads_negation_and_but() -> None:
    score = spanish_scorer()
    assert score("me encanta este carro").label == "positive"
    assert score("no me gusta nada").label == "negative"
    assert score("El precio es demasiado alto para nosotros").label == "negative"
    assert score("es bonito, pero está carísimo").label == "negative"
    assert score("").label == "neutral"


def test_a_souring_spanish_conversation_shows_in_the_trend() -> None:
    score, trend = spanish_scorer(), SentimentTrend()
    turns = ["¡qué bonito, me encanta!", "está bien", "eso es un robo, no me gusta nada"]
    drops = [trend.add(score(text).score) for text in turns]
    assert drops[0] == 0.0
    assert drops[-1] > 0.5
    assert trend.slope < 0
