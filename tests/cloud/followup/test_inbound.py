"""Twilio's webhook signature (checked against the fake's own signer) and the reply keywords."""

from __future__ import annotations

import pytest

from cloud.followup.inbound import keyword, signature, verified
from harness.twilio import Account
from harness.twilio.inbound import reply

URL = "https://cars.example/twilio/sms"


def test_a_reply_signed_as_twilio_signs_it_verifies_and_any_change_breaks_it() -> None:
    account = Account()
    form, headers = reply(account, URL, "+15551230000", "+15555550100", "STOP")
    given = headers["X-Twilio-Signature"]
    assert verified(account.token, URL, form, given)
    assert signature(account.token, URL, form) == given
    assert not verified(account.token, URL, form | {"Body": "START"}, given)
    assert not verified(account.token, URL + "?x=1", form, given)
    assert not verified("another-token-00000000000000000", URL, form, given)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("STOP", "stop"),
        (" stop. ", "stop"),
        ("Unsubscribe", "stop"),
        ("QUIT!", "stop"),
        ("start", "start"),
        ("UNSTOP", "start"),
        ("Stop texting me about the RAV4", None),
        ("PARAR", None),  # not one of Twilio's default keywords
        ("", None),
    ],
)
def test_keywords_are_twilios_defaults(body: str, expected: str | None) -> None:
    assert keyword(body) == expected
