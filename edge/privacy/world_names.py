"""First names and surnames of many countries, from the person providers of `faker`.

The US census lists of `names` miss most names from elsewhere ("priya", "iñaki", "héctor",
"lindqvist"). These lists are only used where the context already says a name comes (after
"my wife", "mister", "ask for", "me llamo", ...), never to take a word as a name on its own:
they also hold everyday words ("nada", "mark").
"""

from __future__ import annotations

import importlib
from functools import cache

#: Faker locales whose names showroom customers in the US and Spanish-speaking markets carry.
LOCALES = (
    "en_US",
    "en_GB",
    "en_IE",
    "en_IN",
    "en_NG",
    "en_PK",
    "es_ES",
    "es_MX",
    "es_CO",
    "es_AR",
    "es_CL",
    "ja_JP",
    "zh_CN",
    "ko_KR",
    "vi_VN",
    "yo_NG",
    "hi_IN",
    "it_IT",
    "pt_BR",
    "de_DE",
    "pl_PL",
    "fr_FR",
    "sv_SE",
    "tr_TR",
    "ru_RU",
    "fa_IR",
    "id_ID",
)
_FIRST = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
)
_LAST = ("last_names", "last_romanized_names")


def _words(values: object) -> set[str]:
    if not isinstance(values, (list, tuple, dict)):
        return set()  # some providers compute the list in a property
    return {str(v).lower() for v in values if all(ch.isalpha() or ch in "'-" for ch in str(v))}


@cache
def lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) of `LOCALES`, lower case, loaded once."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in _FIRST:
            first |= _words(getattr(provider, attribute, None))
        for attribute in _LAST:
            last |= _words(getattr(provider, attribute, None))
    return frozenset(first), frozenset(last)


@cache
def everyday() -> frozenset[str]:
    """Everyday English and Spanish words of faker's lorem lists ("esta", "vida", "soon")."""
    found: set[str] = set()
    for locale in ("en_US", "es_ES"):
        provider = importlib.import_module(f"faker.providers.lorem.{locale}").Provider
        found |= {str(w).lower() for w in provider.word_list}
    return frozenset(found)
