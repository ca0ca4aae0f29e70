"""The business's role e-mail: a mailbox named for a department, not a person (round 20).

Issue 18, round 20: "email the binder to our finance inbox, that's finance at lakeshoremotors
dot com" (test30), "reply to service@bayshorehonda-customer.com? no, that's the dealer address"
(test24): an address whose whole local part is one of a showroom's departments (finance, sales,
service, parts, info, ventas, servicio, ...), in a line that names the dealership ("our",
"dealer", "agencia"), is the business's inbox, however it is said. A local part
with anything more ("fleet.ventas@...", "maria.finance@...", "sales2") is left a detail, and so
is every other address beside the role one ("mine is maria at gmail dot com, or finance at the
store").

Written on test24 and test30, checked against the labelled company inboxes of redaction.jsonl,
test4 and es_test26 (kept details); the Spanish departments are the English ones translated.

Round 23: the showroom's inbox said without "our": "email us at sales@...", "that inbox goes to
the whole team", "someone from the BDC will get back to you" (test33, test36, test40), or read
with the dealership in its domain ("sales at harborpointauto dot com", "leads@...toyota.com":
a maker's name or "auto"/"motors"/"cars" in the domain, test33, test36, test40); "leads" (the
internet leads' inbox, test33) is a department too. A firm's domain without such a word
("sales@harborplumbing.com") still needs the dealership named.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span

#: A showroom's departments, English and Spanish. Not a company's back office ("accounts",
#: "billing", "fleet"): a customer's firm gives the dealer those, and they are labelled
#: details ("accounts@acmefleet.com", redaction.jsonl; "accounts@greenleaf-landscaping.ca",
#: test4; "fleet.ventas@...", es_test26).
_ROLES = (
    r"finance|sales|service|parts|info|information|contact|internet|leasing|noreply|no-reply|leads|"
    r"ventas|servicio|refacciones|partes|repuestos|finanzas|financiamiento|contacto|"
    r"informes|informacion|información|atencion|atención|"
    # round 25: the paperwork's and the concierge's inboxes at a dealership's domain
    # ("docs@...autosuperstore.com", test43; "concierge@...motorcars.com", test44)
    r"docs|documents|paperwork|concierge|delivery|deliveries|appointments|bdc"
)
#: The dealership named in the line: "our finance inbox", "that's the dealer address".
_OURS = re.compile(
    r"\b(?:our|nuestr[oa]s?|dealer|dealership|store|agencia|concesionari[oa]|"
    # round 23: the showroom said as "us", its team, its inbox or its BDC
    r"us|team|inbox|bdc)\b",
    re.IGNORECASE,
)
#: The words of the car trade and makers' names a dealership's domain holds (`business_web` too).
DEALER_WORDS = (
    r"auto|motor|cars|toyota|honda|ford|chevy|chevrolet|nissan|kia|hyundai|subaru|mazda|jeep|"
    r"dodge|chrysler|buick|cadillac|gmc|lexus|acura|infiniti|volkswagen|volvo|bmw|audi|"
    r"mercedes|porsche"
)
#: A dealership's domain: the first word after "@" or a spoken "at" holds a maker's name or a
#: word of the car trade ("harborpointauto", "lakesidetoyota", "hollisterfamilymotors").
_DEALER_DOMAIN = re.compile(
    rf"[\w-]*(?:{DEALER_WORDS})[\w-]*(?:\.|\s+(?:dot|punto)\b)",
    re.IGNORECASE,
)
#: The local part: the characters before "@", or the word before a spoken "at" / "arroba",
#: with a spoken joiner before it when there is one ("fleet dot ventas at ...").
_LOCAL = re.compile(
    r"(?P<joined>\b(?:dot|punto|underscore|guion|dash)\s+)?(?P<local>[\w.+-]+)"
    r"(?:@|\s+(?:at|arroba)\s+)",
    re.IGNORECASE,
)
_ROLE = re.compile(_ROLES, re.IGNORECASE)


def is_role(text: str, span: Span) -> bool:
    """Whether the e-mail span `span` is a role mailbox (its local part one role word)."""
    if span.kind is not Kind.EMAIL:
        return False
    # the span may start a word early ("that's finance at ...": "s finance at ...") or a few
    # ("email us at sales@...": "us at sales@..."): the local part is the last one in it
    locals_ = list(_LOCAL.finditer(text, span.start, span.end))
    local = locals_[-1] if locals_ else None
    return (
        local is not None
        and (_OURS.search(text) is not None or _DEALER_DOMAIN.match(text, local.end()) is not None)
        and local.group("joined") is None
        and _ROLE.fullmatch(local.group("local")) is not None
    )


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the business's role e-mail addresses and the words inside them.

    A domain read as a name ("sales@northgatekia.com": "northgatekia") goes with its address.
    """
    roles = [span for span in spans if is_role(text, span)]
    if not roles:
        return spans
    return [
        span
        for span in spans
        if not any(role.start <= span.start and span.end <= role.end for role in roles)
    ]
