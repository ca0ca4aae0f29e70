"""The interface's languages: gettext catalogues (Babel) and which one a request gets.

A signed-in user's own setting (`users.locale`) wins; otherwise the browser's
`Accept-Language`; otherwise English. Messages are marked in the templates with `{% trans %}`
or `_()` and in Python with `_()` on a request's `Translations` (or `N_()` where the text is
translated later, as in `cloud.web.labels`). The catalogues live in `cloud/web/locale/`
(`cloud.catalogues` loads them): `make messages` extracts `messages.pot` and updates each
`.po`; the compiled `.mo` files are committed (the install is `pip install -e`, without a build
step), and a test checks that they match their `.po`.
"""

from __future__ import annotations

from typing import Any

from babel.core import Locale, negotiate_locale
from babel.support import NullTranslations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

# the catalogues and the languages (`cloud.catalogues`, shared with the push notifications)
from cloud.catalogues import DEFAULT as DEFAULT
from cloud.catalogues import DOMAIN as DOMAIN
from cloud.catalogues import LOCALE_DIR as LOCALE_DIR
from cloud.catalogues import LOCALES as LOCALES
from cloud.catalogues import translations as translations


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated where it is shown."""
    return message


def from_accept_language(header: str | None) -> str:
    """The best interface language for an `Accept-Language` header (RFC 9110 weights)."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, index, tag.replace("-", "_")))
    preferred = [tag for _, _, tag in sorted(ranked)]
    return negotiate_locale(preferred, LOCALES, sep="_") or DEFAULT


def error_text(error: BaseException, t: NullTranslations) -> str:
    """An error's message in the language of `t`.

    A `cloud.errors.Worded` one from its catalogue entry and values, any other as written
    (translated if it is an entry).
    """
    template = getattr(error, "template", None)
    if isinstance(template, str):
        values = dict(getattr(error, "values", None) or {})
        for name in getattr(error, "worded", ()):
            values[name] = t.gettext(str(values[name]))
        return t.gettext(template) % values if values else t.gettext(template)
    return t.gettext(str(error))


def language_name(code: str) -> str:
    """The language's own name ("English", "español")."""
    return Locale.parse(code).get_display_name(code) or code


@pass_context
def _gettext(context: Context, message: str, **variables: Any) -> str:
    """Jinja's new-style `gettext`: translated, escaped when autoescaping, then %-formatted."""
    text: str = context["translations"].gettext(message)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables  # always formatted, as Jinja's own: a literal % is written %%


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int, **variables: Any) -> str:
    """Jinja's new-style `ngettext` (`num` is always available to the message)."""
    variables.setdefault("num", n)
    text: str = context["translations"].ngettext(singular, plural, n)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


#: What the template environment's globals get: the functions read the request's catalogue
#: from the context's `translations`.
JINJA_GLOBALS = {"gettext": _gettext, "ngettext": _ngettext, "_": _gettext}
