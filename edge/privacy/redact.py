"""The redaction stage: transcript text in, text with typed placeholders out."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping

from edge.privacy import (
    address,
    addressed_es,
    business,
    closed_names,
    colours,
    corner,
    corrections,
    cross_street,
    cued_address,
    dob,
    echo,
    email,
    english_cues,
    enumerations_es,
    firms,
    frequency,
    groups,
    iban,
    kin_names,
    kin_names_es,
    last_four,
    license,
    model_year,
    name_words,
    named_so,
    nicknames_es,
    not_names,
    numbers,
    openers_es,
    paperwork,
    place_heads,
    plate,
    references,
    regional,
    role_names,
    route,
    spanish,
    spanish_address,
    spanish_cues,
    spanish_numbers,
    spanish_verbs,
    spelled,
    spelled_es,
    streets_es,
    teams,
    trims,
    vin,
    where,
    will,
    zipcode,
)
from edge.privacy import tagged as tagged_spans
from edge.privacy.language import spanish as _spanish_words
from edge.privacy.mentions import MentionFinder, article_before
from edge.privacy.names import NameFinder, titled, with_suffix
from edge.privacy.scorer import NameScorer, lexicon
from edge.privacy.spans import Kind, Redacted, Span, apply, merge
from edge.privacy.spoken import View, view
from edge.privacy.tagger import ENABLED as TAGGER_ENABLED
from edge.privacy.tagger import THRESHOLD as TAGGER_THRESHOLD
from edge.privacy.tagger import THRESHOLD_ES as TAGGER_THRESHOLD_ES
from edge.privacy.tagger import Tagger

_LOGGER = logging.getLogger(__name__)


#: "area code six one nine then ...": the cue is said as part of the number.
_AREA_CODE = re.compile(r"\barea\s+code(?:'s|\s+is)?\s+$", re.IGNORECASE)


#: Digit words of either language between two parts of one phone number (code-switching).
_DIGITS_BETWEEN = re.compile(
    r"^[\s,-]*(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|"
    r"cuatro|cinco|seis|siete|ocho|nueve)[\s,-]+)+$",
    re.IGNORECASE,
)


#: What may stand between two parts of one address: a comma, a city, "colonia ...".
_ADDRESS_GAP = re.compile(r"^[\s,]*(?:[^\W\d_]+\.?[\s,]+){0,3}$")
#: Round 25 (test40): a filler alone between two parts stays out ("... lane um unit twelve");
#: so does a clause of its own ("... road 2401 uh zip is 79830", test42) and a postcode's cue
#: ("57 Wexford Close, postcode M20 6HD", test28).
_FILLER_GAP = re.compile(
    r"\s+(?:uh|um)\s+|.*\b(?:is|was|it's|zip|postcode|postal)\b.*", re.IGNORECASE | re.DOTALL
)


#: A number word of a unit read out ("unit twelve", "suite three oh two").
_UNIT_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty)"
)
#: What closes a house number: "B-12" (Puerto Rico), "3º B" (Spain), "int. 4", "depto 5".
_UNIT_AFTER = re.compile(
    r"[\s,]*(?:"
    # round 25 (test40, test44): "..., Floor 3", "... lane um unit twelve": a floor, flat or
    # apartment by its number, and a unit read in number words, a filler before it
    r"(?P<filler>(?:uh|um)\s+)?(?P<unit>(?:unit|suite|apartment|apt|floor|flat)\s+#?\s*"
    rf"(?:\d{{1,4}}[A-Za-z]?|{_UNIT_WORD}(?:[\s-]+{_UNIT_WORD}){{0,3}}))\b|"
    r"[A-Za-z]-\d{1,4}|\d{1,2}\s?[º°ª]\s?[A-Za-z]?|"
    r"(?:int|interior|depto|dpto|apto|apt|apartamento|departamento|piso|unit|suite|ste)\.?"
    r"\s*#?\s*[A-Za-z0-9]{1,4})\b",
    re.IGNORECASE,
)


#: Round 18: the cross streets said after an address ("77 Elm Street between Ninth and
#: Tenth", test26; "450 east eighty third between first and york", test24; "Calle 8 número
#: 4215 entre 15 y 17", older Spanish files): one or two words each, no filler.
_CROSS_WORD = r"(?!(?:uh|um|eh|the|la|el|and|y)\b)[^\W_]+\.?"
_CROSS_AFTER = re.compile(
    rf"[\s,]*(?:between|entre)\s+(?:(?:the|calles?|la)\s+)?{_CROSS_WORD}(?:\s+{_CROSS_WORD})?"
    rf"\s+(?:and|y)\s+(?:(?:the|calle|la)\s+)?{_CROSS_WORD}(?:\s+(?:street|st|avenue|ave|calle))?\b",
    re.IGNORECASE,
)


def _unit_after(text: str, spans: list[Span]) -> list[Span]:
    """An address span taken on over the unit said right after it ("Calle 5 B-12")."""
    out = []
    for span in spans:
        if span.kind is Kind.ADDRESS:
            cross = _CROSS_AFTER.match(text, span.end)
            if cross is not None:
                span = Span(span.start, cross.end(), span.kind)
            unit = _UNIT_AFTER.match(text, span.end)
            if unit is not None and unit.group("filler"):
                out.append(Span(unit.start("unit"), unit.end(), span.kind))  # the "um" stays
            elif unit is not None:
                span = Span(span.start, unit.end(), span.kind)
        out.append(span)
    return merge(out)


def _cornered(text: str, spans: list[Span]) -> list[Span]:
    """Addresses taken on over a corner ("esquina con", round 15) or a cross street (round 21)."""
    return cross_street.extend(text, corner.extend(text, spans))


_TOKEN = re.compile(r"[^\W\d_]+")
#: Numbers of these kinds are read out digit by digit or in groups, never with a scale word
#: at their end: "forty thousand" after "credit" is an amount, not a card.
_IDS = frozenset({Kind.CARD, Kind.ACCOUNT, Kind.LICENSE, Kind.SSN})
_SCALE_LAST = re.compile(r"\b(?:thousand|million|grand|mil|millones)\W*$", re.IGNORECASE)


def in_spanish(text: str) -> bool:
    """Whether the line reads as Spanish (`language.spanish` on its words)."""
    return _spanish_words(_TOKEN.findall(text))


def _joined(text: str, spans: list[Span]) -> list[Span]:
    """Names split by a space joined ("jonathan" "reyes"), a phone with its "area code".

    Two parts of a phone number read in two languages ("ocho uno ocho, seven seven five, dos
    dos dos cero") are joined through the digit words between them.
    """
    joined: list[Span] = []
    for span in spans:
        if span.kind is Kind.PHONE:
            cue = _AREA_CODE.search(text, max(0, span.start - 20), span.start)
            if cue is not None:
                span = Span(cue.start(), span.end, span.kind)
        last = joined[-1] if joined else None
        gap = text[last.end : span.start] if last is not None else ""
        if last is not None and last.kind is span.kind is Kind.NAME and gap.isspace():
            joined[-1] = Span(last.start, span.end, Kind.NAME)
        elif last is not None and Kind.EMAIL in (last.kind, span.kind) and gap.isspace():
            # "tessa k l at icloud dot com": the name said first is the address's start
            joined[-1] = Span(last.start, span.end, Kind.EMAIL)
        elif (
            last is not None
            and last.kind is span.kind is Kind.ADDRESS
            and _ADDRESS_GAP.match(gap) is not None
            and _FILLER_GAP.fullmatch(gap) is None
        ):
            # "calle Álamo número 214, colonia Las Cumbres": street, colonia, ZIP are one place
            joined[-1] = Span(last.start, span.end, Kind.ADDRESS)
        elif (
            last is not None
            and last.kind is span.kind is Kind.PHONE
            and _DIGITS_BETWEEN.match(text[last.end : span.start])
        ):
            joined[-1] = Span(last.start, span.end, Kind.PHONE)
        else:
            joined.append(span)
    return joined


class Redactor:
    """Replaces personal data in a turn's text with `[EMAIL]`, `[PHONE]`, `[NAME]`, ...

    A pipeline stage: configuration in `__init__`, a pure `__call__`, no state between calls.
    From settings: `Redactor(settings.privacy.redact, settings.privacy.phone_region)`.

    Args:
        kinds: the kinds to redact, `Kind` or their names (default: all); `ValueError` for
            an unknown name.
        region: the country whose national phone formats are expected (ISO 3166 code).
        names_model: the learned name scorer's weights (`scorer.NameScorer`); default: the
            shipped ones. `learned_names=False` leaves the scorer out (rules only).
        tagger: whether the learned sequence tagger's spans (`tagger.Tagger`) are added to the
            rules'; `tagger_threshold` is its least marginal probability of a detail in a line
            that is not Spanish, `tagger_threshold_es` in a Spanish one.
        vin_tails: whether a VIN's last six to eight characters said alone ("the VIN ends in
            209341") are removed; by default they stay, and nothing else removes them
            (`vin.find_tail`, `PrivacySettings.redact_vin_tails`).
    """

    def __init__(
        self,
        kinds: Iterable[str] | None = None,
        region: str = "US",
        names_model: Mapping[str, object] | None = None,
        learned_names: bool = True,
        tagger: bool = TAGGER_ENABLED,
        tagger_threshold: float = TAGGER_THRESHOLD,
        tagger_threshold_es: float = TAGGER_THRESHOLD_ES,
        vin_tails: bool = False,
    ) -> None:
        self.kinds = frozenset(Kind) if kinds is None else frozenset(Kind(k) for k in kinds)
        self.region = region
        self.vin_tails = vin_tails
        self._names = NameFinder() if Kind.NAME in self.kinds else None
        self._mentions = (
            None
            if self._names is None
            else MentionFinder(self._names.first, self._names.common_first, self._names.last)
        )
        self._scorer = (
            None
            if self._names is None or not learned_names
            else NameScorer(
                lexicon(self._names.first, self._names.common_first, self._names.last),
                names_model,
            )
        )
        self._tagger = None
        finder = self._names or NameFinder()
        lex = lexicon(finder.first, finder.common_first, finder.last)
        self._first_name = lex.first_name
        self._lexicon = lex
        if tagger:
            self._tagger = Tagger(lex, tagger_threshold, threshold_es=tagger_threshold_es)
        if self._scorer is not None or self._tagger is not None:
            frequency.load()  # ~0.5 s, so that the first turn does not wait for it

    def spans(self, text: str) -> list[Span]:
        """The merged spans of `text` to replace, in order (offsets into `text`)."""
        digits = view(text)
        if self.vin_tails:
            tails = [
                Span(*digits.origin(s.start, s.end), s.kind) for s in vin.find_tail(digits.text)
            ]
            return self._spans(text, digits, tails)[0]
        # a VIN of at most 12 characters (`vin.partial`) that another rule found ("los últimos
        # seis del vin", "last four of the vin") is a tail too
        found, short = self._spans(text, digits, [], partial=True)
        return vin.drop_tails(found, [*vin.told_tails(text), *short])

    def _spans(
        self, text: str, digits: View, tails: list[Span], partial: bool = False
    ) -> tuple[list[Span], list[Span]]:
        """`spans`, with `text`'s digit view and the VIN tails to remove (`[]`: none).

        With `partial`, the VIN spans of at most 12 characters (`vin.partial`) the rules found
        are left out of the first list and returned as the second.
        """
        found: list[Span] = list(email.find(text))
        found.extend(vin.find(text))
        found.extend(iban.find(text))
        found.extend(plate.find(text))
        found.extend(last_four.find(text))  # round 18
        found.extend(will.find(text))  # round 18
        found.extend(cross_street.find(text))  # round 21
        found.extend(nicknames_es.find(text))  # round 18
        found.extend(kin_names_es.find(text))  # round 23
        found.extend(spanish.find(text))  # Spanish words; nothing in English text matches
        found.extend(spanish_cues.find(text))
        found.extend(addressed_es.find(text))
        found.extend(spanish_address.find(text))
        found.extend(spelled_es.find(text, in_spanish(text)))
        if self._names is not None:
            found.extend(regional.find(text, self._names.first))
        if self._names is not None and self._mentions is not None:
            named = [*self._names.find(text), *self._mentions.find(text)]
            named.extend(english_cues.find(text, self._mentions))
            named.extend(role_names.find(text, self._first_name))  # round 21
            named.extend(named_so.find(text, self._first_name))  # a naming cue's everyday name
            named.extend(kin_names.find(text, self._first_name))  # round 23: a relative's
            if self._scorer is not None:
                named.extend(
                    s
                    for s in self._scorer.find(text)
                    if not spanish_verbs.is_command(text[s.start : s.end])
                    and not article_before(text, s.start, text[s.start : s.end])
                )
                named.extend(self._scorer.cued(text))
                named.extend(self._scorer.rare(text))
                named.extend(self._scorer.pairs(text))
            named.extend(s for s in found if s.kind is Kind.NAME)  # Spanish cues
            if self._scorer is not None:
                named = self._scorer.extend(text, named)
            letters = list(spelled.find(text))
            found.extend(named)
            found.extend(letters)
            found.extend(echo.find(text, named, letters))
            found.extend(echo.before_repeat(text, named))
        in_view: list[Span] = [
            *numbers.find(digits, self.region),
            *license.find(digits.text),
            *dob.find(digits.text),
            *address.find(digits.text),
            *cued_address.find(digits.text),
            *cued_address.find_written(digits.text),
            *zipcode.find(digits),
        ]
        for span in in_view:
            start, end = digits.origin(span.start, span.end)
            if span.kind in _IDS and _SCALE_LAST.search(text, start, end):
                continue  # "pre-approved at the credit union for forty thousand": an amount
            found.append(Span(start, end, span.kind))
        found.extend(tails)
        short = [
            span
            for span in found
            if partial and span.kind is Kind.VIN and vin.partial(text[span.start : span.end])
        ]
        found = [span for span in found if span not in short]
        wanted = [span for span in business.drop(text, found) if span.kind in self.kinds]
        ruled = _joined(
            text,
            zipcode.after(
                digits, _unit_after(text, _cornered(text, regional.extend(text, merge(wanted))))
            ),
        )
        if self._tagger is None:
            return self._vetoed(text, ruled), short
        tagged = [span for span in self._tagger.find(text) if span.kind in self.kinds]
        if not tagged:
            return self._vetoed(text, ruled), short
        joined = tagged_spans.join(text, ruled, tagged, self._first_name)
        # the round 14 extensions once more over the join's places and numbers
        extended = zipcode.after(
            digits, _unit_after(text, _cornered(text, regional.extend(text, joined))), text
        )
        # round 16: the business's details and the non-names, vetoed after the tagger too
        return self._vetoed(text, business.drop(text, extended)), short

    def _vetoed(self, text: str, spans: list[Span]) -> list[Span]:
        """`spans` vetoed and completed.

        Without the non-names (round 16) and the places, groups, cars (round 17); with the
        other telling of a corrected number (round 18); without the deal's amounts, forms'
        names, the model years said before a car, and the firms, brands, organisations and
        teams (round 20); without the paperwork's reference numbers and the names said as
        common words, trims and teams (round 22).
        """
        spans = place_heads.drop(text, route.drop(text, spans))  # round 21: roads, places
        spans = streets_es.drop(text, spans)  # round 25: a Spanish street without a number
        named = where.drop(
            text,
            not_names.drop(
                text, model_year.drop(text, paperwork.drop(text, references.drop(text, spans)))
            ),
            self._first_name,
        )
        # round 19: paint colours, card networks and holidays
        things = closed_names.drop(text, colours.drop(text, named, self._listed))
        # round 20: firms, brands, organisations and teams
        firmless = firms.drop(
            text, groups.drop(text, things, self._listed), self._listed, self._first_name
        )
        # round 22: names said as common words ("ay jesús", "Grace period"), trims ("Trail Boss")
        plain = teams.drop(text, trims.drop(text, name_words.drop(text, firmless, self._listed)))
        # round 25: a town in a list of places, once every other veto has run
        plain = where.drop_listed(text, plain, self._first_name)
        # round 21: "María" "de la" "Luz Ortega" one name; round 23: a phone's "extensión"
        joined = spanish.joined_particles(text, corrections.extend(text, plain))
        # round 25: "Jr.", "the third"; "Mr. Lincoln"
        joined = titled(text, with_suffix(text, joined))
        # round 25: a Spanish list of places or things, one item of it no name
        listed = enumerations_es.drop(text, spanish_numbers.extension_after(text, joined))
        # round 25: a common Spanish word opening a sentence ("Ojo, ...", "Llamé ayer ...")
        return openers_es.drop(text, listed, self._listed, self._first_name)

    def _listed(self, word: str) -> bool:
        """Whether a lower-case word is a listed first or last name."""
        lex = self._lexicon
        return lex.first_name(word) or word in lex.last or word in lex.world_last

    def __call__(self, text: str) -> Redacted:
        """Redact `text`; the result keeps the original offsets of what was replaced."""
        redacted = apply(text, self.spans(text))
        if redacted.spans:
            _LOGGER.debug("redacted %d spans: %s", redacted.count, dict(redacted.counts))
        return redacted
