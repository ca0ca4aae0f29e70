"""The vehicle of interest and the trade-in, from lines as they are said on a showroom floor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cloud.crm.model import Vehicle
from cloud.crm.vehicle import trade_in, vehicle_of_interest
from cloud.crm.vehicle.catalog import catalog
from cloud.crm.vehicle.years import year


def car(
    make: str, model: str | None = None, yr: int | None = None, trim: str | None = None
) -> Vehicle:
    return Vehicle(year=yr, make=make, model=model, trim=trim)


@pytest.mark.parametrize(
    ("texts", "wanted"),
    [
        (
            ["Hi, we're looking at the 2024 RAV4 XLE you have out front."],
            car("Toyota", "RAV4", 2024, "XLE"),
        ),
        (
            ["Can we take the Ford F-150 Lariat for a test drive?"],
            car("Ford", "F-150", None, "Lariat"),
        ),
        (
            ["How much is the twenty twenty-four Model Y Long Range?"],
            car("Tesla", "Model Y", 2024, "Long Range"),
        ),
        (["Do you have a '23 Chevy Tahoe?"], car("Chevrolet", "Tahoe", 2023)),
        (["Do you have a \u201923 Chevy Tahoe?"], car("Chevrolet", "Tahoe", 2023)),
        (
            ["I'm after a two thousand nineteen Tacoma TRD Off-Road."],
            car("Toyota", "Tacoma", 2019, "TRD Off-Road"),
        ),
        (["Is the rav four hybrid any good on gas?"], car("Toyota", "RAV4", None, "Hybrid")),
        (["A buddy said the f one fifty holds its value."], car("Ford", "F-150")),
        (["She wants a VW Tiguan, the SE."], car("Volkswagen", "Tiguan")),
        (["Show me the CR-V EX-L in the back."], car("Honda", "CR-V", None, "EX-L")),
        (["Is it a Civic LX or EX?"], car("Honda", "Civic", None, "LX")),
        (
            ["Mazda 3 or the CX-5, we can't decide.", "Let's drive the CX-5 first."],
            car("Mazda", "CX-5"),
        ),
        (["The Escape looks roomy."], car("Ford", "Escape")),
        (["Honestly I'd like something from Honda."], car("Honda")),
        (["We looked at Hondas online."], car("Honda")),
        (
            ["The 2024 Highlander, please.", "Is the Highlander Platinum a lot more?"],
            car("Toyota", "Highlander", 2024, "Platinum"),
        ),
        (
            ["We saw the Camry.", "Then the Accord.", "Back to the Accord Sport then."],
            car("Honda", "Accord", None, "Sport"),
        ),
        (["Was it a Camry or an Accord?", "Camry. No, the Accord."], car("Honda", "Accord")),
        (["The Grand Cherokee Laredo in silver."], car("Jeep", "Grand Cherokee", None, "Laredo")),
        (["Does the Range Rover Sport come in green?"], car("Land Rover", "Range Rover Sport")),
        (["A Dodge Durango GT, the black one."], car("Dodge", "Durango", None, "GT")),
        (["What about a 2031 Camry?"], car("Toyota", "Camry")),  # no such model year yet
        (["The Ram 1500 Big Horn on the lot."], car("Ram", "1500", None, "Big Horn")),
        (["My dream is a Porsche nine eleven."], car("Porsche", "911")),
        (["A Porsche nine eleven, one day."], car("Porsche", "911")),
    ],
)
def test_the_vehicle_of_interest(texts: list[str], wanted: Vehicle | None) -> None:
    assert vehicle_of_interest(texts) == wanted


@pytest.mark.parametrize(
    "texts",
    [
        ["Can I see the red one?"],
        ["We like the blue and the silver, maybe the white."],
        ["Do you have it in graphite?", "The gray one with the sunroof."],
        ["I need to escape the rain for a minute."],
        ["Is that a mini van?", "We have a pilot program at work."],
        ["Don't dodge the question.", "We live near Lincoln Park."],
        ["Is it under twenty five thousand?", "Two thousand five hundred down."],
        ["What's the monthly on that one?", "Seventy two months at five point nine."],
        ["We put fifteen hundred down.", "Three of us will drive it, maybe four."],
        [],
        [""],
    ],
)
def test_lines_that_name_no_vehicle(texts: list[str]) -> None:
    assert vehicle_of_interest(texts) is None
    assert trade_in(texts) is None


@pytest.mark.parametrize(
    ("texts", "traded", "wanted"),
    [
        (
            ["I want to trade in my 2015 Honda Civic for a new Highlander."],
            car("Honda", "Civic", 2015),
            car("Toyota", "Highlander"),
        ),
        (
            ["What are you driving now?", "A twenty nineteen Camry, about sixty thousand miles."],
            car("Toyota", "Camry", 2019),
            None,
        ),
        (
            [
                "I've got a '22 Chevy Silverado 1500 LT and my wife wants "
                "the Grand Highlander Platinum."
            ],
            car("Chevrolet", "Silverado", 2022, "1500 LT"),
            car("Toyota", "Grand Highlander", None, "Platinum"),
        ),
        (
            ["We're currently driving an old Jeep Wrangler.", "The new Wrangler Rubicon is nice."],
            car("Jeep", "Wrangler"),
            car("Jeep", "Wrangler", None, "Rubicon"),
        ),
        (
            ["My Civic is a 2015 with eighty thousand miles on it."],
            car("Honda", "Civic", 2015),
            None,
        ),
        (
            ["What would you give me on trade for the Accord?", "It's a two thousand nine."],
            None,
            car("Honda", "Accord"),
        ),
        (
            ["If I trade the Outback, what's the payment on the Forester?"],
            car("Subaru", "Outback"),
            car("Subaru", "Forester"),
        ),
        (
            ["I drive a Mazda 3 right now.", "Show me the CX-5 Turbo."],
            car("Mazda", "Mazda3"),
            car("Mazda", "CX-5", None, "Turbo"),
        ),
        (
            ["Busco una Toyota Tacoma 2023.", "Mi Honda Civic 2015, quiero darlo a cambio."],
            car("Honda", "Civic", 2015),
            car("Toyota", "Tacoma", 2023),
        ),
        (
            ["¿Qué maneja ahora?", "Un Nissan Altima 2012."],
            car("Nissan", "Altima", 2012),
            None,
        ),
        (
            ["Quiero cambiar mi Corolla por el RAV4 XLE."],
            car("Toyota", "Corolla"),
            car("Toyota", "RAV4", None, "XLE"),
        ),
        (
            ["Tengo un Jeep Wrangler viejo.", "Mi esposa quiere la Grand Cherokee Limited."],
            car("Jeep", "Wrangler"),
            car("Jeep", "Grand Cherokee", None, "Limited"),
        ),
    ],
)
def test_the_trade_in_is_told_apart(
    texts: list[str], traded: Vehicle | None, wanted: Vehicle | None
) -> None:
    assert trade_in(texts) == traded
    assert vehicle_of_interest(texts) == wanted


@pytest.mark.parametrize(
    ("words", "short", "expected"),
    [
        ("2024", False, 2024),
        ("'22", False, 2022),
        ("'98", False, 1998),
        ("twenty twenty four", False, 2024),
        ("twenty nineteen", False, 2019),
        ("twenty oh nine", False, 2009),
        ("two thousand nine", False, 2009),
        ("two thousand and nineteen", False, 2019),
        ("nineteen ninety eight", False, 1998),
        ("twenty two", True, 2022),
        ("22", True, 2022),
        # a number, not a year, unless it stands right before a vehicle
        ("twenty two", False, None),
        ("22", False, None),
        ("twenty five", False, None),
        ("two thousand", False, None),
        ("1899", False, None),
    ],
)
def test_years_as_people_say_them(words: str, short: bool, expected: int | None) -> None:
    assert year(words.split(), short=short) == expected


def test_a_year_never_lies_in_the_far_future() -> None:
    far = str(datetime.now(UTC).year + 3)
    assert year([far]) is None


def test_the_catalogue_is_consistent() -> None:
    shipped = catalog()
    makes = {make.name for make in shipped.makes.values()}
    assert {"Toyota", "Ford", "Chevrolet", "Honda", "Volkswagen", "Mercedes-Benz"} <= makes
    for models in shipped.models.values():
        assert models, "every model key names a model"
        assert all(model.make in makes for model in models)
    assert shipped.makes["chevy"].name == "Chevrolet"
    assert shipped.models["ravfour"][0].name == "RAV4"
    assert shipped.models["1500"][0].common  # digits alone need their make ("Ram 1500")
    assert shipped.trims["exl"] == "EX-L"
