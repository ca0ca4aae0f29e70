"""Round 21's English classes: cross streets, answered ZIPs, word names, streets on a drive.

The lines are my own wordings, not lines of the data: each class's lines that must stay have
lines of the same shape that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy import cross_street, model_year, place_heads, role_names, route, will
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from tests.edge.privacy.probes import gone, kept

# cross streets (cross_street.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("honestly I'm over by Ninth and Oak, so the north store is closer", ("Ninth", "Oak")),
        ("my sister lives on Birch near 5th, by the school", ("Birch", "5th")),
        ("we're on pine and third in bastrop, the white house", ("pine", "third")),
        ("the blue house on Walnut near Sixth, with the big oak", ("Walnut", "Sixth")),
        ("I moved, it's 410 Cedar Street at Seventh now", ("410", "Cedar", "Seventh")),
        ("pick it up at 88 Mill Road near Highway 21, my brother Dwayne Foster", ("Highway 21",)),
    ],
)
def test_cross_streets_removed(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("We're at the corner of Market and Ninth, the dealership with the flags", ("Ninth",)),
        ("the second and third rows fold flat", ("second", "third")),
        ("I'm by the fifth one on the left", ("fifth",)),
    ],
)
def test_cross_streets_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


def test_cross_street_pair_span() -> None:
    text = "she lives on Elm near 4th"
    assert list(cross_street.find(text)) == [Span(13, 25, Kind.ADDRESS)]
    assert cross_street.extend("1 Elm Street at Fifth", [Span(0, 12, Kind.ADDRESS)]) == [
        Span(0, 21, Kind.ADDRESS)
    ]


# a ZIP answering the question (zipcode.py)


@pytest.mark.parametrize(
    "text",
    [
        "And your zip? — 78209, Alamo Heights.",
        "what's the zip? 60614",
        "the zip out there is seven eight six one three",
    ],
)
def test_answered_zip_removed(redactor: Redactor, text: str) -> None:
    out = redactor(text).text
    assert not any(c.isdigit() for c in out), out
    assert "seven eight" not in out


def test_zip_ties_kept(redactor: Redactor) -> None:
    kept(redactor, "zip ties? we have 30 in the drawer", "30")


# word names told by a role or a sender (role_names.py, will.py)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hope the detailer says the Tahoe is ready", "Hope"),
        ("Faith in the finance office has your paperwork", "Faith"),
        ("Message from Joy: can we push to 4?", "Joy"),
        ("ask will the payoff number on the trade", "will"),
        ("hey Will the porter's looking for you", "Will"),
        ("Will, can you pull the Tahoe around?", "Will"),
        ("Will could show you the third row while I print this", "Will"),
        ("so hope in the office has your title", "hope"),
    ],
)
def test_word_names_removed(redactor: Redactor, text: str, name: str) -> None:
    gone(redactor, text, name)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("In June the finance office closes at six", ("June",)),
        ("there's a grace period of ten days on the first payment", ("grace",)),
        ("Will that work for you?", ("Will",)),
        ("hey will you grab the keys for me", ("will",)),
        ("Ask the porter to bring it around", ("Ask",)),
        ("Will you be trading anything in?", ("Will",)),
        ("I will, can you hold on a second", ("will",)),
        ("the title in the office has a lien on it", ("title",)),
    ],
)
def test_word_names_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


def test_role_names_need_a_listed_first_name() -> None:
    assert list(role_names.find("Sunny the porter", lambda w: w == "sunny")) == [
        Span(0, 5, Kind.NAME)
    ]
    assert list(role_names.find("Monday the porter", lambda w: False)) == []
    assert list(will.find("tell will the number")) == [Span(5, 9, Kind.NAME)]


# streets on a drive (route.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("let's do a loop around Perrin and back", ("Perrin",)),
        ("we'll head out on Blanco and come back in on Huebner", ("Blanco", "Huebner")),
        ("Bandera is closed past the light, so we'll cut over on Culebra", ("Bandera", "Culebra")),
        ("hang a left at the light on Farm Road 78", ("Farm Road 78",)),
    ],
)
def test_route_streets_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("turn left on Elm, I'm at 1220 Elm Street, ask for Marisol Ortega", ("1220", "Ortega")),
        ("I'm waiting on Derek Jones to call me back", ("Derek", "Jones")),
    ],
)
def test_people_beside_routes_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


def test_route_drop_keeps_numbered_places() -> None:
    text = "head out on 1400 Main Street"
    span = Span(12, 28, Kind.ADDRESS)
    assert route.drop(text, [span]) == [span]


# model year, model and trim (model_year.py)


@pytest.mark.parametrize(
    "text",
    ["A 2020 Honda Pilot Elite in Sonic Gray just came in", "the 2022 Bronco Badlands Sasquatch"],
)
def test_year_model_trim_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text, "20")


def test_year_street_still_address() -> None:
    text = "I live at 2019 Tacoma Avenue"
    assert not model_year.is_car(text, Span(10, 28, Kind.ADDRESS))


# English places by their head word (place_heads.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("he was stationed at Fort Bragg before he got out", ("Fort", "Bragg")),
        ("we tow the boat up to Lake Travis most weekends", ("Lake", "Travis")),
    ],
)
def test_place_heads_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


def test_place_heads_keep_people() -> None:
    text = "Ricki Lake and Fort Worth"
    people = [Span(0, 10, Kind.NAME), Span(15, 25, Kind.NAME)]
    assert place_heads.drop(text, people) == [Span(0, 10, Kind.NAME)]


def test_person_beside_a_place_head_redacted(redactor: Redactor) -> None:
    gone(redactor, "my cousin Dana Whitfield lives out by Lake Conroe", "Dana", "Whitfield")
