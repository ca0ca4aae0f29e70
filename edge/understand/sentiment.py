"""Text sentiment of a turn: VADER with a showroom lexicon on top, and the trend over a visit.

VADER scores single words; showroom talk carries its feeling in phrases ("insulting offer",
"no pressure", "out of my budget") and in words whose everyday sense misleads ("killer deal",
"steal"). Each showroom phrase is rewritten to one synthetic word with its own valence before
VADER runs, so VADER's negation, intensifier and "but" rules still apply around it.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

SentimentLabel = Literal["negative", "neutral", "positive"]
#: VADER's own thresholds on the compound score.
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05

#: Phrase (lower case, words) -> valence on VADER's -4..4 scale.
SHOWROOM_PHRASES: dict[str, float] = {
    "insulting offer": -3.0,
    "insult": -2.5,
    "lowball": -2.5,
    "lowballing": -2.5,
    "low ball": -2.5,
    "rip off": -3.0,
    "ripoff": -3.0,
    "ripped off": -3.0,
    "out of my budget": -1.8,
    "over my budget": -1.8,
    "too expensive": -2.0,
    "too much": -1.2,
    "too high": -1.5,
    "way too high": -2.2,
    "way too much": -2.0,
    "way too expensive": -2.5,
    "way too": -1.0,
    "overpriced": -2.5,
    "hidden fees": -2.5,
    "hidden fee": -2.5,
    "dealer fees": -1.0,
    "markup": -1.2,
    "pushy": -2.2,
    "pressure": -1.5,
    "no pressure": 1.2,
    "high pressure": -2.2,
    "no rush": 1.0,
    "no hurry": 1.0,
    "waste of time": -2.8,
    "wasting my time": -2.8,
    "not interested": -1.5,
    "walk out": -1.8,
    "walk away": -1.5,
    "bait and switch": -3.0,
    "scam": -3.0,
    "shady": -2.5,
    "fair price": 1.8,
    "fair deal": 1.8,
    "good deal": 2.0,
    "great deal": 2.8,
    "killer deal": 2.8,
    "a steal": 2.5,
    "test drive": 0.0,
    "love it": 3.0,
    "love this": 3.0,
    "drives great": 2.5,
    "sold": 1.5,
    "let's do it": 2.2,
    "lets do it": 2.2,
    "works for me": 1.8,
    "makes sense": 1.2,
    "not happy": -2.2,
    "unacceptable": -2.8,
    "ridiculous": -2.5,
    "crazy price": -2.0,
    "sticker shock": -2.0,
    "complaint": -2.0,
    "complain": -2.0,
    "manager": -0.3,
}


@dataclass(frozen=True)
class TextSentiment:
    """Sentiment of one text: `score` in [-1, 1] and its label."""

    score: float
    label: SentimentLabel


def label_of(score: float) -> SentimentLabel:
    """VADER's usual reading of a compound score."""
    if score >= POSITIVE_AT:
        return "positive"
    if score <= NEGATIVE_AT:
        return "negative"
    return "neutral"


class SentimentScorer:
    """VADER + the showroom lexicon; pure computation, safe to share between threads."""

    def __init__(
        self,
        phrases: dict[str, float] | None = None,
        *,
        normalise: Callable[[str], str] | None = None,
        rewrite: Callable[[str], str] | None = None,
    ) -> None:
        """Use `phrases` (default `SHOWROOM_PHRASES`) on top of VADER's own lexicon.

        Args:
            phrases: phrase -> valence, each scored as one word.
            normalise: applied to the text before the phrases are found (another language's
                folding of accents).
            rewrite: applied after the phrases are found and before VADER (another language's
                negations and "but" mapped to the English words VADER's rules know).
        """
        self._normalise = normalise
        self._rewrite = rewrite
        self._vader = SentimentIntensityAnalyzer()
        chosen = SHOWROOM_PHRASES if phrases is None else phrases
        self._tokens: dict[str, str] = {}
        for index, (phrase, valence) in enumerate(chosen.items()):
            token = f"zzshowroom{index}zz"
            self._tokens[phrase] = token
            self._vader.lexicon[token] = valence
        ordered = sorted(chosen, key=len, reverse=True)  # "no pressure" before "pressure"
        self._pattern = re.compile(
            r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in ordered) + r")\b",
            re.IGNORECASE,
        )

    def __call__(self, text: str) -> TextSentiment:
        """Score `text`; an empty text is neutral 0."""
        if not text.strip():
            return TextSentiment(0.0, "neutral")
        if self._normalise is not None:
            text = self._normalise(text)
        rewritten = self._pattern.sub(self._replace, text)
        if self._rewrite is not None:
            rewritten = self._rewrite(rewritten)
        score = float(self._vader.polarity_scores(rewritten)["compound"])
        score = max(-1.0, min(1.0, score))
        return TextSentiment(round(score, 4), label_of(score))

    def _replace(self, match: re.Match[str]) -> str:
        phrase = re.sub(r"[\s-]+", " ", match.group(0).lower())
        return self._tokens.get(phrase, match.group(0))


class SentimentTrend:
    """The customer's sentiment over a conversation: smoothed level and sharp falls."""

    def __init__(self, window: int = 4, alpha: float = 0.5) -> None:
        """Smooth with weight `alpha` on the newest turn; look `window` turns back for a fall."""
        self._alpha = alpha
        self._recent: deque[float] = deque(maxlen=window)
        self.first: float | None = None
        self.level: float | None = None

    def reset(self) -> None:
        """Forget the conversation."""
        self._recent.clear()
        self.first = None
        self.level = None

    def add(self, score: float) -> float:
        """Take one customer turn's score; returns the fall from the recent peak (>= 0)."""
        if self.first is None:
            self.first = score
        self.level = (
            score if self.level is None else (self._alpha * score + (1 - self._alpha) * self.level)
        )
        peak = max(self._recent, default=score)
        self._recent.append(score)
        return max(0.0, peak - score)

    @property
    def slope(self) -> float:
        """Least-squares change per turn over the recent window (0 with fewer than 2 turns)."""
        n = len(self._recent)
        if n < 2:
            return 0.0
        mean_x = (n - 1) / 2
        mean_y = sum(self._recent) / n
        num = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(self._recent))
        den = sum((i - mean_x) ** 2 for i in range(n))
        return num / den
