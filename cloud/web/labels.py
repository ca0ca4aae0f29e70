"""What people read for a metric key or a code: one label and unit per key, in one place.

Tables, CSV files and the API keep the keys (`talk_ratio`, `time_to_greet_s`); the pages show
`header(key)`: the label, translated, and its unit ("Talk ratio (0-1)"). Codes that reach a
page as values (objection kinds, stages, hub states, alert severities) are shown through
`value(code)`. A key with no entry is shown as it is, so a new column is visible at once (and
the untranslated-text test names it).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.support import NullTranslations
from jinja2 import pass_context
from jinja2.runtime import Context

from cloud.alerts import text as alert_text
from cloud.score.reasons import Reason
from cloud.web.i18n import N_


@dataclass(frozen=True)
class Label:
    """A metric's name and unit (both messages; the unit may be empty)."""

    text: str
    unit: str = ""


#: Units, as written in headers and on chart axes.
SECONDS = N_("s")
SHARE = N_("0-1")
PER_DAY = N_("per day")
COUNT = ""

#: Every column of every table the pages show, and every chart axis.
METRICS: dict[str, Label] = {
    # scorecards (cloud.views.scorecards.COLUMNS)
    "salesperson": Label(N_("Salesperson")),
    "conversations": Label(N_("Conversations")),
    "conversations_per_day": Label(N_("Conversations"), PER_DAY),
    "talk_ratio": Label(N_("Talk ratio"), SHARE),
    "open_questions": Label(N_("Open questions")),
    "objections": Label(N_("Objections")),
    "objections_handled": Label(N_("Objections handled")),
    "sentiment_change": Label(N_("Sentiment change"), N_("-2 to +2")),
    "time_to_greet_s": Label(N_("Time to greet"), SECONDS),
    "prompts_followed": Label(N_("Prompts followed"), SHARE),
    # objections (cloud.views.analytics)
    "objection": Label(N_("Objection")),
    "raised": Label(N_("Raised")),
    "handled": Label(N_("Handled")),
    "not_handled": Label(N_("Not handled")),
    "handled_rate": Label(N_("Handled"), SHARE),
    "day": Label(N_("Day")),
    # traffic and conversion
    "zone": Label(N_("Zone")),
    "hour": Label(N_("Hour of day")),
    "visitors": Label(N_("Visitors")),
    "site": Label(N_("Site")),
    "time_zone": Label(N_("Time zone")),
    "engaged_rate": Label(N_("Engaged"), SHARE),
    "negotiating": Label(N_("Negotiating")),
    "negotiating_rate": Label(N_("Negotiating"), SHARE),
    # conversation
    "duration_s": Label(N_("Duration"), SECONDS),
    "sentiment": Label(N_("Customer sentiment"), N_("-1 to +1")),
    "elapsed_s": Label(N_("Time into the conversation"), SECONDS),
    # practice progress (cloud.practice.progress.COLUMNS)
    "practice_answers": Label(N_("Practice answers")),
    "first_score": Label(N_("First score"), N_("0-100")),
    "latest_score": Label(N_("Latest score"), N_("0-100")),
    "mean_score": Label(N_("Mean score"), N_("0-100")),
    "handled_rate_before": Label(N_("Handled on the floor before practice"), SHARE),
    "handled_rate_after": Label(N_("Handled on the floor since"), SHARE),
    # purchase score (cloud.score)
    "likelihood": Label(N_("Likelihood"), N_("%")),
    # audit log (cloud.web.routes.audit.AUDIT_COLUMNS)
    "at": Label(N_("When")),
    "actor": Label(N_("Who")),
    "action": Label(N_("Action")),
    "target": Label(N_("Target")),
    "detail": Label(N_("Detail")),
}

#: Codes shown as values: objection kinds and signals (contract.payloads), stages, roles,
#: hub states, alert severities, CRM job states.
VALUES: dict[str, str] = {
    "price": N_("price"),
    "monthly_payment": N_("monthly payment"),
    "financing": N_("financing"),
    "trade_in": N_("trade-in"),
    "think_it_over": N_("think it over"),
    "competitor": N_("competitor"),
    "timing": N_("timing"),
    "vehicle_fit": N_("vehicle fit"),
    "trust": N_("trust"),
    "other": N_("other"),
    "test_drive": N_("test drive"),
    "availability": N_("availability"),
    "payment_question": N_("payment question"),
    "what_would_it_take": N_("what would it take"),
    "delivery": N_("delivery"),
    "browsing": N_("browsing"),
    "evaluating": N_("evaluating"),
    "negotiating": N_("negotiating"),
    "closing": N_("closing"),
    "salesperson": N_("salesperson"),
    "customer": N_("customer"),
    "unknown": N_("unknown"),
    "admin": N_("admin"),
    "manager": N_("manager"),
    "viewer": N_("viewer"),
    "online": N_("online"),
    "offline": N_("offline"),
    "degraded": N_("degraded"),
    "never_seen": N_("never seen"),
    "info": N_("info"),
    "warning": N_("warning"),
    "critical": N_("critical"),
    "team": N_("team"),
    "pending": N_("pending"),
    "sending": N_("sending"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "dead": N_("failed"),
    "not linked": N_("not linked"),
    "linked": N_("linked"),
    "linked (no CRM set up)": N_("linked (no CRM set up)"),
    # follow-up channels (cloud.followup)
    "email": N_("e-mail"),
    "sms": N_("text"),
    "crm_task": N_("CRM task"),
    "queued": N_("queued"),
    "retrying": N_("retrying"),
    # CRM steps (cloud.crm.model.STEPS)
    "greeted": N_("greeted"),
    "negotiation": N_("negotiation"),
    "left": N_("left"),
    # practice customers (cloud/practice/personas.yaml) and answer feedback
    # (edge.practice.score.FEEDBACK_TEXT)
    "first-time-buyer": N_("first-time buyer on a budget"),
    "payment-family": N_("payment-focused family"),
    "trade-in-haggler": N_("trade-in haggler"),
    "comparison-shopper": N_("comparison shopper"),
    "skeptical-returner": N_("sceptical returning customer"),
    "empty": N_("Say something: the customer is waiting."),
    "missed_move": N_("Make the playbook's move for this objection."),
    "no_open_question": N_("Ask an open question (what, how, which...) to keep them talking."),
    "no_acknowledgement": N_("Acknowledge what they said before you answer."),
    "too_long": N_("Too long: keep it short and hand the conversation back."),
    "good": N_("Well handled."),
}


#: The reasons behind a purchase score (`cloud.score.reasons.Reason.key`), with named
#: placeholders for its values: `n` (a count), `minutes`, `stage` (a stage code, shown through
#: `value_text`). The `_one` keys are their own sentences, not plural forms of the `_many`.
REASONS: dict[str, str] = {
    "test_drive": N_("took a test drive"),
    "what_would_it_take": N_("asked what it would take"),
    "other_signals_one": N_("asked about availability, payment or delivery"),
    "other_signals_many": N_("asked %(n)d buying questions"),
    "objections_handled_one": N_("an objection was answered"),
    "objections_handled_many": N_("%(n)d objections were answered"),
    "objections_open_one": N_("an objection was left unanswered"),
    "objections_open_many": N_("%(n)d objections were left unanswered"),
    "sentiment_end_good": N_("ended in a good mood"),
    "sentiment_end_poor": N_("ended in a poor mood"),
    "sentiment_trend_up": N_("warmed up as they talked"),
    "sentiment_trend_down": N_("cooled down as they talked"),
    "stage": N_("reached the %(stage)s stage"),
    "dwell": N_("stayed %(minutes)d min on the floor"),
    "repeat_visit": N_("came back (a repeat visit)"),
    "duration": N_("talked for %(minutes)d min"),
}


def header_text(key: str, translations: NullTranslations) -> str:
    """`key`'s label with its unit, translated ("Talk ratio (0-1)"); the key if unknown."""
    found = METRICS.get(key)
    if found is None:  # a code as a column (an objection kind), as a heading
        return value_text(key, translations).capitalize() if key in VALUES else key
    text = translations.gettext(found.text)
    return f"{text} ({translations.gettext(found.unit)})" if found.unit else text


def value_text(code: object, translations: NullTranslations) -> str:
    """A code shown as a value, translated; anything else as it is."""
    text = str(code)
    return translations.gettext(VALUES[text]) if text in VALUES else text


def reason_text(reason: Reason, translations: NullTranslations) -> str:
    """A score's reason in words with its push, translated ("took a test drive (+1.3)")."""
    message = REASONS.get(reason.key)
    if message is None:  # a reason with no words yet shows its key (the i18n test names it)
        return f"{reason.key} ({reason.push:+.1f})"
    values = {
        name: value_text(found, translations) if name == "stage" else found
        for name, found in reason.values.items()
    }
    text = translations.gettext(message) % values
    return f"{text} ({reason.push:+.1f})"


@pass_context
def header(context: Context, key: str) -> str:
    """`header_text` in the page's language."""
    return header_text(key, context["translations"])


@pass_context
def value(context: Context, code: object) -> str:
    """`value_text` in the page's language."""
    return value_text(code, context["translations"])


@pass_context
def reasons(context: Context, found: list[Reason]) -> str:
    """A score's reasons in the page's language, one after another (an en dash if none)."""
    return "; ".join(reason_text(r, context["translations"]) for r in found) or "\u2013"


@pass_context
def alert_message(context: Context, alert: alert_text.Alert) -> str:
    """Templates' `alert_message(alert)`: `cloud.alerts.text.message` in the page's language."""
    return alert_text.message(alert, context["translations"])
