"""Self-introduced names, not the words that follow "I'm" or "this is" in every sale.

"my name is John Smith", "this is Maria from Acme Insurance", "I'm Dave", "call me Jen"; not
"I'm looking", "I'm just browsing", "this is a nice car".

Whether a word is a first name comes from the US Census first-name lists (the `names`
package); words that are also everyday English ("grace", "will", "frank", "june") count as
names only when written with a capital letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources

from edge.privacy.spans import Kind, Span, merge
from edge.privacy.vocab import CARS, SPANISH_FUNCTION, words

#: Census first names that are also everyday words: names only when capitalised.
_AMBIGUOUS_WORDS = """
    an in so my man son see long many miss moon sun star page lane king major young love hope
    faith grace joy will may june april august summer winter spring autumn season dawn rose
    ruby pearl crystal amber diamond golden honey candy cherry daisy holly ivy lily iris violet
    olive hazel sage maple willow fern forest berry brook bell bee bud buck bill mark frank art
    guy chance rich rusty sunny dusty misty stormy windy tiny precious noble royal prince
    princess queen lady angel fairy liberty harmony destiny charity mercy patience prudence
    glory melody marvel desire genesis trinity temple echo delta alpha omega era ward grant
    chase drew dale earnest else gay german marine manual brain angle carry marry lean loan nova
    china chin ping song soon un ha pa ma na mi ta tu yen yon dot jack jimmy chuck ray jay sandy
    kitty buddy bunny penny missy dolly ginger pinkie rocky buster junior ok okay easter sparkle
    sunshine velvet ivory ebony jade coral garnet opal emerald jewel blossom raven robin
    story lee deal mac sol van lore meta ai bo ka kai li lin lai mae my yang
    """
AMBIGUOUS = frozenset(_AMBIGUOUS_WORDS.split())
#: Words after "I'm", "call me", "this is", "my name is" that end a name or rule one out.
_STOP_WORDS = """
    a an the and but or so just looking browsing here there not good great fine interested
    thinking sure also really still actually trying going gonna with from at in on for to of
    is was am are be been sorry glad happy ready kind pretty very well all currently getting
    coming leaning hoping wondering comparing shopping new back done pre approved planning
    paying driving trading open flexible worried concerned married retired single buying
    selling considering leasing financing waiting afraid curious calling speaking your my his
    her our their it that this what who how if when because like about around over by as
    only probably definitely totally kinda sorta bit little lot more less too thanks thank
    you me we they he she him them us yes yeah no nope nice cool awesome perfect right
    wrong okay ok alright um uh er hmm oh hey hi hello correct fun mad sad tired busy free
    available local new used here's honestly literally basically first last next one two
    three four five six seven eight nine ten tomorrow today tonight later soon now then
    again back maybe guess need want have had has do does did can could would should will
    shall might must may let get got take make see say tell ask call text email number
    """
STOP = frozenset(_STOP_WORDS.split())
_TOKEN = r"[^\W\d_](?:[^\W\d_]|['-])*\b"  # letters of any alphabet: "María", "Siobhán"
_NAME_IS = re.compile(
    rf"\b(?:name\s+is|name's|name\s+was|names\s+is)\s+(?:uh\s+|um\s+)?(?P<first>{_TOKEN})",
    re.IGNORECASE,
)
_THIS_IS = re.compile(
    rf"\b(?:this\s+is|it's|it\s+is)\s+(?P<first>{_TOKEN})(?:\s+(?P<second>{_TOKEN}))?"
    r"(?=\s*,?\s*(?:from|with|at|over\s+at|calling|here|speaking|over\s+in)\b)",
    re.IGNORECASE,
)
_GREETING = re.compile(
    rf"(?:^|[.!?,]|\b(?:hi|hello|hey|yeah|yes|morning|afternoon|evening))\s*,?\s*"
    rf"(?:this\s+is|it's)\s+(?P<first>{_TOKEN})",
    re.IGNORECASE,
)
_I_AM = re.compile(
    rf"\b(?:i'm|i\s+am|im|call\s+me|calls\s+me|called\s+me)\s+(?P<first>{_TOKEN})",
    re.IGNORECASE,
)
#: "I'm Will from State Farm": a capitalised census name before "from" even if it is a word.
_I_AM_FROM = re.compile(
    r"\b(?:[Ii]'m|[Ii] am)\s+(?P<first>[A-Z][a-z]+)(?=\s*,?\s*(?:from|with|calling)\b)"
)
_NEXT = re.compile(rf"\s+({_TOKEN})")
#: Number words: said after "it's" they are a time or an amount ("it's twenty from seven").
NUMBER_WORDS = words(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand"""
)
#: Spanish function words, and "al" and "del", in lower case: never a first name.
_SPANISH_GLUE = SPANISH_FUNCTION | frozenset({"al", "del"})


#: How many of the most frequent census first names (male, female) are common enough to be
#: taken as names without any cue (the tails hold words such as "numbers" and "florida").
COMMON_MALE, COMMON_FEMALE = 1000, 2500


def _census(name: str) -> list[str]:
    text = resources.files("names").joinpath(name).read_text(encoding="ascii")
    return [line.split()[0].lower() for line in text.splitlines() if line.strip()]


class NameFinder:
    """Finds self-introduced names; loads the census lists once."""

    def __init__(self) -> None:
        """Load the first-name and surname lists."""
        male, female = _census("dist.male.first"), _census("dist.female.first")
        self.first = frozenset(male) | frozenset(female)
        self.common_first = frozenset(male[:COMMON_MALE]) | frozenset(female[:COMMON_FEMALE])
        self.last = frozenset(_census("dist.all.last"))

    def _is_first(self, word: str, strong: bool) -> bool:
        lower = word.lower()
        if lower in STOP:
            return False
        if lower in _SPANISH_GLUE and not word[0].isupper():
            return False  # "call me al (956) ...": Spanglish "al", not Al
        if strong:
            return True
        if word[0].isupper() and lower not in STOP:
            return lower in self.first or lower in self.last or lower not in AMBIGUOUS
        return lower in self.first and lower not in AMBIGUOUS

    def _state(self, word: str) -> bool:
        """Whether a lower-case word after "it's" says what a thing does or costs, no name.

        Round 23: "it's priced at" (test26), "it's sitting at" (test36), "It's raining
        sideways here" (test40), "it's twenty from seven" (test34): a verb's -ing or -ed form
        or a number word, in lower case and no listed first name.
        """
        lower = word.lower()
        if not word.islower() or lower in self.first:
            return False
        return lower in NUMBER_WORDS or (len(lower) > 4 and lower.endswith(("ing", "ed")))

    def _is_more(self, word: str, strong: bool) -> bool:
        lower = word.lower()
        if lower in STOP or (lower in AMBIGUOUS and not word[0].isupper()):
            return False
        if lower in CARS:
            return False  # "I'm Dave, Honda guy" said without the comma
        if word[0].isupper():
            return True
        return strong or lower in self.last

    def _span(self, text: str, start: int, end: int, strong: bool, most: int) -> Span:
        for _ in range(most - 1):
            following = _NEXT.match(text, end)
            if following is None or not self._is_more(following.group(1), strong):
                break
            end = following.end()
        return Span(start, end, Kind.NAME)

    def find(self, text: str) -> Iterator[Span]:
        """Spans of `text` that are names people gave for themselves (or a caller's)."""
        for match in _NAME_IS.finditer(text):
            if self._is_first(match.group("first"), strong=True):
                yield self._span(text, *match.span("first"), strong=True, most=3)
        for match in _THIS_IS.finditer(text):
            if self._is_first(match.group("first"), strong=True) and not self._state(
                match.group("first")
            ):
                last = "second" if match.group("second") else "first"
                if last == "second" and not self._is_more(match.group("second"), True):
                    last = "first"
                yield Span(match.start("first"), match.end(last), Kind.NAME)
        for match in _I_AM_FROM.finditer(text):
            if match.group("first").lower() in self.first:
                yield Span(*match.span("first"), Kind.NAME)
        for pattern in (_GREETING, _I_AM):
            for match in pattern.finditer(text):
                if self._is_first(match.group("first"), strong=False):
                    # up to three parts: "It's Nguyen Thi Lan", "I'm María José Ibarra"
                    yield self._span(text, *match.span("first"), strong=False, most=3)


#: Round 25 (test43, test44): a generational suffix closes the name it follows ("Ana Bell
#: Jr.", "peter hale the third"): the dot of "Jr."/"Sr." and, after a name of two words or
#: more that ends its clause, "Jr", "Sr", "II"-"IV" or "the second/third/fourth".
_SUFFIX_DOT = re.compile(r"\b(?:jr|sr)$", re.IGNORECASE)
_SUFFIX = re.compile(
    r",?\s+(?:(?i:jr|sr)\.?|(?-i:II|III|IV)\b|(?i:the\s+(?:second|third|fourth))\b)"
    r"(?=\s*(?:$|[,.;:!?]|(?i:and|but)\b))"
)


def with_suffix(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with each name of two words or more taken on over its generational suffix."""
    out = []
    for span in spans:
        if span.kind is Kind.NAME and len(text[span.start : span.end].split()) >= 2:
            end = span.end
            suffix = _SUFFIX.match(text, end)
            if suffix is not None:
                end = suffix.end()
            if _SUFFIX_DOT.search(text, span.start, end) and text[end : end + 1] == ".":
                end += 1
            span = Span(span.start, end, span.kind)
        out.append(span)
    return out


#: Round 25 (test27, test37): a capitalised word after "Mr."/"Mrs."/"Ms." is a surname even when
#: it is a car's make or a common word the vetoes drop ("Mr. Lincoln is in the lounge", "a pay
#: stub from Mr. Castellano"). "Dr." is left out: "Dr. Pepper" is a drink (test31).
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Mister)\.?\s+(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)\b")


def titled(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with each capitalised surname after a title of address."""
    extra = [Span(*m.span("name"), Kind.NAME) for m in _TITLED.finditer(text)]
    return merge([*spans, *extra]) if extra else spans
