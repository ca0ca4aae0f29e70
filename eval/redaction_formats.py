"""Removal of details made by faker, by format, with and without a cue word.

    PYTHONPATH=$PWD .venv/bin/python -m eval.redaction_formats [--n 40]

A check of the format detectors on values no rule was written on: faker draws dates of birth,
plates, postcodes, national ids and street addresses of several countries (random values,
random seed fixed), each said in a few plain carriers with its cue ("my DNI is ...") and
without one ("..., if you need it"). A value counts as removed when every character of it is
inside a redacted span. The carriers are this module's, not lines of any eval file. Street
addresses are said in carriers of their language: with a cue the redactor knows ("we live
at", "vivo en"), in other phrasings written with them before any run, and bare.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable

from faker import Faker

from edge.privacy.redact import Redactor

_ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def _dob(fake: Faker) -> str:
    born: datetime.date = fake.date_of_birth(minimum_age=18, maximum_age=90)
    style = fake.random_int(0, 4)
    if style == 0:
        return born.strftime("%m/%d/%Y")
    if style == 1:
        return born.strftime("%d/%m/%Y")
    if style == 2:
        return born.isoformat()
    if style == 3:
        return born.strftime("%B %-d, %Y")
    return f"{born.day} de {_ES_MONTHS[born.month - 1]} de {born.year}"


def _street(fake: Faker) -> str:
    """A street address on one line (two lines of en_GB joined by a comma)."""
    return ", ".join(part.strip(" ,") for part in fake.street_address().splitlines())


#: kind: (faker locale, value maker, English cue carrier, Spanish cue carrier)
_KINDS: dict[str, tuple[str, Callable[[Faker], str], str, str]] = {
    "dob": ("en_US", _dob, "my date of birth is {x}", "nací el {x}"),
    "plate GB": ("en_GB", lambda f: f.license_plate(), "the reg is {x}", "la matrícula es {x}"),
    "plate ES": ("es_ES", lambda f: f.license_plate(), "the plate is {x}", "la matrícula es {x}"),
    "plate MX": ("es_MX", lambda f: f.license_plate(), "the plate is {x}", "las placas son {x}"),
    "postcode GB": ("en_GB", lambda f: f.postcode(), "postcode {x}", "el código postal es {x}"),
    "postcode CA": ("en_CA", lambda f: f.postcode(), "postal code {x}", "el código postal es {x}"),
    "DNI ES": ("es_ES", lambda f: f.nif(), "my DNI is {x}", "mi DNI es {x}"),
    "NIE ES": ("es_ES", lambda f: f.nie(), "my NIE is {x}", "mi NIE es {x}"),
    "CURP MX": ("es_MX", lambda f: f.curp(), "my CURP is {x}", "mi CURP es {x}"),
    "RFC MX": ("es_MX", lambda f: f.rfc(), "the RFC is {x}", "el RFC es {x}"),
    "RUT CL": ("es_CL", lambda f: f.rut(), "my RUT is {x}", "mi RUT es {x}"),
}
#: Street addresses: the locale, and carriers of its language with an address cue the
#: redactor knows, and others written at the same time, before any run, to measure phrasings
#: no cue list foresaw.
_STREETS = ("en_US", "en_GB", "es_ES", "es_MX", "es_CO", "es_AR", "es_CL")
_STREET_CARRIERS = {
    "en": (
        ("we live at {x}", "my address is {x}", "ship it to {x}"),
        (
            "the house is {x}",
            "it's {x}, by the school",
            "you'll find us on {x}",
            "home is {x} if you need it",
            "we're over at {x}",
            "put down {x} for the address",
        ),
    ),
    "es": (
        ("vivo en {x}", "mi dirección es {x}", "mándelo a {x}"),
        (
            "la casa queda por {x}",
            "es en {x}, cerca de la escuela",
            "nos encuentra en {x}",
            "ponga {x} como domicilio",
            "estamos por {x}",
            "la casa es {x}",
        ),
    ),
}
_BARE = ("{x}, if you need it for the form.", "Es {x}, por si lo necesita.")


def removed(redactor: Redactor, text: str, value: str) -> bool:
    """Whether every character of `value` in `text` is inside a redacted span."""
    start = text.index(value)
    covered = {i for s in redactor.spans(text) for i in range(s.start, s.end)}
    return all(i in covered for i in range(start, start + len(value)))


def main() -> None:
    """Print removal per kind: with a cue (English, Spanish) and bare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    args = parser.parse_args()
    redactor = Redactor()
    print("| kind | cue, English | cue, Spanish | no cue (both languages) |")
    print("|---|---|---|---|")
    for kind, (locale, make, english, spanish) in _KINDS.items():
        fake = Faker(locale)
        fake.seed_instance(5)
        counts = [0, 0, 0]
        for _ in range(args.n):
            value = make(fake)
            for slot, carrier in enumerate((english, spanish)):
                counts[slot] += removed(redactor, carrier.format(x=value), value)
            bare = _BARE[fake.random_int(0, 1)]
            counts[2] += removed(redactor, bare.format(x=value), value)
        print(f"| {kind} | " + " | ".join(f"{c}/{args.n}" for c in counts) + " |")
    print("\n| street address | known cues | other phrasings | no cue |")
    print("|---|---|---|---|")
    for locale in _STREETS:
        fake = Faker(locale)
        fake.seed_instance(5)
        cued, others = _STREET_CARRIERS[locale[:2]]
        counts, totals = [0, 0, 0], [0, 0, 0]
        for _ in range(args.n):
            value = _street(fake)
            for slot, carriers in enumerate((cued, others, _BARE)):
                for carrier in carriers:
                    counts[slot] += removed(redactor, carrier.format(x=value), value)
                    totals[slot] += 1
        cells = " | ".join(f"{c}/{t}" for c, t in zip(counts, totals, strict=True))
        print(f"| {locale} | {cells} |")


if __name__ == "__main__":
    main()
