"""What the tagger may add to the rules' spans (`edge.privacy.tagged.join`).

The policy is tested on spans placed by hand (what the rules and the tagger would say), so that
each veto is seen alone; the shipped tagger itself is tested in test_tagger.py, and the two
together through `Redactor` at the end.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from edge.privacy.tagged import join


def _span(text: str, part: str, kind: Kind) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), kind)


def _first_name(word: str) -> bool:
    return word in {"rachel", "maría", "tom"}


def _joined(text: str, ruled: list[tuple[str, Kind]], tagged: list[tuple[str, Kind]]) -> str:
    spans = join(
        text,
        [_span(text, part, kind) for part, kind in ruled],
        [_span(text, part, kind) for part, kind in tagged],
        _first_name,
    )
    return " | ".join(f"{text[s.start : s.end]}:{s.kind.value}" for s in spans)


def test_a_widened_span_keeps_the_rules_kind() -> None:
    text = "the buyer is maría elena castillo"
    joined = _joined(text, [("maría elena", Kind.NAME)], [("maría elena castillo", Kind.ADDRESS)])
    assert joined == "maría elena castillo:name"


@pytest.mark.parametrize(
    ("text", "rule", "tagged", "expected"),
    [
        # a bare number at the end of a rule's address is a distance, not its part
        ("vivo en calle Juárez 45 20 minutos de aquí", "calle Juárez 45", "calle Juárez 45 20",
         "calle Juárez 45:address"),
        # a unit's letter is
        ("avenida sur 5 departamento cinco b gracias", "avenida sur 5 departamento cinco",
         "avenida sur 5 departamento cinco b", "avenida sur 5 departamento cinco b:address"),
    ],
)  # fmt: skip
def test_a_rule_span_is_widened_by_words_and_letters_not_by_a_number(
    text: str, rule: str, tagged: str, expected: str
) -> None:
    assert _joined(text, [(rule, Kind.ADDRESS)], [(tagged, Kind.ADDRESS)]) == expected


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("I bought it on 03/15/2019 and it has 45,000 miles", "03/15/2019"),
        ("the price tag is 32000", "32000"),
        ("we'd pay thirty two thousand five hundred out the door",
         "thirty two thousand five hundred"),
        ("the VIN ends in r t cuatro", "r t cuatro"),
    ],
)  # fmt: skip
def test_numbers_and_a_few_letters_alone_are_left_to_the_rules(text: str, tagged: str) -> None:
    assert _joined(text, [], [(tagged, Kind.PHONE)]) == ""


def test_an_id_read_out_piece_by_piece_is_added() -> None:
    text = "my license number is k four four nine one zero two seven"
    tagged = "k four four nine one zero two seven"
    assert _joined(text, [], [(tagged, Kind.ADDRESS)]) == f"{tagged}:address"


def test_a_zip_is_added_close_after_an_address_and_not_alone() -> None:
    text = "we're at 18 Cedar Court, Burbank, 91502 and the lot is 91502 too"
    joined = _joined(text, [("18 Cedar Court", Kind.ADDRESS)], [("91502", Kind.PHONE)])
    assert joined == "18 Cedar Court:address | 91502:phone"
    assert _joined("the stock number is 91502", [], [("91502", Kind.PHONE)]) == ""


def test_the_dealerships_own_address_is_not_added() -> None:
    text = "Our body shop is at 4100 W Loop 289, open Saturdays too."
    assert _joined(text, [], [("4100 W Loop 289", Kind.ADDRESS)]) == ""


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("vivimos en Dolores y venimos manejando", "Dolores"),
        ("can you ship it to Kelowna for me", "Kelowna"),
        ("Honda of Santa Monica had a better offer", "Monica"),
        ("we looked in Beverly Hills first", "Beverly"),
        ("we came up from corpus christi", "christi"),
        ("it's registered in Georgia", "Georgia"),
    ],
)
def test_a_name_that_is_a_place_by_its_context_is_not_added(text: str, tagged: str) -> None:
    assert _joined(text, [], [(tagged, Kind.NAME)]) == ""


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("ask desmond about the warranty", "desmond"),
        ("dile a la lupe que ya llegamos", "lupe"),
        ("a call from rachel green this morning", "rachel green"),
    ],
)
def test_a_name_without_a_cue_is_added(text: str, tagged: str) -> None:
    assert _joined(text, [], [(tagged, Kind.NAME)]) == f"{tagged}:name"


def test_through_the_redactor_the_tagger_adds_a_name_the_rules_miss() -> None:
    text = "cuando llegue rosendo le damos las llaves"
    assert Redactor(tagger=False)(text).text == text
    assert Redactor(tagger=True)(text).text == "cuando llegue [NAME] le damos las llaves"
