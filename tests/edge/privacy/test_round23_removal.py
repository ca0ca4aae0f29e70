"""Round 23: English details that came through whole, by the form they are said in.

The lines are my own wordings, not lines of the data. Each class has lines where the detail
must now go, and lines of the same words with no detail that must stay whole.
"""

from __future__ import annotations

import pytest

from edge.privacy import dob, echo, kin_names, vin, zipcode
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from edge.privacy.spoken import view
from tests.edge.privacy.probes import gone, kept

# a VIN read out with no cue, with a right check digit (edge/privacy/vin.py, read_out)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "two t three w one r f v four l c zero seven one two three four is the one outside",
            ("r f v four", "one two three four"),
        ),
        ("copied it off the title, JM1BP, BDL7M, 1405678, for the trade", ("BDL7M", "1405678")),
        ("reading off the door: 1FTE W1EP 5NKD 5012 3", ("W1EP", "5012 3")),
    ],
)
def test_vin_read_out_goes(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        # the check digit is wrong (a 5 where a 4 belongs)
        "two t three w one r f v five l c zero seven one two three four",
        # a card's sixteen digits with a contraction's letter before them
        "the card number's 4111 1111 1111 1111",
        "the awd and the crv are both in the back lot",
    ],
)
def test_no_vin_read_out(text: str) -> None:
    assert list(vin.read_out(text)) == []


# cross streets after a stay's cue (edge/privacy/cross_street.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("we're over on Birch near 5th, the green porch", ("Birch", "5th")),
        ("our house is on walnut near second by the park", ("walnut", "second")),
        ("my house is on roosevelt near thirty second", ("roosevelt", "thirty second")),
        ("I'm the blue townhouse on Cedar near Ninth", ("Cedar", "Ninth")),
    ],
)
def test_cross_streets_of_a_home_go(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "our place is on fifth and main, come by any time",
        "the house is on the left past the light",
        "we're over on the lot by the service bay",
    ],
)
def test_no_cross_streets_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# phone numbers with a trunk 0, sort codes, ids by their abbreviation (numbers, context, license)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("you can reach my auntie on 0805 555 6612 after work", ("0805 555 6612",)),
        ("0918 555 4470 is the one with the load, the other is off", ("0918 555 4470",)),
        ("the sort code is 40-12-76 and the rest is on the letter", ("40-12-76",)),
        ("his NIN is 21907733148 if the bank wants it", ("21907733148",)),
        ("my pan is KQRPS2231L for the loan file", ("KQRPS2231L",)),
        ("her alien number is A 301 552 914, the card's in her purse", ("301 552 914",)),
        ("the A-number is A087451236 on the work permit", ("A087451236",)),
    ],
)
def test_numbers_told_by_shape_or_name_go(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "the oil pan is 2019 stock, nothing fancy",
        "we moved 0800 units of the hatchback last year",
        "sort code and account go on the form, I'll fill them in later",
        "the nin thing is a joke, 11 people asked",
    ],
)
def test_numbers_without_the_shape_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a short name spelled right after it (edge/privacy/echo.py, _short_spelling)


def test_short_spelling_of_a_found_name_goes(redactor: Redactor) -> None:
    gone(redactor, "her name is bea b e a and she's the co-buyer", "b e a")


def test_short_spelling_needs_a_found_name() -> None:
    text = "the crv c r v is the one on the left"
    assert list(echo.find(text, [], [])) == []
    named = [Span(4, 7, Kind.NAME)]
    assert list(echo.find("ask bea, b e a, at the desk", named, [])) == [Span(9, 14, Kind.NAME)]


# a month, a day and an apostrophe year; a quadrant after the street (dob.py, address.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Birthday? — March 3rd, '71.", ("March 3rd, '71",)),
        ("I'm at 1208 Oak Avenue Southeast, the brick one", ("Southeast",)),
        ("ship it to 77 Pine Street NW, the back door", ("77 Pine Street NW",)),
    ],
)
def test_dates_and_quadrants_go(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "it's a '71 Chevelle, March 3rd we'll have it on the lot",
        "the lot is on the southeast side of the building",
    ],
)
def test_years_and_sides_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a ZIP after a numbered place the tagger took for another kind (zipcode.after)


def test_zip_after_a_street_taken_for_a_number_goes() -> None:
    text = "statement to 4120 Lark Hill Drive, Suite 9, Tulsa, 74105"
    street = Span(13, text.index(", Tulsa"), Kind.CARD)
    found = zipcode.after(view(text), [street], text)
    assert [text[s.start : s.end] for s in found] == [text[street.start : street.end], "74105"]


def test_zip_after_a_number_without_a_street_kept() -> None:
    text = "card 4111 1111 1111 1111, Tulsa, 74105"
    card = Span(5, 24, Kind.CARD)
    assert zipcode.after(view(text), [card], text) == [card]


# a listed first name after a relative's word (edge/privacy/kin_names.py)


def _listed(word: str) -> bool:
    return word in {"summer", "sal", "bill", "will", "rose"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my cousin sal has the same van", "sal"),
        ("my fiancee's summer she's the one signing", "summer"),
        ("my brother-in-law bill said to ask for the rebate", "bill"),
    ],
)
def test_relative_with_everyday_name_goes(text: str, name: str) -> None:
    assert [text[s.start : s.end] for s in kin_names.find(text, _listed)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "my son's bill is due friday",
        "my dad's will was read last week",
        "my wife rose early to beat the traffic",
        "my husband will drive it home",
    ],
)
def test_relative_with_a_thing_after_kept(text: str) -> None:
    assert list(kin_names.find(text, _listed)) == []


# a date of birth read as numbers after its cue (dob.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("and her date of birth four four ninety one", ("four four ninety one",)),
        ("birth date is two seven oh six, she's the co-signer", ("two seven oh six",)),
        ("my birthday's 3 14 1988 if you need it", ("3 14 1988",)),
    ],
)
def test_dob_read_as_numbers_goes(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "my birthday is in 2 weeks, maybe a gift to myself",
        "her birthday party is saturday at 3",
    ],
)
def test_no_dob_numbers_kept(text: str) -> None:
    assert list(dob.find(text)) == []


# a licence number told a few words after its cue (license.py, _FAR_CUE)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "my Ghana driver's licence for now, GH7731902KT, till the new one comes",
            ("GH7731902KT",),
        ),
        ("licence is from Ontario, the number on it is M4420 61188 07215", ("M4420", "07215")),
        ("only my consular id, the matrícula, number MX07 2214 339", ("MX07 2214 339",)),
    ],
)
def test_licence_told_after_a_clause_goes(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "license and registration are in the glovebox of the 2500HD 4X4",
        "tax, title and license on the K1500 2019 come to about nine hundred",
        "the license fee on the GLE350 is the same as the F-150",
    ],
)
def test_model_codes_after_licence_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a plate read out after a clause about the car, English letter names (plate.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the plate on my mom's van is k w three x nine p", ("k w three x nine p",)),
        ("the tag is jay tee el six two two eight i believe", ("jay tee el six two two eight",)),
    ],
)
def test_plate_read_out_goes(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "the plate on the trade is a problem, it expired in may",
        "the tag on the seat is a coupon for two free oil changes",
        "la placa es K J T cuatro ocho uno, el Spark gris",
    ],
)
def test_no_plate_read_out_kept(redactor: Redactor, text: str) -> None:
    out = redactor(text).text
    assert "coupon" in out or "problem" in out or "el Spark" in out, out


# a house number and a street word without a type after "live(s) at" (cued_address.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("we live at forty two twelve Kessler near Hampton", ("Kessler", "Hampton")),
        ("she lives at like five ten north birch by the school", ("birch",)),
    ],
)
def test_bare_street_after_live_at_goes(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "they live at 20 different places a year, those army folks",
        "we live at 30 minutes from here, give or take",
    ],
)
def test_live_at_without_a_street_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a subdivision's block and lot before the street (address.py, _BLOCK_LOT)


def test_block_and_lot_go(redactor: Redactor) -> None:
    gone(redactor, "send it to Blk 4 Lot 19 Ilang-Ilang Street, Bacoor", "Blk 4 Lot 19")


def test_block_or_lot_alone_kept(redactor: Redactor) -> None:
    kept(redactor, "the used trucks are on lot 2, two blocks down from the showroom")


# the name before "is my son", or in apposition after "for" (kin_names.py, _NAMED_KIN)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("yeah rose is my daughter, she'll drive it", "rose"),
        ("we're shopping for Will, my grandson, his first car", "Will"),
    ],
)
def test_name_told_as_a_relative_goes(text: str, name: str) -> None:
    assert [text[s.start : s.end] for s in kin_names.find(text, _listed)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "summer is my wife's favorite season",
        "the co-signer in rose is my uncle, he lives there",
        "bill is my husband's job, he pays it",
    ],
)
def test_thing_before_a_relative_kept(text: str) -> None:
    assert list(kin_names.find(text, _listed)) == []


# spoken e-mails: a business's name of several words, a year in the name (email.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mail it to dee at dees tile and stone dot com", ("dees tile and stone",)),
        ("send it to sam at sams lawn t x dot com please", ("lawn t x",)),
        ("it's j dot okafor nineteen ninety at gmail dot com", ("okafor nineteen ninety", "j dot")),
        ("it's m dot lowe two thousand one at aol dot com", ("two thousand one",)),
    ],
)
def test_spoken_email_goes(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the contraction before the address stays whole
        ("it's k dot lee at yahoo dot com", "it's"),
        ("email's r dot diaz at gmail dot com", "email's"),
        # a word before "at" and the address after it stay apart
        ("send me the brochure at pat at patsplace dot com", "brochure"),
    ],
)
def test_words_beside_a_spoken_email_kept(redactor: Redactor, text: str, word: str) -> None:
    kept(redactor, text, word)


# a date of birth in words: "two thousand and <n>", the year first (dob.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("her birthday's the fourth of June, two thousand and one", ("two thousand and one",)),
        ("date of birth is nineteen seventy two march the ninth", ("march the ninth",)),
    ],
)
def test_dob_in_words_goes(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


def test_year_and_more_after_a_birth_kept() -> None:
    spans = list(dob.find("born the third of may 2000 and then some"))
    assert {(s.start, s.end) for s in spans} == {(5, 26)}
