"""Alerts worded in the reader's language, for the pages and the push notifications alike."""

from __future__ import annotations

import subprocess
import sys

from cloud import catalogues
from cloud.alerts import text
from tests.cloud.factory import alert_row


def test_alerts_are_worded_in_the_readers_language() -> None:
    es, en = catalogues.translations("es"), catalogues.translations("en")
    waited = alert_row(
        "customer_waiting", "A customer has waited 4 min in showroom with no salesperson near.",
        "showroom",
    )  # fmt: skip
    assert text.message(waited, en) == waited.message  # the hub's words, re-made
    assert text.message(waited, es) == (
        "Un cliente lleva 4 min esperando en showroom sin ningún vendedor cerca."
    )
    demo = alert_row(
        "customer-waiting", "A customer has waited 3 minutes at the entrance", "entrance"
    )
    assert text.message(demo, es).startswith("Un cliente lleva 3 min esperando en entrance")
    unsure = alert_row("customer_waiting", "Someone is waiting.")  # no minutes, no zone
    assert text.message(unsure, es) == "Un cliente espera sin ningún vendedor cerca."
    falling = alert_row("sentiment-falling", "Customer sentiment is falling sharply.", "desk")
    assert text.body(falling, es) == "El ánimo del cliente cae bruscamente. (desk)"
    complaint = alert_row("complaint", "The customer is making a complaint.")
    assert text.message(complaint, es) == "El cliente está presentando una queja."
    assert text.kind_name("complaint", es) == "Una queja"
    unknown = alert_row("test-drive-overdue", "The test drive is 20 min late.")
    assert text.message(unknown, es) == "The test drive is 20 min late."  # the fallback
    assert text.kind_name("", es) == "Alerta"


def test_push_words_its_alerts_without_the_web_package() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, cloud.push.alerts; print(sorted(sys.modules))"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.split()  # fmt: skip
    assert "'cloud.alerts.text'," in loaded
    assert not [m for m in loaded if m.startswith("'cloud.web")]
