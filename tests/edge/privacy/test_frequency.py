"""Word frequencies of English and Spanish (`wordfreq`): what makes a lower-case word rare."""

from __future__ import annotations

from edge.privacy import frequency


def test_common_words_are_common_in_their_language() -> None:
    assert frequency.zipf("the", "en") > 7
    assert frequency.zipf("casa", "es") > 5
    assert frequency.most("odometer") > 2  # seen in English text
    assert frequency.zipf("odometer", "es") < frequency.zipf("odometer", "en")


def test_names_of_other_countries_are_rare_in_both() -> None:
    for name in ("haruto", "kwame", "benjelloun"):
        assert frequency.rare(name, 3.0)
    for word in ("price", "precio", "lease", "enganche"):
        assert not frequency.rare(word, 3.0)


def test_an_unseen_word_has_zero() -> None:
    assert frequency.zipf("qxzvjwk", "en") == 0.0
    assert frequency.most("qxzvjwk") == 0.0


def test_a_redactor_loads_the_lists_at_its_start() -> None:
    from edge.privacy.redact import Redactor

    Redactor()
    assert frequency.zipf.cache_info().currsize >= len(frequency.LANGUAGES)
