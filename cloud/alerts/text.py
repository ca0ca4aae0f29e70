"""What a manager reads of an alert, in their language: its kind, its message, its notification.

A hub writes each alert's message in English (`ManagerAlert.message`). The cloud shows the
alerts it knows (`RULES`: a customer waiting, a sharp fall in sentiment, a complaint) in the
reader's language instead, worded here from the alert's rule and fields; the hub's text is
shown only for a rule this module does not know. How long a customer has waited is not a
field of the alert: it is read from the hub's own message ("waited 3 min"), and left out when
that message does not say it. The pages (`cloud.web.labels.alert_message`) and the push
notifications (`cloud.push.alerts`) both word alerts here.
"""

from __future__ import annotations

import re
from typing import Protocol

from babel.support import NullTranslations

from cloud.errors import N_

#: The kinds of alert a manager chooses from, with what the pages and notifications call them.
KINDS: dict[str, str] = {
    "waiting": N_("A customer waiting too long"),
    "sentiment": N_("A sharp fall in customer sentiment"),
    "complaint": N_("A complaint"),
}
#: Alert rule (the hub's playbook rule id or presence rule) -> kind.
RULES: dict[str, str] = {
    "customer_waiting": "waiting",
    "customer-waiting": "waiting",
    "sentiment-falling": "sentiment",
    "complaint": "complaint",
}
_WAITED = re.compile(r"\bwaited (\d+) min")


class Alert(Protocol):
    """The fields of a stored alert that its text is made of (`AlertRow`)."""

    @property
    def rule(self) -> str: ...  # noqa: D102
    @property
    def message(self) -> str: ...  # noqa: D102
    @property
    def zone(self) -> str | None: ...  # noqa: D102


def kind_of(rule: str) -> str | None:
    """The kind of alert a rule raises (None: not one a manager can choose)."""
    return RULES.get(rule)


def kind_name(kind: str, t: NullTranslations) -> str:
    """What a kind of alert is called, in the language of `t`."""
    return t.gettext(KINDS[kind]) if kind in KINDS else t.gettext("Alert")


def message(alert: Alert, t: NullTranslations) -> str:
    """The alert's message in the language of `t` (the hub's text for a rule not known here)."""
    kind = kind_of(alert.rule)
    if kind == "sentiment":
        return t.gettext("Customer sentiment is falling sharply.")
    if kind == "complaint":
        return t.gettext("The customer is making a complaint.")
    if kind != "waiting":
        return alert.message
    waited = _WAITED.search(alert.message)
    values = {"zone": alert.zone or "", "minutes": int(waited.group(1)) if waited else 0}
    if waited and alert.zone:
        text = t.gettext(
            "A customer has waited %(minutes)d min in %(zone)s with no salesperson near."
        )
    elif alert.zone:
        text = t.gettext("A customer is waiting in %(zone)s with no salesperson near.")
    elif waited:
        text = t.gettext("A customer has waited %(minutes)d min with no salesperson near.")
    else:
        text = t.gettext("A customer is waiting with no salesperson near.")
    return text % values


def body(alert: Alert, t: NullTranslations) -> str:
    """A notification's text: the message, and the zone where the message does not name it."""
    text = message(alert, t)
    if alert.zone and kind_of(alert.rule) != "waiting":
        return f"{text} ({alert.zone})"
    return text
