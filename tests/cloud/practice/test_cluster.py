"""Grouping phrasings: same wording together, different apart, the central one as example."""

from __future__ import annotations

from cloud.practice.cluster import cluster, tfidf


def test_same_wordings_group_and_the_biggest_comes_first() -> None:
    texts = [
        "The price is too high.",
        "That price is way too high for me.",
        "the price is too high honestly",
        "Another dealer has it cheaper.",
    ]
    groups = cluster(texts)
    assert [len(g.members) for g in groups] == [3, 1]
    assert groups[0].example in texts[:3]
    assert groups[1].members == ("Another dealer has it cheaper.",)


def test_every_text_lands_in_exactly_one_group() -> None:
    texts = [f"line {n} about the price" for n in range(12)] + ["completely different words"]
    groups = cluster(texts)
    assert sorted(m for g in groups for m in g.members) == sorted(texts)


def test_nothing_or_blank_gives_no_group() -> None:
    assert cluster([]) == []
    assert cluster(["  ", ""]) == []


def test_rows_are_unit_length_or_zero() -> None:
    vectors = tfidf(["too expensive", "123 !!!"])
    assert round(float((vectors[0] ** 2).sum()), 6) == 1.0
    assert float(abs(vectors[1]).sum()) == 0.0
