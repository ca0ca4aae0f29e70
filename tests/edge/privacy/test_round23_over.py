"""Round 23's English over-redaction classes: words of detail-free lines taken for details.

The lines are my own wordings, not lines of the data: each class has lines that must stay
whole and lines of the same shape, with a real detail, that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from tests.edge.privacy.probes import gone, kept

# the showroom's role inbox said without "our" (edge/privacy/business_mail.py)


@pytest.mark.parametrize(
    "text",
    [
        "just write us at sales@pinecrestmotors.com and we'll send the worksheet",
        "the web form goes to leads@rivertonhonda.com, the BDC answers those",
        "forward it to service at lakeviewauto dot com please",
        "that inbox, parts@summitcars.com, is read by the whole team",
    ],
)
def test_dealer_role_mail_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a person's address at a dealer's domain, and a role at a domain of no dealer
        ("write me at dana.whitfield@pinecrestmotors.com", ("dana.whitfield",)),
        ("send the invoice to sales@brightwaterplumbing.com", ("brightwaterplumbing",)),
        ("my own is bkowalczyk at gmail dot com, not sales at lakeviewauto", ("bkowalczyk",)),
    ],
)
def test_person_mail_still_redacted(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


# a day of a month the tagger takes for a name (edge/privacy/tagged.py)


@pytest.mark.parametrize(
    "text",
    [
        "the second payment is due August ninth, the bank mails a reminder",
        "your first payment is due June ninth and the statement comes by mail",
    ],
)
def test_day_of_month_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("my date of birth is August ninth, nineteen seventy-two", ("ninth", "seventy")),
        ("born march thirtieth eighty four", ("thirtieth",)),
    ],
)
def test_birth_date_still_redacted(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


# two paint names side by side (edge/privacy/colours.py)


@pytest.mark.parametrize(
    "text",
    [
        "Carson Gray or Ruby Blaze, same price either way",
        "Jasper Blue or Black Falcon, both are in stock",
    ],
)
def test_paint_pair_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


def test_two_people_with_colour_surnames_still_redacted(redactor: Redactor) -> None:
    # a colour surname comes last: no paint starts with its colour word here
    gone(redactor, "Dana Brown or Ruby Gray will bring the trade in", "Ruby Gray")


# a title said to the listener (edge/privacy/not_names.py)


@pytest.mark.parametrize(
    "text",
    [
        "Ma'am, the rebate is already taken off that number.",
        "Pastor, the church van is ready for pickup.",
        "Madam, your car is washed and parked out front.",
    ],
)
def test_title_of_address_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


def test_name_after_the_title_still_redacted(redactor: Redactor) -> None:
    gone(redactor, "Pastor Okonkwo called about the van", "Okonkwo")


# a firm by its trade word (edge/privacy/firms.py)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Delacroix Mechanical is taking four of the vans", "Delacroix"),
        ("Hartwell Landscape wants the dump bed on both", "Hartwell"),
        ("put the invoice under okafor brothers plumbing", "okafor"),
        ("the bagels came from Petrov's Bakery this morning", "Bakery"),
    ],
)
def test_firm_kept(redactor: Redactor, text: str, word: str) -> None:
    kept(redactor, text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a person beside a firm word, and a long lower-case run ending in the firm
        ("my neighbor Tobias Mechanical sold me his truck", "Tobias"),
        ("hi this is marisol from the finance office at pinecrest motors", "marisol"),
    ],
)
def test_person_beside_firm_still_redacted(redactor: Redactor, text: str, word: str) -> None:
    gone(redactor, text, word)


# a street said bare after a thing on it (edge/privacy/where.py)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("the Walgreens on Kimball, next to the bank", "Kimball"),
        ("we used to eat at the diner on Holloway or the one by the school", "Holloway"),
        ("my cousin runs the taqueria on Magnolia.", "Magnolia"),
    ],
)
def test_bare_street_kept(redactor: Redactor, text: str, word: str) -> None:
    kept(redactor, text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("I'm waiting on Jessica, she has the title", "Jessica"),
        ("put the note on Marcus's file and call him", "Marcus"),
    ],
)
def test_person_after_on_still_redacted(redactor: Redactor, text: str, word: str) -> None:
    gone(redactor, text, word)


# what a thing does or costs after "it's" (edge/privacy/names.py)


@pytest.mark.parametrize(
    "text",
    [
        "the Tacoma on the end, it's listed at thirty-one nine",
        "it's parked at the back of the lot by the wash bay",
        "the Forester? it's twenty from here to the other store",
    ],
)
def test_state_after_its_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("hi, it's Darnell from the finance office", "Darnell"),
        ("hey it's keisha from the bank, call me back", "keisha"),
    ],
)
def test_caller_after_its_still_redacted(redactor: Redactor, text: str, word: str) -> None:
    gone(redactor, text, word)


# a lower-case word of a line written with capitals, taken by the tagger alone
# (edge/privacy/tagged.py)


@pytest.mark.parametrize(
    "text",
    [
        "Raising three kids taught me patience, so the paperwork doesn't bother me.",
        "He had a minor fender bender in Dallas, nothing major.",
    ],
)
def test_lower_word_in_capitalised_line_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("My wife Priyanka wants to see the third row first.", "Priyanka"),
        ("We're at 212 Larch Street in Tulsa, apartment 4D, zip is 74104.", "4D"),
    ],
)
def test_details_in_capitalised_line_still_redacted(
    redactor: Redactor, text: str, word: str
) -> None:
    gone(redactor, text, word)


# an origin or a trip, and a saint's church (edge/privacy/where.py)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("so you're from Sherman? my cousin teaches out there", "Sherman"),
        ("her folks are from Marion, a couple hours north", "Marion"),
        ("the flights to Lusaka cost more than the down payment", "Lusaka"),
        ("the guy from Tyler bought the white one", "Tyler"),
        ("We're members at St. Fabian's, the one with the bake sale.", "Fabian"),
    ],
)
def test_place_kept(redactor: Redactor, text: str, word: str) -> None:
    kept(redactor, text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("a text came from Jessica about the payoff", "Jessica"),
        ("Mr. St. John will sign the title", "John"),
        ("Dana St. Pierre is the co-buyer on this one", "Pierre"),
    ],
)
def test_person_beside_place_cue_still_redacted(redactor: Redactor, text: str, word: str) -> None:
    gone(redactor, text, word)


# a stop or an exit named for a place (edge/privacy/where.py)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Fulton Street, right by the Simmons stop, that's where the body shop is.", "Simmons"),
        ("the new houses are out by the kowalski ranch exit", "kowalski"),
        ("take the Jenkins exit off the loop", "Jenkins"),
    ],
)
def test_stop_or_exit_kept(redactor: Redactor, text: str, word: str) -> None:
    kept(redactor, text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("can Jessica stop by the dealership tomorrow", "Jessica"),
        ("tell the Jenkins family to exit through the service bay", "Jenkins"),
    ],
)
def test_person_before_stop_still_redacted(redactor: Redactor, text: str, word: str) -> None:
    gone(redactor, text, word)


# the makers' sound systems and connected-car apps (edge/privacy/firms.py)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("the wagon has the dynaudio upgrade", "dynaudio"),
        ("on the Santa Fe the app is bluelink, it's free the first three years", "bluelink"),
        ("you can hear the whole band on the bang and olufsen in this one", "olufsen"),
    ],
)
def test_sound_system_or_app_kept(redactor: Redactor, text: str, word: str) -> None:
    kept(redactor, text, word)


def test_person_beside_a_sound_system_still_redacted(redactor: Redactor) -> None:
    gone(redactor, "my son Mateo says the burmester in the E-Class is worth it", "Mateo")
