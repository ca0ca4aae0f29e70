"""Keyword rules: phrasings that name a class more reliably than any embedding.

A rule adds `RULE_BONUS` to its class's embedding score, so it decides between close classes
("payment" with "too high" is an objection, "what would the payment be" a signal) without
overriding a clearly different reading of the whole sentence.
"""

from __future__ import annotations

import re

from contract.payloads import Objection, Signal

RULE_BONUS = 0.2

_TOO = r"(?:too|way too|so|really|pretty|kind of|very)\s+(?:high|much|steep|expensive|low)"

RULES: dict[Objection | Signal, tuple[str, ...]] = {
    Objection.PRICE: (
        r"\b(?:price|sticker|msrp|out the door|total)\b.*\b" + _TOO,
        r"\btoo (?:expensive|pricey|rich)\b",
        r"\boverpriced\b",
        r"\bnot worth (?:that|the|it)\b",
    ),
    Objection.MONTHLY_PAYMENT: (
        r"\b(?:a|per|each|every) month\b.*\b(?:afford|too|can'?t|cannot|budget|not doable)",
        r"\b(?:can'?t|cannot|couldn'?t) (?:do|afford|swing|pay) .*\b(?:a|per) month\b",
        r"\b(?:payments?|monthly)\b.{0,40}\b" + _TOO,
    ),
    Objection.FINANCING: (
        r"\bcredit\b",
        r"\b(?:approved|approval|qualify|cosigner|co-signer|denied|bankruptcy)\b",
        r"\b(?:interest|apr|finance) rates?\b.*\b(?:high|worse|above)\b",
    ),
    Objection.TRADE_IN: (
        r"\btrad(?:e|ing)[\s-]?in\b.*\b(?:low|worth|more|joke|value)\b",
        r"\bmy (?:trade|old car|current car|truck)\b.*\b(?:worth|more|low|giving)\b",
        r"\b(?:lowball|low ball|lowballing)\b",
    ),
    Objection.THINK_IT_OVER: (
        r"\b(?:think|sleep|mull) (?:about|on|it|this)\b",
        r"\b(?:talk|check|discuss|run it by) (?:it )?(?:over )?with my\b|\brun it by\b",
        r"\b(?:my|the) (?:wife|husband|spouse|partner)\b",
    ),
    Objection.COMPETITOR: (
        r"\b(?:other|another|different) (?:dealer|dealership|store|place|lot)\b",
        r"\b(?:honda|toyota|ford|chevy|chevrolet|tesla|kia|hyundai|subaru|mazda|nissan|"
        r"carmax|autonation|vw|volkswagen|bmw|audi|lexus)\b.*\b(?:dealer|place|lot|quoted|"
        r"offer|better|cheaper|less|comparing|looking)\b",
        r"\bshopping around\b",
    ),
    Objection.TIMING: (
        r"\bjust (?:looking|browsing|kicking tires)\b",
        r"\bnot (?:ready|buying|planning)\b",
        r"\b(?:next year|in the spring|a few months|for a while)\b",
    ),
    Objection.VEHICLE_FIT: (
        r"\btoo (?:small|big|cramped|stiff|loud|narrow)\b",
        r"\b(?:mileage|mpg|range|towing|legroom|headroom|cargo|trunk)\b",
        r"\bdeal ?breaker\b",
    ),
    Objection.TRUST: (
        r"\b(?:pressured?|pushy|pushing|rush(?:ing)? me)\b",
        r"\b(?:hidden|extra|prep) (?:fees?|charges?)\b",
        r"\b(?:rip(?:ping)? (?:me )?off|shady|bait and switch|trust)\b",
    ),
    Signal.TEST_DRIVE: (
        r"\btest[\s-]?dr(?:ive|y)\b",
        r"\b(?:take|go) (?:it |her )?(?:out )?for a (?:spin|drive)\b",
        r"\bdrive (?:it|the \w+|one)\b",
    ),
    Signal.AVAILABILITY: (
        r"\bin stock\b",
        r"\b(?:do you|you) (?:have|got) (?:this|it|one|any)\b",
        r"\bwhat colou?rs\b",
    ),
    Signal.PAYMENT_QUESTION: (
        r"\bwhat(?:'s| is| would| are)? (?:the |my )?(?:monthly|payments?|rate|apr|lease)\b",
        r"\bhow much (?:would it be |is it )?(?:a|per|each) month\b",
        r"\b(?:financing|lease) (?:rates?|specials?|deals?)\b",
    ),
    Signal.WHAT_WOULD_IT_TAKE: (
        r"\bwhat would it take\b",
        r"\b(?:best|lowest|bottom line)\b.*\b(?:price|do|go|number|line)\b|\bbottom line\b",
        r"\b(?:we (?:have|got) a deal|it'?s yours|i'?ll sign)\b",
    ),
    Signal.DELIVERY: (
        r"\b(?:pick it up|pickup|pick up)\b",
        r"\b(?:take|drive) it home\b|\bdrive it off\b",
        r"\bhow (?:soon|fast|long until)\b",
        r"\bdeliver(?:y|ed)?\b",
    ),
}

_COMPILED = {
    label: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    for label, patterns in RULES.items()
}


def matching(text: str) -> set[Objection | Signal]:
    """Every class whose keyword rule matches `text`."""
    return {label for label, patterns in _COMPILED.items() if any(p.search(text) for p in patterns)}
