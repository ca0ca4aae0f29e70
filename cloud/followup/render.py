"""Drafts from facts: the site's templates (Jinja2, sandboxed, strict) and the shipped phrases.

Compliant by construction, whatever a template says:

- a figure (price, payment, rate) the salesperson did not confirm is refused (`DraftError`
  naming it), including one typed into a template ("$0 down");
- every e-mail ends with the CAN-SPAM footer (the rooftop's postal address and the unsubscribe
  link), every text with the opt-out wording ("Reply STOP to opt out."), added after the
  template so no template can drop them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field

from cloud.crm.model import Vehicle
from cloud.errors import Worded
from cloud.followup import figures
from cloud.followup.facts import Facts, Language

Part = Literal["greeting", "signature", "subject", "body", "sms"]
PARTS: tuple[Part, ...] = ("greeting", "signature", "subject", "body", "sms")
Tone = Literal["friendly", "formal"]
#: Longest text (template and opt-out wording): three SMS segments of 160 GSM-7 characters.
SMS_MAX = 480
SUBJECT_MAX = 200


class DraftError(Worded, ValueError):
    """A draft cannot be made: a template fails, or it would say an unconfirmed figure."""


class Voice(BaseModel):
    """A site's voice: who writes, the rooftop's address, tone, template overrides."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dealership: str = Field(min_length=1, max_length=200)
    postal_address: str = Field(min_length=5, max_length=500)
    from_email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    sms_from: str | None = Field(default=None, pattern=r"^\+[1-9]\d{6,14}$")
    tone: Tone = "friendly"
    templates: dict[Language, dict[Part, str]] = Field(default_factory=dict)


class EmailDraft(BaseModel):
    """An e-mail ready for review."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str
    body: str


@cache
def defaults() -> dict[str, Any]:
    """The shipped templates and phrases (`defaults.yaml`), read once."""
    text = resources.files(__package__).joinpath("defaults.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, lstrip_blocks=True)
_BLANK_RUN = re.compile(r"\n{3,}")
_LINE_END = re.compile(r"[ \t]+\n")


@cache
def _compiled(source: str) -> Template:
    return _ENV.from_string(source)


def compile_part(part: str, source: str) -> Template:
    """`source` compiled; `DraftError` with the line on a syntax error."""
    try:
        return _compiled(source)
    except TemplateError as err:
        line = getattr(err, "lineno", None)
        where = f" (line {line})" if line else ""
        raise DraftError(f"the {part} template does not compile{where}: {err}") from err


def _vehicle(found: Vehicle | None) -> dict[str, Any] | None:
    if found is None:
        return None
    short = " ".join(str(p) for p in (found.make, found.model) if p)
    name = " ".join(str(p) for p in (found.year, found.make, found.model, found.trim) if p)
    return {**found.model_dump(), "short": short, "name": name}


def _money(value: Decimal) -> str:
    return f"${value:,.0f}" if value == value.to_integral_value() else f"${value:,.2f}"


def _figure(facts: Facts, kind: figures.Kind, language: Language) -> str | None:
    found = next((f for f in facts.figures if f.kind == kind), None)
    if found is None:
        return None
    value = Decimal(found.value)
    if kind == "rate":
        rate = f"{value.normalize():f}"
        return f"{rate}%" if language == "en" else f"{rate.replace('.', ',')} %"
    return _money(value)


def context(facts: Facts, voice: Voice) -> dict[str, Any]:
    """What a template sees (see `defaults.yaml`)."""
    lang = facts.language
    phrases = defaults()[lang]["phrases"]
    when = phrases["when"].get(facts.next_step.when or "", "")
    step = phrases["next_steps"][facts.next_step.kind][0 if facts.next_step.agreed else 1]
    objections = [
        {
            "objection": o.objection,
            "handled": o.handled,
            "line": phrases["objections"].get(o.objection, ["", ""])[0 if o.handled else 1],
        }
        for o in facts.objections
    ]
    return {
        "customer": {
            "first_name": facts.customer.first_name,
            "last_name": facts.customer.last_name,
        },
        "salesperson": facts.salesperson,
        "dealership": voice.dealership,
        "tone": voice.tone,
        "vehicle": _vehicle(facts.vehicle),
        "trade_in": _vehicle(facts.trade_in),
        "price": _figure(facts, "amount", lang),
        "payment": _figure(facts, "payment", lang),
        "rate": _figure(facts, "rate", lang),
        "budget_mentioned": facts.budget_mentioned,
        "objections": [o for o in {o["objection"]: o for o in objections}.values() if o["line"]],
        "next_step": {**facts.next_step.model_dump(), "line": step.replace("{when}", when)},
    }


def source(templates: Mapping[Any, Mapping[Any, str]], language: str, part: str) -> str:
    """The site's template (`Voice.templates`) for `part` in `language`, else the shipped one."""
    return templates.get(language, {}).get(part) or str(defaults()[language][part])


def _render(part: Part, template: str, values: dict[str, Any]) -> str:
    compiled = compile_part(part, template)
    try:
        text = compiled.render(values)
        return _BLANK_RUN.sub("\n\n", _LINE_END.sub("\n", text)).strip()
    except TemplateError as err:
        raise DraftError(f"the {part} template fails: {err}") from err
    except (TypeError, ValueError, AttributeError, ArithmeticError) as err:
        raise DraftError(f"the {part} template fails: {type(err).__name__}: {err}") from err


def _check(part: str, text: str, facts: Facts) -> str:
    allowed = [figures.Figure(f.kind, Decimal(f.value), f.said) for f in facts.figures]
    bad = figures.unconfirmed(text, allowed)
    if bad:
        said = ", ".join(f.said for f in bad)
        raise DraftError(
            f"the {part} would say {said}, which the salesperson did not confirm in this "
            "conversation: only figures the salesperson said or agreed to may be sent"
        )
    return text


def parts(facts: Facts, voice: Voice) -> dict[Part, str]:
    """Every part rendered in the customer's language (greeting and signature first)."""
    values = context(facts, voice)
    lang = facts.language
    values["greeting"] = _render("greeting", source(voice.templates, lang, "greeting"), values)
    values["signature"] = _render("signature", source(voice.templates, lang, "signature"), values)
    out: dict[Part, str] = {"greeting": values["greeting"], "signature": values["signature"]}
    for part in ("subject", "body", "sms"):
        out[part] = _check(part, _render(part, source(voice.templates, lang, part), values), facts)
    if "\n" in out["subject"] or len(out["subject"]) > SUBJECT_MAX:
        raise DraftError(f"the subject must be one line of at most {SUBJECT_MAX} characters")
    return out


def footer(language: Language, voice: Voice, unsubscribe_url: str) -> str:
    """The CAN-SPAM footer: why they get it, the rooftop's postal address, how to unsubscribe."""
    text = str(defaults()[language]["phrases"]["footer"])
    address = " ".join(voice.postal_address.split())
    return text.format(dealership=voice.dealership, address=address, url=unsubscribe_url)


def stop_wording(language: Language) -> str:
    """The opt-out wording every text ends with."""
    return str(defaults()[language]["phrases"]["stop"])


def compose(facts: Facts, voice: Voice, unsubscribe_url: str) -> tuple[EmailDraft, str]:
    """The e-mail (subject, body, footer) and the text (template, opt-out wording)."""
    done = parts(facts, voice)
    body = f"{done['body']}\n\n-- \n{footer(facts.language, voice, unsubscribe_url)}"
    text = f"{done['sms']} {stop_wording(facts.language)}"
    if len(text) > SMS_MAX:
        raise DraftError(f"the text would be {len(text)} characters; at most {SMS_MAX}")
    return EmailDraft(subject=done["subject"], body=body), text
