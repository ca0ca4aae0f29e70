"""The cloud's interface languages and their gettext catalogues (Babel), for any package.

The pages (`cloud.web.i18n`, which picks a request's language) and the push notifications
(`cloud.push.alerts`, in each subscriber's language) read the same catalogues. They are kept
beside the templates, in `cloud/web/locale/` (`make messages`), as data: nothing here imports
the web package.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "web" / "locale"
DEFAULT = "en"
#: Interface languages, the source language first; each other one has a catalogue.
LOCALES = ("en", "es")
DOMAIN = "messages"


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The catalogue of `locale` (English: the messages as written)."""
    if locale == DEFAULT or locale not in LOCALES:
        return NullTranslations()
    found = Translations.load(LOCALE_DIR, [locale], DOMAIN)
    if not isinstance(found, Translations):
        raise FileNotFoundError(f"no compiled catalogue for {locale!r} under {LOCALE_DIR}")
    return found
