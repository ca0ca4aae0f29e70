"""Mining a site's objections from the stored turns and handled flags (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cloud.practice.mine import mine
from contract.payloads import Objection
from tests.cloud.practice.floor import add_conversation


def test_counts_phrasings_and_the_replies_that_worked(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        add_conversation(
            session, "c1", "price", "The price is too high.", "What budget works?", True
        )
        add_conversation(
            session, "c2", "price", "That price is too high for me.", "What budget works?", True
        )
        add_conversation(session, "c3", "price", "Too expensive, [NAME].", "It's the price.", False)
        add_conversation(session, "c4", "trade_in", None, None, False)  # metrics only
        add_conversation(session, "c5", "price", "Rival site line", "x", True, site="site-b")
        add_conversation(session, "c6", "price", "Other tenant line", "x", True, tenant="rival")
    with Session(engine) as session:
        found = mine(session, "acme", "site-a")
    assert [o.objection for o in found.objections] == [Objection.PRICE, Objection.TRADE_IN]
    price = found.of(Objection.PRICE)
    assert price is not None and (price.raised, price.handled) == (3, 2)
    assert price.handled_rate == 2 / 3
    texts = {p.text for p in price.phrasings}
    assert texts <= {
        "The price is too high.",
        "That price is too high for me.",
        "Too expensive, [NAME].",
    }
    assert sum(p.count for p in price.phrasings) == 3
    assert price.phrasings[0].count == 2  # the two "too high" wordings group together
    assert price.replies_handled == ["What budget works?"]
    assert price.replies_missed == ["It's the price."]
    trade = found.of(Objection.TRADE_IN)
    assert trade is not None and trade.raised == 1 and trade.phrasings == []
    assert found.of(Objection.TRUST) is None


def test_an_unknown_objection_from_a_newer_hub_is_skipped(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        add_conversation(session, "c1", "warranty_worry", "What about the warranty?", "?", True)
    with Session(engine) as session:
        assert mine(session, "acme", "site-a").objections == []
