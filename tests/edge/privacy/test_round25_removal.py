"""Round 25: English details that came through whole, by the form they are said in.

The lines are my own wordings, not lines of the data. Each class has lines where the detail
must now go, and lines of the same words with no detail (or the detail's neighbours) that must
stay whole.
"""

from __future__ import annotations

import pytest

from edge.privacy import business, dob, license, plate
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from edge.privacy.spoken import view
from tests.edge.privacy.probes import gone, kept

# another country's social number by its name (edge/privacy/license.py, _ABBREVIATED)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my wife's SIN is 512 088 734 if the lender wants it", "512 088 734"),
        ("her sin number: 301-447-962", "301-447-962"),
        ("social insurance number 227 190 845, from Ontario", "227 190 845"),
        ("I had a PESEL back in Krakow, 90031507318", None),
        ("my PESEL is 90031507318", "90031507318"),
    ],
)
def test_foreign_social_number_goes(text: str, number: str | None) -> None:
    spans = [s for s in license.find(text) if s.kind is Kind.SSN]
    if number is None:
        assert spans == []
        return
    assert [text[s.start : s.end] for s in spans] == [number]


@pytest.mark.parametrize(
    "text",
    [
        "lo quiero sin 300 400 500 de enganche",  # Spanish "sin" with no owner
        "the SIN is a long story, 2 years of paperwork",  # no number of that shape
        "we sold 120 cars in 2023, no sin in that",
    ],
)
def test_no_foreign_social_number(text: str) -> None:
    assert [s for s in license.find(text) if s.kind is Kind.SSN] == []


# passport numbers a few words after "passport", a second one after "and"


def test_passport_numbers_go(redactor: Redactor) -> None:
    gone(redactor, "he brought his passport card today, number K20417733.", "K20417733")
    gone(
        redactor,
        "my passport is Irish, PB2260417, and my son's is Irish too, PB7731092.",
        "PB2260417",
        "PB7731092",
    )


def test_passport_words_stay(redactor: Redactor) -> None:
    kept(redactor, "do you need my passport for the CX-5 test drive?")
    kept(redactor, "the passport photo place is next to the Q5 lot")


# a plate with its state said first (edge/privacy/plate.py)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the plate is ohio JKT 4410", "JKT 4410"),
        ("plates on the van are Arizona CV-22K", "CV-22K"),
    ],
)
def test_plate_after_state_goes(text: str, value: str) -> None:
    assert {text[s.start : s.end] for s in plate.find(text)} == {value}


@pytest.mark.parametrize(
    "text",
    ["the plate is texas", "the plates on those are fine", "my plates are Nevada ones"],
)
def test_state_alone_after_plate_stays(text: str) -> None:
    assert list(plate.find(text)) == []


# a unit said after the street: a floor, a flat, a unit read in words


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("send it to 410 Birch Street, Floor 6, reception", "Floor 6"),
        ("we're at twelve ten osprey lane unit four oh two", "unit four oh two"),
        ("it's seventeen eighty maple court uh unit nine", "unit nine"),
    ],
)
def test_unit_after_address_goes(redactor: Redactor, text: str, unit: str) -> None:
    gone(redactor, text, unit)


def test_filler_before_unit_stays(redactor: Redactor) -> None:
    kept(redactor, "it's seventeen eighty maple court uh unit nine", "uh")


def test_floor_without_address_stays(redactor: Redactor) -> None:
    kept(redactor, "the floor mats are extra, unit price is on the sticker")


# a Queens house number with its hyphen


def test_hyphenated_house_number_goes(redactor: Redactor) -> None:
    gone(redactor, "my mother lives at 31-07 Ditmars Boulevard in Astoria", "31-07", "Ditmars")


def test_hyphenated_numbers_stay(redactor: Redactor) -> None:
    kept(redactor, "it seats 7-8 people and does 20-30 miles a gallon")


# the corner said after a found address (edge/privacy/cross_street.py)


@pytest.mark.parametrize(
    ("text", "corner"),
    [
        ("my shop is 2240 Alder Road at the corner of Baxter Lane", "Baxter Lane"),
        ("she's at 19 South Grove on the corner of Sixth, the brick one", "Sixth"),
    ],
)
def test_corner_after_address_goes(redactor: Redactor, text: str, corner: str) -> None:
    gone(redactor, text, corner)


def test_corner_without_address_stays(redactor: Redactor) -> None:
    kept(redactor, "our other lot is at the corner of Fifth and Main")


# a generational suffix after a name of two words (edge/privacy/names.py, with_suffix)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Co-signer is Daniel Whitcomb Jr., he's my uncle", "Daniel Whitcomb Jr."),
        ("my name's howard pemberton the third", "howard pemberton the third"),
    ],
)
def test_suffix_after_name_goes(redactor: Redactor, text: str, name: str) -> None:
    spans = redactor.spans(text)
    start = text.index(name)
    assert Span(start, start + len(name), Kind.NAME) in spans


def test_ordinal_after_name_stays_when_clause_goes_on(redactor: Redactor) -> None:
    kept(redactor, "my name is Tom Baker the second time I came in", "second time")


# a home located by a bare landmark after "we're at" (edge/privacy/business.py)


def test_home_beside_bare_landmark_goes(redactor: Redactor) -> None:
    gone(redactor, "we're at six ten north elm street next to the baptist church", "six ten")
    gone(redactor, "we're at 77 Quarry Road across from the old feed store", "77 Quarry")


@pytest.mark.parametrize(
    "text",
    [
        "We're at 5100 Commerce Drive, right across from the Target.",
        "We're at 5100 Commerce Drive, just past the Target, you can't miss the flags.",
        "That's our address, 5100 Commerce Drive, behind the Target.",
    ],
)
def test_dealership_with_directions_stays(text: str) -> None:
    assert list(business.regions(text))


# a date of birth a few words after its cue (edge/privacy/dob.py, _FAR)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("and the date of birth ma'am oh nine thirty seventy one", "093071"),
        ("his birthday's coming up, the fourth of june", "fourth of june"),
    ],
)
def test_far_birth_date_goes(text: str, date: str) -> None:
    seen = view(text).text
    assert date in [seen[s.start : s.end] for s in dob.find(seen)]


@pytest.mark.parametrize(
    "text",
    [
        "her birthday is coming up so we want the car by then",
        "my birthday present was a 2019 Civic",
        "born and raised here, we bought 3 cars from you",
    ],
)
def test_no_far_birth_date(text: str) -> None:
    seen = view(text).text
    assert list(dob.find(seen)) == []


# a plate told again after a correction (edge/privacy/corrections.py, _plate_after)


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("the tag is four k m p one one no sorry four k m p one seven", "four k m p one seven"),
        ("plate is BRT 519, wait, that was the loaner, it's BRT 591", "BRT 591"),
    ],
)
def test_corrected_plate_goes(redactor: Redactor, text: str, second: str) -> None:
    gone(redactor, text, second)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("plate is BRT 519, no wait, that was my husband's truck", ("husband's truck",)),
        ("plate is BRT 519, sorry, it's on the back of the card", ("on the back",)),
    ],
)
def test_words_after_plate_correction_stay(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    kept(redactor, text, *words)


# a surname after a title of address, even a make's or a common word (edge/privacy/names.py)


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Mrs. Ford is waiting by the service desk", "Ford"),
        ("the lender wants the W-2 from Mr. Espanol before noon", "Espanol"),
    ],
)
def test_titled_surname_goes(redactor: Redactor, text: str, surname: str) -> None:
    gone(redactor, text, surname)


def test_make_without_title_stays(redactor: Redactor) -> None:
    kept(redactor, "the Ford is waiting by the service desk", "Ford")


def test_pronoun_after_corrected_plate_stays(redactor: Redactor) -> None:
    kept(redactor, "plate is BRT 519 no wait it's BRT 591 i always flip them", "i always")


# a household or a job named by a surname (edge/privacy/english_cues.py, _FAMILY)


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("bring the white Tahoe around for the Okonkwo family please", "Okonkwo"),
        ("the estimate for the Villaseñor job is ready", "Villaseñor"),
        ("we beat the wojcik kids at the county fair", "wojcik"),
    ],
)
def test_family_surname_goes(redactor: Redactor, text: str, surname: str) -> None:
    gone(redactor, text, surname)


@pytest.mark.parametrize(
    "text",
    [
        "the brake job takes about two hours",
        "the whole family loves the third row",
        "the Ford family of trucks is huge",
        "the Brake job is on the lift",
    ],
)
def test_family_words_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a rural road's number after "road" (edge/privacy/address.py, _ROAD_NUMBER)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("we're out at 4410 county road 250 west past the grain elevator", "250 west"),
        ("mail it to two twenty ranch road thirteen twenty, that's the ranch", "thirteen twenty"),
    ],
)
def test_rural_road_number_goes(redactor: Redactor, text: str, number: str) -> None:
    gone(redactor, text, number)


def test_zip_cue_after_road_stays(redactor: Redactor) -> None:
    kept(redactor, "it's 310 county road 12 uh zip is 76051", "zip is")


def test_number_after_plain_road_stays(redactor: Redactor) -> None:
    kept(redactor, "we live at 410 county road and it takes 20 minutes", "20 minutes")


def test_clause_between_two_addresses_stays(redactor: Redactor) -> None:
    text = "the old one was 12 Oak Street, the new is 40 Elm Road"
    gone(redactor, text, "12 Oak Street", "40 Elm Road")
    kept(redactor, text, "the new is")


# street types "Close" and "Bend", written with a capital (edge/privacy/address.py)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("post it to 14 Hawthorn Close, postcode LS6 2QT", "14 Hawthorn Close"),
        ("the office is at 2208 Willow Bend, second floor", "2208 Willow Bend"),
    ],
)
def test_close_and_bend_go(redactor: Redactor, text: str, street: str) -> None:
    gone(redactor, text, street)


def test_postcode_cue_between_stays(redactor: Redactor) -> None:
    kept(redactor, "post it to 14 Hawthorn Close, postcode LS6 2QT", "postcode")


def test_lower_case_close_and_bend_stay(redactor: Redactor) -> None:
    kept(redactor, "we have 2 seats close to the door and 3 hoses bend under the hood")


# a first name in apposition after a relative's word, closing the sentence (kin_names._APPOSED)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the co-signer is my aunt, Joy.", "Joy"),
        ("he's bringing his sister, grace", "grace"),
    ],
)
def test_apposed_kin_name_goes(redactor: Redactor, text: str, name: str) -> None:
    gone(redactor, text, name)


@pytest.mark.parametrize(
    "text",
    [
        "it's a gift for my wife, too.",
        "the lease is for my son, please",
        "my aunt, she loves the red one.",
    ],
)
def test_apposed_kin_words_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# two named streets, no ordinal, with the place located right after (cross_street._PAIR)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("I stay on Gates and Marcy, right by the laundromat", "Gates and Marcy"),
        ("we're on juniper and hollis the corner house with the fence", "juniper and hollis"),
    ],
)
def test_located_street_pair_goes(redactor: Redactor, text: str, pair: str) -> None:
    gone(redactor, text, pair)


@pytest.mark.parametrize(
    "text",
    [
        "i'm on facebook and instagram the corner of my screen is cracked",
        "I'm on hold and waiting, right by the phone",
        "we'll stay on Wurzbach till the light",
    ],
)
def test_unlocated_pairs_and_drives_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)
