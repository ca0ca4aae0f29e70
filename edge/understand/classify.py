"""Objections and buying signals in an utterance: embeddings against curated examples + rules.

Each class has example phrases (`examples.yaml`, shipped in the package). An utterance is
embedded once; a class scores the mean of its `top_k` best cosine similarities, plus a bonus
when one of its keyword rules matches. The best class wins when it scores at least
`threshold` and beats the `other` class (small talk, product questions); else the utterance
is `other`. Long utterances are also read sentence by sentence, so "I love it, but the payment
is too high. Can I drive it?" yields both labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import numpy as np
import yaml
from numpy.typing import NDArray

from contract.payloads import Objection, Signal
from edge.errors import ConfigError
from edge.understand import rules
from edge.understand.embedder import SentenceEmbedder
from edge.understand.head import LinearHead
from edge.understand.ngrams import ENGLISH_NGRAM_HEAD_FILE, NgramHead
from edge.understand.settings import UnderstandingSettings

ClassId = Objection | Signal | Literal["other"]
OTHER: Literal["other"] = "other"
_SENTENCE_END = re.compile(r"(?<=[.?!;])\s+|\s+but\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """A class found in an utterance, with a confidence in [0, 1]."""

    label: ClassId
    confidence: float


def class_of(name: str) -> ClassId:
    """The class called `name` (an objection or signal id, or `other`).

    Raises:
        ValueError: no such class.
    """
    if name == OTHER:
        return OTHER
    for kind in (Objection, Signal):
        if name in kind._value2member_map_:
            return kind(name)
    raise ValueError(f"unknown class {name!r}")


def load_examples(text: str | None = None) -> dict[ClassId, list[str]]:
    """The example phrases per class (the shipped `examples.yaml` unless `text` is given).

    Raises:
        ConfigError: a class is unknown, or a class has no phrases.
    """
    if text is None:
        text = resources.files("edge.understand").joinpath("examples.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise ConfigError("example phrases must be a mapping of class id to a list of phrases")
    examples: dict[ClassId, list[str]] = {}
    for name, phrases in raw.items():
        try:
            label = class_of(str(name))
        except ValueError as err:
            raise ConfigError(f"example phrases: {err}") from err
        if not isinstance(phrases, list) or not phrases:
            raise ConfigError(f"example phrases: class {name!r} needs a non-empty list")
        examples[label] = [str(p) for p in phrases]
    if OTHER not in examples:
        raise ConfigError("example phrases: the 'other' class needs phrases")
    return examples


def split_pieces(text: str) -> list[str]:
    """The pieces a text is read in: the whole text, then its sentences if it has several.

    A sentence counts from two words; "..., but ..." splits too; a blank text has no piece.
    """
    pieces = [text.strip()]
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= 2]
    if len(sentences) > 1:
        pieces += sentences
    return [p for p in pieces if p]


class LabelClassifier:
    """Utterance text in, objection/signal hits out (empty means `other`)."""

    def __init__(
        self,
        embedder: SentenceEmbedder,
        examples: dict[ClassId, list[str]] | None = None,
        *,
        threshold: float = 0.45,
        top_k: int = 2,
        head: LinearHead | None = None,
        rule_logit: float = 0.0,
        head_top: int = 0,
        ngram: NgramHead | None = None,
        head_weight: float = 0.5,
    ) -> None:
        """Embed every example phrase once (not with a head, which never compares with them).

        Args:
            embedder: the sentence embedder.
            examples: phrases per class; default the shipped ones.
            threshold: least score for a class to count (a probability with `head`).
            top_k: best example similarities averaged per class.
            head: a trained head that scores the classes instead of the examples.
            rule_logit: with `head`, added to a class's logit when one of its rules matches.
            head_top: with `head`, most classes one piece (sentence) may give; 0 for no limit.
            ngram: with `head`, a character n-gram head whose probability is averaged with
                the head's (before `rule_logit` is added to the log-odds of the mean).
            head_weight: with `ngram`, the embedding head's share of that mean (the n-gram
                head has the rest).

        Raises:
            ConfigError: `ngram` scores other classes than `head`, or comes without it, or
                `head_weight` is not in [0, 1].
        """
        if not 0 <= head_weight <= 1:
            raise ConfigError(f"classifier: head_weight {head_weight} is not in [0, 1]")
        if ngram is not None and (head is None or ngram.classes != head.classes):
            raise ConfigError(
                "classifier: an n-gram head needs an embedding head of the same classes"
            )
        self._ngram = ngram
        self._head_weight = head_weight
        self._embed = embedder
        self._threshold = threshold
        self._top_k = top_k
        self._head = head
        self._rule_logit = rule_logit
        self._head_top = head_top
        chosen = examples if examples is not None else load_examples()
        self._classes: list[ClassId] = list(chosen)
        self._phrases = [p for label in self._classes for p in chosen[label]]
        self._owner = np.array(
            [i for i, label in enumerate(self._classes) for _ in chosen[label]], dtype=np.int64
        )
        self._phrase_vectors: NDArray[np.float32] | None = (
            embedder(self._phrases) if head is None else None
        )

    def __call__(self, text: str) -> list[Hit]:
        """The classes in `text`, best first; empty for small talk or an empty text."""
        pieces = split_pieces(text)
        if not pieces:
            return []
        if self._head is not None:
            return self._head_hits(pieces, self._head)
        scores = self.scores(pieces)
        best: dict[ClassId, float] = {}
        for row in scores:
            label, confidence = self._decide(row)
            if label != OTHER:
                best[label] = max(best.get(label, 0.0), confidence)
        return sorted((Hit(k, round(v, 3)) for k, v in best.items()), key=lambda h: -h.confidence)

    def scores(self, texts: list[str]) -> NDArray[np.float64]:
        """Per text, per class (in `classes` order): embedding score + rule bonus."""
        if self._phrase_vectors is None:  # a head's classifier asked for example scores
            self._phrase_vectors = self._embed(self._phrases)
        similarity = self._embed(texts) @ self._phrase_vectors.T
        out = np.zeros((len(texts), len(self._classes)), dtype=np.float64)
        for c in range(len(self._classes)):
            sims = np.sort(similarity[:, self._owner == c], axis=1)[:, ::-1]
            out[:, c] = sims[:, : self._top_k].mean(axis=1)
        for row, text in enumerate(texts):
            for label in rules.matching(text):
                if label in self._classes:
                    out[row, self._classes.index(label)] += rules.RULE_BONUS
        return out

    @property
    def classes(self) -> list[ClassId]:
        """The classes, in the column order of `scores`."""
        return list(self._classes)

    def _head_hits(self, pieces: list[str], head: LinearHead) -> list[Hit]:
        logits = head.logits(self._embed(pieces))
        if self._ngram is not None:
            w = self._head_weight
            mean = w / (1.0 + np.exp(-logits)) + (1 - w) * self._ngram(pieces)
            mean = np.clip(mean, 1e-9, 1 - 1e-9)
            logits = np.log(mean / (1 - mean))
        if self._rule_logit:
            for row, text in enumerate(pieces):
                for label in rules.matching(text):
                    if str(label) in head.classes:
                        logits[row, head.classes.index(str(label))] += self._rule_logit
        probs = 1.0 / (1.0 + np.exp(-logits))
        if self._head_top:
            order = np.argsort(-probs, axis=1)
            np.put_along_axis(probs, order[:, self._head_top :], 0.0, axis=1)
        best = probs.max(axis=0)
        return sorted(
            (
                Hit(class_of(name), round(float(p), 3))
                for name, p in zip(head.classes, best, strict=True)
                if p >= self._threshold
            ),
            key=lambda h: -h.confidence,
        )

    def _decide(self, row: NDArray[np.float64]) -> tuple[ClassId, float]:
        order = np.argsort(row)[::-1]
        top = int(order[0])
        label = self._classes[top]
        if label == OTHER or row[top] < self._threshold:
            return OTHER, 0.0
        runner_up = float(row[order[1]]) if len(order) > 1 else 0.0
        confidence = 0.5 * _scale(float(row[top]), self._threshold, 0.9) + 0.5 * _scale(
            float(row[top]) - runner_up, 0.0, 0.2
        )
        return label, confidence


def _scale(value: float, low: float, high: float) -> float:
    return float(min(1.0, max(0.0, (value - low) / (high - low))))


def build_classifier(
    embedder: SentenceEmbedder, settings: UnderstandingSettings
) -> LabelClassifier:
    """The classifier the settings choose (`understanding.classifier`)."""
    if settings.classifier == "examples":
        return LabelClassifier(embedder, threshold=settings.threshold)
    ngram = None
    if settings.classifier.startswith("head+ngram"):
        ngram = NgramHead.load(shipped=ENGLISH_NGRAM_HEAD_FILE)
    return LabelClassifier(
        embedder,
        head=LinearHead.load(),
        threshold=settings.head_threshold,
        rule_logit=settings.rule_logit if settings.classifier.endswith("+rules") else 0.0,
        head_top=settings.head_top,
        ngram=ngram,
        head_weight=settings.head_weight,
    )
