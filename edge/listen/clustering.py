"""Clustering speaker embeddings (offline) and matching local speakers to clusters."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def normalised(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    """Rows scaled to unit length."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    scaled: NDArray[np.float32] = (vectors / np.maximum(norms, 1e-9)).astype(np.float32)
    return scaled


def agglomerate(
    embeddings: NDArray[np.float32],
    threshold: float,
    *,
    max_clusters: int | None = None,
    min_cluster_size: int = 2,
) -> NDArray[np.int64]:
    """Centroid-linkage clustering of unit embeddings; labels 0..K-1 by first appearance.

    Args:
        embeddings: (N, D) embeddings.
        threshold: cosine distance under which clusters merge.
        max_clusters: at most this many clusters.
        min_cluster_size: smaller clusters (when larger ones exist) join their nearest large one.
    """
    from scipy.cluster.hierarchy import fcluster, linkage

    count = len(embeddings)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    if count == 1:
        return np.zeros(1, dtype=np.int64)
    unit = normalised(embeddings)
    tree = linkage(unit, method="centroid", metric="euclidean")
    labels = fcluster(tree, t=float(np.sqrt(2.0 * threshold)), criterion="distance")
    if max_clusters is not None and len(set(labels)) > max_clusters:
        labels = fcluster(tree, t=max_clusters, criterion="maxclust")
    labels = _absorb_small(unit, labels, min_cluster_size)
    _, first = np.unique(labels, return_index=True)
    order = {label: rank for rank, label in enumerate(labels[np.sort(first)])}
    return np.array([order[label] for label in labels], dtype=np.int64)


def centroids(embeddings: NDArray[np.float32], labels: NDArray[np.int64]) -> NDArray[np.float32]:
    """(K, D) unit centroid of each cluster."""
    count = int(labels.max()) + 1 if len(labels) else 0
    return normalised(np.stack([embeddings[labels == k].mean(axis=0) for k in range(count)]))


def assign(local: NDArray[np.float32], centres: NDArray[np.float32]) -> list[int]:
    """Each local speaker (rows) to a distinct centre, maximising total cosine similarity.

    When there are more local speakers than centres, the extra ones get -1.
    """
    from scipy.optimize import linear_sum_assignment

    similarity = normalised(local) @ normalised(centres).T
    rows, cols = linear_sum_assignment(-similarity)
    out = [-1] * len(local)
    for row, col in zip(rows, cols, strict=True):
        out[int(row)] = int(col)
    return out


def _absorb_small(
    unit: NDArray[np.float32], labels: NDArray[np.int32], min_size: int, keep: int = 1
) -> NDArray[np.int32]:
    values, counts = np.unique(labels, return_counts=True)
    large = values[counts >= min_size]
    if len(large) < keep:  # the `keep` largest clusters stay, whatever their size
        large = np.sort(values[np.argsort(-counts, kind="stable")[:keep]])
    if len(large) == 0 or len(large) == len(values):
        return labels
    centres = normalised(np.stack([unit[labels == v].mean(axis=0) for v in large]))
    out = labels.copy()
    for index in np.flatnonzero(~np.isin(labels, large)):
        out[index] = large[int(np.argmax(centres @ unit[index]))]
    return out


def spectral(
    embeddings: NDArray[np.float32],
    *,
    max_clusters: int = 8,
    prune: float = 0.02,
    min_neighbours: int = 6,
    merge_similarity: float = 0.8,
    min_cluster_size: int = 4,
    min_clusters: int = 1,
) -> NDArray[np.int64]:
    """Spectral clustering with the number of speakers from the largest eigengap.

    The affinity keeps each row's strongest `prune` fraction (at least `min_neighbours`), as in
    3D-Speaker's recipe for CAM++ (after SpeechBrain); clusters with fewer than
    `min_cluster_size` members join their nearest large cluster, and clusters whose centroids are
    more similar than `merge_similarity` are merged. Labels are 0..K-1 by first appearance.
    `min_clusters` is a floor on the number of speakers (known from elsewhere, e.g. voices heard
    at once): the eigengap's count is raised to it, and neither the absorbing of small clusters
    nor the merging of similar ones goes below it.
    """
    from scipy.cluster.vq import kmeans2

    count = len(embeddings)
    if count < 2 * min_neighbours:
        return np.zeros(count, dtype=np.int64)
    unit = normalised(embeddings)
    affinity = unit @ unit.T
    drop = min(int((1 - prune) * count), count - min_neighbours)
    for row in range(count):
        affinity[row, np.argsort(affinity[row])[:drop]] = 0.0
    affinity = 0.5 * (affinity + affinity.T)
    np.fill_diagonal(affinity, 0.0)
    laplacian = np.diag(np.abs(affinity).sum(axis=1)) - affinity
    values, vectors = np.linalg.eigh(laplacian)
    gaps = np.diff(values[: max_clusters + 1])
    k = int(np.argmax(gaps)) + 1
    floor = min(max(min_clusters, 1), max_clusters, count)
    k = max(k, floor)
    if k == 1:
        labels = np.zeros(count, dtype=np.int64)
    else:
        _, found = kmeans2(vectors[:, :k].astype(np.float64), k, minit="++", seed=0)
        labels = found.astype(np.int64)
    absorbed = _absorb_small(unit, labels.astype(np.int32), min_cluster_size, floor)
    labels = _merge_similar(unit, absorbed.astype(np.int64), merge_similarity, floor)
    _, first = np.unique(labels, return_index=True)
    order = {label: rank for rank, label in enumerate(labels[np.sort(first)])}
    return np.array([order[label] for label in labels], dtype=np.int64)


def _merge_similar(
    unit: NDArray[np.float32], labels: NDArray[np.int64], threshold: float, keep: int = 1
) -> NDArray[np.int64]:
    labels = labels.copy()
    while True:
        values = np.unique(labels)
        if len(values) <= keep:  # keep >= 1 from the only caller (its floor)
            return labels
        centres = normalised(np.stack([unit[labels == v].mean(axis=0) for v in values]))
        similarity = centres @ centres.T
        np.fill_diagonal(similarity, -1.0)
        a, b = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        if similarity[a, b] < threshold:
            return labels
        labels[labels == values[b]] = values[a]


def spectral_bounded(
    embeddings: NDArray[np.float32],
    *,
    cap: int,
    max_clusters: int = 8,
    merge_similarity: float = 0.8,
    min_clusters: int = 1,
) -> NDArray[np.int64]:
    """`spectral` on at most `cap` embeddings; the others join the nearest cluster's centroid.

    The dense affinity and its eigendecomposition take memory and time that grow with the square
    and the cube of the number of embeddings. Up to `cap` embeddings this is `spectral` itself;
    beyond it, `cap` embeddings evenly spaced through the recording are clustered, and every
    other one takes the label of the cluster centroid it is most similar to (cosine). Labels are
    0..K-1 by first appearance, as from `spectral`.
    """
    count = len(embeddings)
    if count <= cap:
        return spectral(
            embeddings,
            max_clusters=max_clusters,
            merge_similarity=merge_similarity,
            min_clusters=min_clusters,
        )
    chosen = np.unique(np.linspace(0, count - 1, cap).round().astype(np.int64))
    unit = normalised(embeddings)
    sampled = spectral(
        unit[chosen],
        max_clusters=max_clusters,
        merge_similarity=merge_similarity,
        min_clusters=min_clusters,
    )
    centres = centroids(unit[chosen], sampled)
    labels = np.empty(count, dtype=np.int64)
    for first in range(0, count, 4096):  # (rows, K) similarities a block at a time
        labels[first : first + 4096] = np.argmax(unit[first : first + 4096] @ centres.T, axis=1)
    labels[chosen] = sampled
    _, first_seen = np.unique(labels, return_index=True)
    order = {label: rank for rank, label in enumerate(labels[np.sort(first_seen)])}
    return np.array([order[label] for label in labels], dtype=np.int64)
