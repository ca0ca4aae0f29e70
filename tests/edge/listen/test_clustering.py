import numpy as np

from edge.listen import clustering


def voices(counts: list[int], spread: float = 0.25, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(counts), 192))
    rows = [centres[i] + spread * rng.normal(size=(n, 192)) for i, n in enumerate(counts)]
    return clustering.normalised(np.concatenate(rows).astype(np.float32))


def test_spectral_finds_two_speakers() -> None:
    labels = clustering.spectral(voices([30, 20]))
    assert labels[:30].tolist() == [0] * 30
    assert labels[30:].tolist() == [1] * 20


def test_spectral_finds_three_unbalanced_speakers() -> None:
    labels = clustering.spectral(voices([40, 15, 10], seed=1))
    assert len(set(labels[:40])) == len(set(labels[40:55])) == len(set(labels[55:])) == 1
    assert len(set(labels.tolist())) == 3


def test_spectral_keeps_one_speaker_whole() -> None:
    assert set(clustering.spectral(voices([40])).tolist()) == {0}


def test_too_few_embeddings_are_one_speaker() -> None:
    assert clustering.spectral(voices([2, 3])).tolist() == [0] * 5


def test_agglomerate_and_centroids() -> None:
    embeddings = voices([10, 10], spread=0.1)
    labels = clustering.agglomerate(embeddings, threshold=0.5)
    assert labels.tolist() == [0] * 10 + [1] * 10
    centres = clustering.centroids(embeddings, labels)
    assert centres.shape == (2, 192)
    assert np.allclose(np.linalg.norm(centres, axis=1), 1.0, atol=1e-5)


def test_assign_uses_each_centre_once() -> None:
    centres = voices([1, 1], seed=3)
    local = np.stack([centres[1], centres[0], centres[0]])
    assert clustering.assign(local, centres)[:2] == [1, 0]
    assert clustering.assign(local, centres)[2] == -1


def test_bounded_spectral_is_spectral_up_to_the_cap() -> None:
    embeddings = voices([40, 15, 10], seed=1)
    assert (
        clustering.spectral_bounded(embeddings, cap=65).tolist()
        == clustering.spectral(embeddings).tolist()
    )


def test_bounded_spectral_clusters_a_sample_and_assigns_the_rest_by_centroid() -> None:
    embeddings = voices([400, 300, 200], seed=2)
    order = np.random.default_rng(3).permutation(len(embeddings))  # voices interleaved in time
    labels = clustering.spectral_bounded(embeddings[order], cap=90)
    truth = np.repeat([0, 1, 2], [400, 300, 200])[order]
    for voice in range(3):
        assert len(set(labels[truth == voice].tolist())) == 1
    assert len(set(labels.tolist())) == 3
    assert labels[0] == 0  # labels by first appearance


def test_a_floor_on_the_number_of_speakers_splits_what_the_eigengap_kept_whole() -> None:
    embeddings = voices([30, 20], spread=0.25, seed=4)
    # merging everything above similarity -1 would leave one cluster; the floor keeps two
    assert set(clustering.spectral(embeddings, merge_similarity=-1.0).tolist()) == {0}
    labels = clustering.spectral(embeddings, merge_similarity=-1.0, min_clusters=2)
    assert labels[:30].tolist() == [0] * 30
    assert labels[30:].tolist() == [1] * 20


def test_the_floor_keeps_clusters_too_small_to_stand_alone() -> None:
    embeddings = voices([40, 3], seed=5)
    assert set(clustering.spectral(embeddings).tolist()) == {0}  # 3 < min_cluster_size
    labels = clustering.spectral(embeddings, min_clusters=2)
    assert labels[:40].tolist() == [0] * 40
    assert labels[40:].tolist() == [1] * 3
