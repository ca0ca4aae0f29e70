"""Grouping customers' phrasings of one objection: TF-IDF vectors, average-link agglomeration.

Own code on numpy rather than scikit-learn: the cloud does not depend on scikit-learn (nor on
scipy), and a site has at most a few hundred phrasings per objection, so the merge loop (numpy,
one O(n) row update and an O(n^2) argmax per merge, n capped at `MAX_TEXTS`) is cheaper than
adding both libraries to the cloud's install.
Two groups merge while the mean cosine similarity between their members is at least
`MERGE_SIMILARITY`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

#: Least mean cosine similarity (TF-IDF, word unigrams and bigrams) for two groups to merge.
MERGE_SIMILARITY = 0.25
#: Most phrasings clustered per objection (the newest are kept by the caller).
MAX_TEXTS = 300
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class Cluster:
    """Phrasings that say the same thing; `example` is the one nearest the others."""

    example: str
    members: tuple[str, ...]


def _terms(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def tfidf(texts: list[str]) -> NDArray[np.float64]:
    """Unit-length TF-IDF rows (smoothed idf, as scikit-learn's default)."""
    docs = [Counter(_terms(t)) for t in texts]
    vocabulary = sorted({term for doc in docs for term in doc})
    column = {term: i for i, term in enumerate(vocabulary)}
    df = Counter(term for doc in docs for term in doc)
    n = len(texts)
    matrix = np.zeros((n, len(vocabulary)))
    for row, doc in enumerate(docs):
        for term, count in doc.items():
            matrix[row, column[term]] = count * (math.log((1 + n) / (1 + df[term])) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit: NDArray[np.float64] = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return unit


def cluster(texts: list[str], merge_similarity: float = MERGE_SIMILARITY) -> list[Cluster]:
    """Group `texts` (duplicates kept as members), biggest group first."""
    texts = [t for t in texts if t.strip()][:MAX_TEXTS]
    if not texts:
        return []
    vectors = tfidf(texts)
    similarity = vectors @ vectors.T
    groups: list[list[int]] = [[i] for i in range(len(texts))]
    # Between-group sums of similarity; the mean of a pair is its sum over the size product.
    sums = similarity.copy()
    sizes = np.ones(len(texts))
    alive = np.ones(len(texts), dtype=bool)
    # The mean similarity of every live pair, kept up to date one merged row at a time
    # (the same divisions as recomputing the whole matrix, so the same merges).
    means = sums / np.outer(sizes, sizes)
    np.fill_diagonal(means, -np.inf)
    while alive.sum() > 1:
        a, b = np.unravel_index(int(np.argmax(means)), means.shape)
        if means[a, b] < merge_similarity:
            break
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        sizes[a] += sizes[b]
        alive[b] = False
        groups[a] += groups[b]
        row = np.where(alive, sums[a, :] / (sizes[a] * sizes), -np.inf)
        row[a] = -np.inf
        means[a, :] = row
        means[:, a] = row
        means[b, :] = -np.inf
        means[:, b] = -np.inf
    groups = [g for i, g in enumerate(groups) if alive[i]]
    out = []
    for members in groups:
        inner = similarity[np.ix_(members, members)].sum(axis=1)
        out.append(Cluster(texts[members[int(np.argmax(inner))]], tuple(texts[i] for i in members)))
    return sorted(out, key=lambda c: (-len(c.members), c.example))
