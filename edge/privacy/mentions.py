"""Names said without a self-introduction: "hi mister johnson", "my wife sarah", "ask for tom".

Three strengths of evidence, weakest last:

- *strong*: after an honorific ("mr.", "mister", "mrs", "ms", "dr", "doctor") or a relation
  ("my wife", "my son", "our friend", ...): any census first or last name, or a capitalised word;
- *cued*: after a greeting or a hand-over ("hi", "thanks", "ask for", "speak with", "tell",
  "let ... know") or before "will sign", "said", "from", "is coming", ...: a census first name,
  also an everyday one ("mark", "grant") when the cue comes before it;
- *bare*: any census first name that is not an everyday word (`names.AMBIGUOUS`), a car, a place
  (`vocab.NOT_BARE`), a street ("jackson street") or a city ("santa monica").

A census surname right after a found name is taken with it ("anthony ruiz").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy import frequency
from edge.privacy.language import ENGLISH, spanish
from edge.privacy.name_cues import ES_INTERJECTIONS
from edge.privacy.names import AMBIGUOUS, STOP
from edge.privacy.places import placed
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import (
    CARS,
    COMMON_WORDS,
    NOT_BARE,
    NOT_NAMES,
    PLACE_AFTER,
    PLACE_BEFORE,
    SPANISH_FUNCTION,
    acronym,
    words,
)
from edge.privacy.world_names import everyday, lists

_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['-])*")  # any language's letters: "mañana" is one word
HONORIFICS = words("mr mister mrs missus ms miss mz dr doctor prof professor")
_RELATIONS = words("""
    wife husband son daughter brother sister partner friend boyfriend girlfriend fiance
    fiancee mom dad mother father mum grandson granddaughter grandma grandpa cousin uncle aunt
    boss coworker colleague neighbor neighbour roommate kid kids stepson stepdaughter
    salesman saleswoman salesperson rep advisor agent adjuster banker lender realtor""")
_OWNERS = words("my our his her their your")
#: "the doctor said", "a miss": an honorific after these is a noun, not a title.
_ARTICLES = _OWNERS | words("the a an this that")
#: Cues before a name after which an everyday word is a name too ("ask for mark").
_HANDOVER = words(
    "ask asking speak speaking talk talking spoke spoken tell told let worked working dealt"
)
_CUE_BEFORE = _HANDOVER | words(
    "hi hey hello thanks bye morning afternoon evening welcome sorry congrats dear have meet met "
    "ping cc"
)
#: Cue words that need a word after them first: "ask for", "speak to", "talk with".
_CUE_LINK = frozenset({"for", "to", "with"})
_CUE_AFTER = words("""will said says from called asked mentioned told wants sign signs signed here
    helped showed""")
#: "leave the keys with priya in finance": a department after a name.
_DEPARTMENTS = words("finance sales service parts reception accounting leasing fleet business")
#: "is frank in today", "is grace around": asking whether a person is at the dealership.
_PRESENT = words("around in here available working free busy back off")
#: A bare name-like word after these is a place.
_PLACE_CUE = words("en de desde in from near cerca")
#: A first name said bare after an article is a thing ("the rosario on the mirror", "a lien",
#: "the Laredo trim"); in Spanish only a masculine one before a lower-case word ("el pilar B";
#: "la Lupe", "el Beto" are how names are said).
_THING_ARTICLES = words("the a an")
_THING_ARTICLES_ES = words("el un del al")
_ARTICLE_BEFORE = re.compile(r"\b(\w+)\s+$")


def after_article(before: str, word: str, in_spanish: bool) -> bool:
    """Whether `word`, said right after `before` (lower case), is a thing by its article.

    In a Spanish line "a" is the preposition before a person ("conoce a Yokasta").
    """
    if before in _THING_ARTICLES:
        return not (in_spanish and before == "a")
    return before in _THING_ARTICLES_ES and word.islower()


def article_before(text: str, start: int, word: str) -> bool:
    """Whether the word before `text[start:]` is an article that makes `word` a thing."""
    match = _ARTICLE_BEFORE.search(text, max(0, start - 12), start)
    if match is None:
        return False
    return after_article(match.group(1).lower(), word, spanish(_TOKEN.findall(text)))


#: "a nombre de ...", "de parte de ...": "de" after these leads to a person.
_ON_BEHALF = words("nombre parte")
#: Capitalised words that start a sentence before "said" and are not names.
#: Words for a person that are no name (`english_cues` too).
NOT_PERSON = words("""everyone everybody someone somebody nobody anyone anybody nothing
    mom mum mommy momma dad daddy pops grandma grandpa granny buddy customer client buyer
    caller boss""")  # round 10: "Mom called", "Buddy said", "Customer says" are no names
_NOT_PERSON = NOT_PERSON
_CALENDAR = words("""monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december""")
#: "the name on the title is ...", "named ...", "last name ...": what follows is a name.
_NAMED = re.compile(
    r"\b(?:(?:name|surname)(?:\s+\w+){0,4}\s+(?:is|was|reads|says)|named|surname|"
    r"(?:last|first|family|middle)\s+name|name's|(?:under|in)\s+the\s+name(?:\s+of)?|goes\s+by|"
    r"registered\s+to|titled\s+to|made\s+out\s+to|(?:put|have)\s+(?:it|that|this)\s+under)$"
)


#: World surnames shorter than this ("ya", "an") are everyday words in some language.
_MIN_WORLD = 3
_FAMILY = re.compile(r"\b[Tt]he\s+([A-Z][a-z]+?)e?s\b")


def _key(word: str) -> str:
    lower = word.lower()
    return lower[:-2] if lower.endswith("'s") else lower.rstrip("'-")


class MentionFinder:
    """Finds names mentioned in passing, with the census lists of `names.NameFinder`."""

    def __init__(self, first: frozenset[str], common: frozenset[str], last: frozenset[str]) -> None:
        """Keep the census sets: all first names, the common ones, and surnames.

        The names of other countries (`world_names`) are added where a cue says a name comes.
        """
        self.first = first
        self.common = common
        self.last = last
        world_first, world_last = lists()
        self.cued_first = first | world_first
        self.any_last = last | frozenset(n for n in world_last if len(n) >= _MIN_WORLD)
        #: Common census first names that are everyday words of either language and no
        #: country's first name ("esta", "vida", "soon"): never a name without a cue.
        self.everyday = (common & everyday()) - world_first

    def _strong(self, word: str, honorific: bool, named: bool = False) -> bool:
        key = _key(word)
        if key in STOP or key in _CALENDAR or len(key) < 2 or key in CARS:
            return False
        if word[0].isupper() or (named and key not in COMMON_WORDS):
            return True
        if honorific:
            return key not in COMMON_WORDS and (key in self.cued_first or key in self.any_last)
        return key in self.cued_first and key not in AMBIGUOUS and key not in COMMON_WORDS

    def _cued(self, word: str, everyday: bool) -> bool:
        key = _key(word)
        if key in STOP or key in _CALENDAR or key in NOT_NAMES or key in CARS:
            return False
        if key not in self.cued_first:
            return False
        return everyday or key not in AMBIGUOUS or word[0].isupper()

    def _bare(self, words: list[str], index: int) -> bool:
        key = _key(words[index])
        if key in STOP or key in AMBIGUOUS or key in NOT_BARE or key in _CALENDAR:
            return False
        if key in NOT_NAMES or key not in self.common or len(key) < 3 or key in self.everyday:
            return False
        surname_next = len(words) > 1 and words[1][0].isupper()  # "Mira Sánchez viene"
        opener = index == 0 and key in ES_INTERJECTIONS and not surname_next
        if opener and not ENGLISH & {w.lower() for w in words}:
            return False  # "mira, puedes ...": opening a line with no English; "Mira is" stays
        if not words[index][0].isupper() and spanish(words):
            return False  # "mira, ...", "le marco", "una norma": Spanish words, said bare
        before = words[index - 1].lower() if index else ""
        further = words[index - 2].lower() if index > 1 else ""
        if before in _PLACE_CUE and further not in _ON_BEHALF:
            return False  # "vivo cerca, en Guadalupe", "soy de Dolores": a place
        if after_article(before, words[index], spanish(words)):
            return False  # "the rosario hanging from the mirror", "a lien", "the Laredo"
        lowered = [_key(w) for w in words[max(0, index - 3) : index + 1]]
        if placed(lowered, min(index, 3), self.common.__contains__, frequency.most):
            return False  # "from corpus christi", "moving to calgary"
        after = _key(words[index + 1]) if index + 1 < len(words) else ""
        return before not in PLACE_BEFORE and after not in PLACE_AFTER

    def _is_name(self, words: list[str], index: int) -> bool:
        before = [w.lower() for w in words[max(0, index - 2) : index]]
        after = _key(words[index + 1]) if index + 1 < len(words) else ""
        if before and before[-1].rstrip(".") in HONORIFICS and before[0] not in _ARTICLES:
            return self._strong(words[index], honorific=True)
        if _NAMED.search(" ".join(w.lower() for w in words[max(0, index - 6) : index])):
            return self._strong(words[index], honorific=True, named=True)
        if acronym(words[index]):
            return False  # "ya con IVA", "the APR": an acronym unless a name is asked for
        if len(before) == 2 and before[0] in _OWNERS and before[1] in _RELATIONS:
            return self._strong(words[index], honorific=False)
        cue = before[-1] if before else ""
        if cue in _CUE_LINK and len(before) == 2:
            cue = before[0]
        elif cue in _CUE_LINK:
            cue = ""
        if cue in _CUE_BEFORE:
            return self._cued(words[index], everyday=cue in _HANDOVER)
        role = _key(words[index]) in _NOT_PERSON  # "Mom called", but "ask for Buddy"
        if after in _CUE_AFTER and not role and self._cued(words[index], everyday=False):
            return True
        if after in _CUE_AFTER and self._capitalised(words[index]):
            return True
        further = _key(words[index + 2]) if index + 2 < len(words) else ""
        if after in {"in", "from", "at"} and further in _DEPARTMENTS:
            return self._cued(words[index], everyday=False)
        if cue == "is" and after in _PRESENT:
            return self._cued(words[index], everyday=True)
        return self._bare(words, index)

    def _capitalised(self, word: str) -> bool:
        """A capitalised word that is no everyday, car, place or calendar word ("Kenji")."""
        key = _key(word)
        if not word.istitle() or not key.isalpha() or len(key) < 3:  # not "RAV" of "RAV4"
            return False
        if key in STOP or key in _NOT_PERSON:
            return False
        return not (key in COMMON_WORDS or key in CARS or key in NOT_NAMES or key in _CALENDAR)

    def _surname(self, word: str) -> bool:
        key = _key(word)
        if key in STOP or key in AMBIGUOUS or key in NOT_BARE or key in _CALENDAR:
            return False
        if key in COMMON_WORDS or key in NOT_NAMES or key in SPANISH_FUNCTION:
            return False
        return key in self.any_last and (word[0].isupper() or key not in self.first)

    def families(self, text: str) -> Iterator[Span]:
        """Families named in the plural ("the Hendersons", "the Nguyens"), capitalised."""
        for match in _FAMILY.finditer(text):
            stem = match.group(1).lower()
            stem = stem[:-1] if stem.endswith("e") and stem[:-1] in self.last else stem
            whole = match.group(0).split()[-1].lower()
            if stem in self.last and not {stem, whole} & (CARS | COMMON_WORDS):
                yield Span(match.start(1), match.end(), Kind.NAME)

    def find(self, text: str) -> Iterator[Span]:
        """Spans of `text` that are names of people mentioned."""
        yield from self.families(text)
        tokens = list(_TOKEN.finditer(text))
        words = [token.group() for token in tokens]
        index = 0
        while index < len(words):
            if not self._is_name(words, index):
                index += 1
                continue
            start, end = tokens[index].span()
            prior = words[index - 1].lower().rstrip(".") if index else ""
            if prior in HONORIFICS:
                start = tokens[index - 1].start()
                if (
                    index >= 3
                    and words[index - 2].lower() == "and"
                    and words[index - 3].lower().rstrip(".") in HONORIFICS
                ):
                    start = tokens[index - 3].start()  # "mr. and mrs. goldberg"
            while index + 1 < len(words) and self._surname(words[index + 1]):
                index += 1
                end = tokens[index].end()
            yield Span(start, end, Kind.NAME)
            index += 1
