"""More of a name already found in the same line: said again, spelled out, or shortened.

- Said again: "the name's Hollis, Hollis Brandt" (the repeat, and a capitalised surname after it).
- Spelled out: "put it under tanaka, t a n a k a" (the word the letters spell, accents aside:
  "Echeverría ... e c h e v e r r i a").
- Full name and nickname: "Bartholomew, but you can call me Bart", "I'm Oluwaseun, but
  everyone calls me Seun": a capitalised word that begins or ends with a found name.

Only words of the line that a found span already vouches for are taken; nothing is a name here
on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from edge.privacy import frequency
from edge.privacy.names import STOP
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS, COMMON_WORDS

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['-])*")
_MIN = 3


def fold(word: str) -> str:
    """`word` in lower case without accents ("Echeverría" -> "echeverria")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _plain(word: str) -> bool:
    key = fold(word)
    return len(key) >= _MIN and key not in STOP and key not in COMMON_WORDS and key not in CARS


def find(text: str, names: Iterable[Span], spelled: Iterable[Span]) -> Iterator[Span]:
    """Spans of `text` that repeat, spell or shorten a word of the `names` found in it."""
    tokens = list(_WORD.finditer(text))
    found = [span for span in names if span.kind is Kind.NAME]
    inside = {i for i, t in enumerate(tokens) for s in found if s.start <= t.start() < s.end}
    named = {fold(tokens[i].group()) for i in inside if _plain(tokens[i].group())}
    spelled_words = {
        fold("".join(ch for ch in text[s.start : s.end] if ch.isalpha() and ch.isascii()))
        for s in spelled
    }
    spelled_words = {w for w in spelled_words if len(w) >= _MIN}
    yield from _short_spelling(text, tokens, inside)
    for i, token in enumerate(tokens):
        if i in inside:
            continue
        word = token.group()
        key = fold(word)
        if not _plain(word) and key not in spelled_words:
            continue
        nickname = word[0].isupper() and any(
            key != n and (key.startswith(n) or key.endswith(n) or n.startswith(key)) for n in named
        )
        if key in named or key in spelled_words or nickname:
            end = token.end()
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                key in named
                and following is not None
                and following.group()[0].isupper()
                and _plain(following.group())
                and text[end : following.start()].strip() == ""
            ):
                end = following.end()
            yield Span(token.start(), end, Kind.NAME)


#: Round 23 (test34, test36, test37): a three-letter name spelled right after it, as an ASR
#: writes both in lower case ("paz, p a z"). `spelled` takes three letters only after a cue or a
#: capitalised word they spell ("the crv, c r v" stays); here the word is a found name.
_THREE = re.compile(r"(?<![\w'])([a-z])[\s,.-]+([a-z])[\s,.-]+([a-z])(?![\w'])", re.IGNORECASE)
_SPELLING_REACH = 40


def _short_spelling(text: str, tokens: list[re.Match[str]], inside: set[int]) -> Iterator[Span]:
    """Three single letters that spell a found name's word said just before them."""
    for match in _THREE.finditer(text):
        word = "".join(match.groups()).lower()
        if any(
            fold(tokens[i].group()) == word
            and match.start() - _SPELLING_REACH <= tokens[i].start() < match.start()
            for i in inside
        ):
            yield Span(match.start(), match.end(), Kind.NAME)


#: A lower-case word in no list before a repeated surname is a first name when rarer than this
#: in both languages ("chinwe" as an ASR writes it), as `name_cues.SURNAME_ZIPF`.
RARE_ZIPF = 2.5


def before_repeat(text: str, names: Iterable[Span]) -> Iterator[Span]:
    """What stands before a found name's word said twice, as part of the name.

    "Olusegun Adeyemi and Chinwe Adeyemi" (a second person of the family), "fatima al hassan
    ... and then al hassan" (the particle).

    Walking back from the second (or later) occurrence: words of the found names ("al"), a
    capitalised word in no everyday list ("Chinwe"), or a lower-case one rare in both languages.
    """
    tokens = list(_WORD.finditer(text))
    found = [span for span in names if span.kind is Kind.NAME]
    inside = {i for i, t in enumerate(tokens) for s in found if s.start <= t.start() < s.end}
    keys = [fold(t.group()) for t in tokens]
    named = {keys[i] for i in inside if _plain(tokens[i].group())}
    parts = {keys[i] for i in inside}
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key not in named:
            continue
        if key not in seen:
            seen.add(key)
            continue
        j = i
        while j > 0 and _first_part(tokens[j - 1].group(), keys[j - 1], parts):
            if text[tokens[j - 1].end() : tokens[j].start()].strip():
                break  # a comma or a full stop between them
            j -= 1
        if j < i:
            yield Span(tokens[j].start(), tokens[i].end(), Kind.NAME)


def _first_part(word: str, key: str, parts: set[str]) -> bool:
    if key in STOP and key not in parts:
        return False
    if key in parts:
        return True
    if not _plain(word):
        return False
    return word[0].isupper() or frequency.rare(key, RARE_ZIPF)
