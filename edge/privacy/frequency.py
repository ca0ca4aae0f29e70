"""How common a word is in English and in Spanish, from the `wordfreq` package's word counts.

A word an ASR writes in lower case that is rare in both languages ("haruto", "wendolyn",
"benjelloun") is, in a showroom, most often a name; one that is common in either ("rosa",
"vegan", "odometer") is most often a word. The figures are Zipf frequencies: log10 of a word's
count per billion words (7 for "the", 3 for a word met once in a million, 0 for an unseen one).
This is the dictionary the project lacked for Spanish; `wordfreq` ships its lists, nothing is
fetched at run time.

`zipf` gives exactly what `wordfreq.zipf_frequency` gives, but reads the package's lists into
two sorted byte arrays (word → centibel bucket) instead of `wordfreq`'s own dict and list of
lists: about 8 MB for both languages instead of about 70 MB (the hub's peak RSS counts). Own
code rather than `wordfreq.zipf_frequency` for that reason only; the tokenisation and the way
several tokens combine are `wordfreq`'s own functions and formula.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from functools import cache, lru_cache

import msgpack
import numpy as np
from numpy.typing import NDArray
from wordfreq import available_languages, cB_to_freq
from wordfreq.numbers import digit_freq, smash_numbers
from wordfreq.tokens import lossy_tokenize

#: The two languages a showroom line is in.
LANGUAGES = ("en", "es")
#: `wordfreq.zipf_frequency`'s floor (Zipf 0) as a frequency.
_MINIMUM = 1e-9


@dataclass(frozen=True)
class _Table:
    """One language's list: its words (UTF-8, sorted) end to end, and each one's bucket.

    Word `i` is `text[starts[i]:starts[i + 1]]`; its frequency is `-buckets[i]` centibels.
    Held as one byte string (about 2.5 MB a language) rather than 300,000 Python strings.
    """

    text: bytes
    starts: NDArray[np.uint32]
    buckets: NDArray[np.uint16]

    @classmethod
    def read(cls, language: str) -> _Table:
        """Read `wordfreq`'s cBpack file of `language` one bucket at a time.

        The file is a gzipped msgpack list: a header, then the words of each centibel bucket
        (`wordfreq.read_cBpack`). Reading it whole, as that function does, would leave tens of
        MB of freed small objects in the heap; a bucket at a time keeps the transient small.
        """
        words: list[NDArray[np.bytes_]] = []
        buckets: list[NDArray[np.uint16]] = []
        with gzip.open(available_languages("best")[language], "rb") as packed:
            unpacker = msgpack.Unpacker(packed, raw=False)
            count = unpacker.read_array_header()
            header = unpacker.unpack()
            if not isinstance(header, dict) or (header.get("format"), header.get("version")) != (
                "cB",
                1,
            ):
                raise ValueError(f"unexpected wordfreq list header: {header!r}")
            for bucket in range(count - 1):
                found = unpacker.unpack()
                if found:
                    words.append(np.array([word.encode() for word in found], dtype=np.bytes_))
                    buckets.append(np.full(len(found), bucket, dtype=np.uint16))
        every = np.concatenate(words)
        order = np.argsort(every, kind="stable")  # bytewise, as Python orders bytes
        every = every[order]
        lengths = np.char.str_len(every)
        width = every.dtype.itemsize
        cells = every.view(np.uint8).reshape(len(every), width)
        text = cells[np.arange(width) < lengths[:, None]].tobytes()
        starts = np.zeros(len(every) + 1, dtype=np.uint32)
        np.cumsum(lengths, out=starts[1:])
        return cls(text, starts, np.concatenate(buckets)[order])

    def frequency(self, token: str) -> float | None:
        """The token's frequency as a proportion, None if the list lacks it."""
        key = token.encode()
        low, high = 0, len(self.buckets)
        while low < high:  # the first word not below `key`
            middle = (low + high) // 2
            if self._word(middle) < key:
                low = middle + 1
            else:
                high = middle
        if low == len(self.buckets) or self._word(low) != key:
            return None
        return float(cB_to_freq(-int(self.buckets[low])))

    def _word(self, index: int) -> bytes:
        return self.text[int(self.starts[index]) : int(self.starts[index + 1])]


@cache
def _table(language: str) -> _Table:
    return _Table.read(language)


@lru_cache(maxsize=1 << 16)
def zipf(word: str, language: str) -> float:
    """The Zipf frequency of `word` (lower case) in `language` ("en" or "es"); 0 if unseen."""
    table = _table(language)
    tokens = lossy_tokenize(word, language)
    if not tokens:
        return 0.0
    one_over = 0.0
    for token in tokens:  # wordfreq's rule: 1/f = 1/f1 + 1/f2 + ...; digits smashed to 0
        smashed = smash_numbers(token)
        found = table.frequency(smashed)
        if found is None:
            return 0.0
        one_over += 1.0 / (found * digit_freq(token) if smashed != token else found)
    frequency = max(1.0 / one_over, _MINIMUM)
    leading_zeroes = math.floor(-math.log(frequency, 10))
    return round(math.log(round(frequency, leading_zeroes + 3), 10) + 9, 2)


def load() -> None:
    """Load both languages' lists now (a redactor does at its start, not on its first turn)."""
    from edge.listen import malloc  # light: ctypes only

    for language in LANGUAGES:
        _table(language)
    malloc.trim()  # the build's temporary arrays: about 25 MB the heap would otherwise keep


def most(word: str) -> float:
    """The higher of the word's Zipf frequencies in English and Spanish."""
    return max(zipf(word, language) for language in LANGUAGES)


def rare(word: str, below: float) -> bool:
    """Whether `word` is below Zipf `below` in both English and Spanish."""
    return all(zipf(word, language) < below for language in LANGUAGES)
