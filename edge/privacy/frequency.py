"""How common a word is in English and in Spanish, from the `wordfreq` package's word counts.

A word an ASR writes in lower case that is rare in both languages ("haruto", "wendolyn",
"benjelloun") is, in a showroom, most often a name; one that is common in either ("rosa",
"vegan", "odometer") is most often a word. The figures are Zipf frequencies: log10 of a word's
count per billion words (7 for "the", 3 for a word met once in a million, 0 for an unseen one).
This is the dictionary the project lacked for Spanish; `wordfreq` ships its lists, nothing is
fetched at run time. The lists load on first use (about 0.5 s, some 60 MB).
"""

from __future__ import annotations

from functools import cache

from wordfreq import zipf_frequency

#: The two languages a showroom line is in.
LANGUAGES = ("en", "es")


@cache
def zipf(word: str, language: str) -> float:
    """The Zipf frequency of `word` (lower case) in `language` ("en" or "es"); 0 if unseen."""
    return float(zipf_frequency(word, language))


def load() -> None:
    """Load both languages' lists now (a redactor does at its start, not on its first turn)."""
    for language in LANGUAGES:
        zipf("the", language)


def most(word: str) -> float:
    """The higher of the word's Zipf frequencies in English and Spanish."""
    return max(zipf(word, language) for language in LANGUAGES)


def rare(word: str, below: float) -> bool:
    """Whether `word` is below Zipf `below` in both English and Spanish."""
    return all(zipf(word, language) < below for language in LANGUAGES)
