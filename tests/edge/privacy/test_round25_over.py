"""Round 25's English over-redaction classes: words of detail-free lines taken for details.

The lines are my own wordings, not lines of the data: each class has lines that must stay
whole and lines of the same shape, with a real detail, that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy import business_web
from edge.privacy.redact import Redactor
from tests.edge.privacy.probes import gone, kept

# the dealership's own website, written or read out (edge/privacy/business_web.py)


@pytest.mark.parametrize(
    "text",
    [
        "our website is pemberton motorcars dot com slash service and the coupons are right there",
        "check us out on garrison family motors dot com for the specials",
        "Everything on the lot is listed at www.quarryhillauto.com with photos.",
        "book the oil change on redfernmotors.com, it takes a minute",
    ],
)
def test_dealer_website_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # an e-mail at a dealer's domain, and a person named beside the website
        ("my email is dana whitfield at brookfieldmotors dot com", ("whitfield",)),
        ("ask Teodora Vasquez about it, she runs brookfield motors dot com", ("Vasquez",)),
    ],
)
def test_person_beside_dealer_website_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


def test_a_domain_of_no_dealer_is_no_site() -> None:
    assert business_web.sites("see whitfield plumbing dot com for the quote") == []


# the dealership's own address and mailbox, told with the ways to reach it (business.py)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for calling Westgate Kia, 2750 Mill Road, we open at eight.",
        "Text the showroom at 555-0143 or swing by 6100 Ridgeway Boulevard before six.",
        "Our Volvo Studio address is 12 Commerce Park Drive if your GPS sends you to the old lot.",
        "We're at 950 North Canal Street if you want to come sign in person.",
        "Paperwork goes to docs@quarryhillauto.com, stock number in the subject line.",
        "the concierge@brookfieldmotors.com inbox books the home test drives",
    ],
)
def test_dealer_address_and_mailbox_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a customer's own office, home address and mailbox, a person after the greeting
        ("call my office at 312 555 0187 and ask for me", ("0187",)),
        ("Thank you for calling Westgate Kia, this is Dana Whitfield speaking.", ("Whitfield",)),
        ("our home address is 31 Juniper Court, the GPS finds it fine", ("Juniper",)),
        ("we're at 77 Alder Lane out past the grain elevator", ("Alder",)),
        ("send the docs to docs.marlow@gmail.com please", ("docs.marlow",)),
    ],
)
def test_customer_address_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# the makers of a work truck's drivetrain, truck bodies, trailers and farm brands (firms.py)


@pytest.mark.parametrize(
    "text",
    [
        "That 3500 has the Cummins and the six-speed Allison, ready to tow.",
        "We upfit with Knapheide or Reading bodies, whichever ships first.",
        "a Peterbilt and a Big Tex flatbed went through the sale barn yesterday",
        "He showed up in a Carhartt coat and traded the Polaris in on a Colorado.",
        "my dad's old Polaris still runs",
        "Fuel at the Cenex is four bucks this week.",
    ],
)
def test_truck_and_farm_brands_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a first name that is a maker's, said of a person, and a maker's name with a title
        ("Allison from the bank called about the payoff, her cell is 555 381 2290", ("Allison",)),
        ("Mr. Cummins wants the diesel", ("Cummins",)),
    ],
)
def test_person_with_a_makers_name_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# a unit and an hour taken for names (name_words.py)


@pytest.mark.parametrize(
    "text",
    [
        "the warranty runs five years or sixty thousand miles whichever comes first",
        "that one's got low miles for a twenty nineteen",
        "the body shop is open till noon on saturdays",
        "we can hold it till noon tomorrow then it's first come first served",
        "we can hold it until five then it goes back on the line",
    ],
)
def test_miles_and_till_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("my grandson miles is driving it home", ("miles",)),
        ("Miles Okafor is the co-buyer on this one", ("Okafor",)),
    ],
)
def test_miles_as_a_name_redacted(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


# hockey teams, venues and named events (teams.py, firms.py, closed_names.py)


@pytest.mark.parametrize(
    "text",
    [
        "the Canucks beat the Oilers in overtime so my husband's in a good mood",
        "he's got a Red Wings sticker on the tailgate",
        "there's a concert at Kemper Arena so traffic will be rough tonight",
        "park by the Burgess Stadium lot and walk over",
        "we met my sister at Bell Arena for the concert",
        "we're closed on New Year's Eve after two",
        "the lot flooded after Hurricane Delphine last fall",
        "Laramie Pioneer Days are next weekend so the lot will be quiet",
    ],
)
def test_teams_venues_and_events_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("my niece Eve Castellano is picking it up", ("Castellano",)),
        ("my daughter Eve will sign too", ("Eve",)),
        ("the co-buyer is Rosa Arena, she's my sister", ("Rosa",)),
        ("Mr. Bruins wants a call back", ("Bruins",)),
    ],
)
def test_people_beside_those_words_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# a common word opening a line (name_words.py)


@pytest.mark.parametrize(
    "text",
    [
        "Sign below the line where it says buyer, then initial the second page.",
        "Sign here please.",
        "Initial here and here.",
        "Follow-up calls go out after lunch.",
        "Check here if the trade has a lien on it.",
    ],
)
def test_opening_common_word_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Anil, the customer in bay four is asking for you", ("Anil",)),
        ("Okonkwo dropped off the spare key this morning", ("Okonkwo",)),
    ],
)
def test_person_opening_a_line_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# towns after an office's "in", and a range said forwards with its time (where.py)


@pytest.mark.parametrize(
    "text",
    [
        "the Farmers State Bank in Fort Benton holds the note on the trailer",
        "the BMV in Lancaster wants the inspection form too",
        "Laramie to Rawlins is about two hours if the wind isn't bad",
    ],
)
def test_towns_by_office_and_range_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the loan officer at the bank is Priscilla Okafor", ("Okafor",)),
        ("I spoke to Priscilla in accounting", ("Priscilla",)),
    ],
)
def test_people_beside_offices_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# an organisation's head word taken alone after its other capitalised words (firms.py)


@pytest.mark.parametrize(
    "text",
    [
        "the Dawson County Teachers Credit Union will beat that rate",
        "we booked the rebate through the Farm Bureau office",
        "Hillcrest Feed & Supply needs two more flatbeds",
        "the HOA is run by Larchmont Management, not us",
    ],
)
def test_organisation_heads_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the co-signer is Rosa Union, my aunt", ("Rosa", "Union")),
        ("Bureau called about the truck, Dale Bureau I mean", ("Dale",)),
    ],
)
def test_surnames_that_are_heads_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# a town in a list of places (where.drop_listed)


@pytest.mark.parametrize(
    "text",
    [
        "we deliver to Houston, Sanderson, or out to Galveston with the flatbed",
        "Phoenix, Tolleson, Mesa, we cover the whole valley",
    ],
)
def test_town_in_a_list_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the buyers are Okafor, Whitcombe, and Delacroix", ("Okafor", "Whitcombe")),
        ("the co-buyers are Jenna, Marcus, and me", ("Jenna", "Marcus")),
    ],
)
def test_people_in_a_list_redacted(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)
