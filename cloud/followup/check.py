"""A site's templates tried before they are saved: each language, on a full and a sparse case.

A template that does not compile, names something that does not exist, fails on a conversation
without a vehicle or a salesperson, writes a figure of its own ("$0 down"), or makes a text too
long is refused with the language and the reason; nothing is saved.
"""

from __future__ import annotations

from cloud.crm.model import Vehicle
from cloud.followup import render
from cloud.followup.facts import LANGUAGES, Customer, Facts, Figure, Objection
from cloud.followup.nextstep import NextStep
from cloud.followup.render import DraftError, Voice
from contract.payloads import Objection as Objections

_CUSTOMER = Customer(
    person_id="sample",
    first_name="Ana",
    last_name="López",
    email="ana@example.com",
    phone="+15551230000",
    email_consent=True,
    sms_consent=True,
)


def samples(language: str) -> list[Facts]:
    """A conversation that established everything, and one that established nothing."""
    full = Facts(
        tenant_id="sample",
        site_id="sample",
        conversation_id="conv-sample",
        language=language,  # type: ignore[arg-type]
        customer=_CUSTOMER,
        salesperson="Dana Reyes",
        vehicle=Vehicle(year=2024, make="Toyota", model="RAV4", trim="XLE Premium"),
        trade_in=Vehicle(year=2015, make="Honda", model="Civic"),
        figures=(
            Figure(kind="amount", value="31200", said="$31,200"),
            Figure(kind="payment", value="449", said="$449"),
            Figure(kind="rate", value="3.9", said="3.9%"),
        ),
        budget_mentioned=True,
        objections=tuple(
            Objection(objection=str(o), handled=i % 2 == 0) for i, o in enumerate(Objections)
        ),
        signals=("test_drive",),
        next_step=NextStep(kind="test_drive", when="saturday", agreed=True),
    )
    sparse = full.model_copy(
        update={
            "customer": _CUSTOMER.model_copy(update={"first_name": ""}),
            "salesperson": None,
            "vehicle": None,
            "trade_in": None,
            "figures": (),
            "budget_mentioned": False,
            "objections": (),
            "signals": (),
            "next_step": NextStep(kind="info"),
        }
    )
    return [full, sparse]


def validate(voice: Voice) -> None:
    """`DraftError` naming the language and the problem if any template would fail."""
    url = "https://showfloor.example/unsubscribe/sample"
    for language in LANGUAGES:
        for facts in samples(language):
            try:
                render.compose(facts, voice, url)
            except DraftError as err:
                raise DraftError(f"{language}: {err}") from err
