"""Manager alerts to the browsers subscribed to them, once per alert, from ingest.

Ingest calls `AlertNotifier.on_batch` with each committed batch (in whichever process
ingests). The notifier picks the alert events, claims each alert in `push_sent` (so a
redelivered event, or another ingest process, never sends it twice), and sends one message to
each subscription that chose that kind of alert and that site, of an active admin or manager
who may see the site. A subscription the push service says is gone (404/410) is deleted;
other failures are kept on the subscription (`last_error`, shown on the manager's alerts
page). There is no e-mail fallback: the cloud sends no e-mail to managers (the only mail it
sends is ADF leads to a dealer's CRM), so an alert a push cannot carry is seen on the live
floor only.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError
from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.orm import Session, sessionmaker

from cloud import catalogues
from cloud.alerts import text as alert_text
from cloud.ingest.check import Message
from cloud.push import keys
from cloud.push.webpush import Outcome, Target, WebPushClient
from cloud.settings import CloudSettings
from cloud.store import bulk
from cloud.store.base import utcnow
from cloud.store.projections import AlertRow
from cloud.store.push import PushSent, PushSubscription
from cloud.store.tenancy import User
from contract.events import ManagerAlertEvent, parse_event

_LOGGER = logging.getLogger(__name__)

#: Waits before sending again what a push service could not take (seconds).
RETRY_AFTER_S = (1.0, 5.0, 20.0)


class Notification(BaseModel):
    """What the service worker shows (`cloud/web/static/sw.js`)."""

    title: str
    body: str
    url: str
    tag: str


@dataclass(frozen=True)
class Delivery:
    """One message to one subscription."""

    subscription_id: int
    target: Target
    payload: bytes


def alert_keys(batch: list[Message]) -> list[tuple[str, str]]:
    """(tenant, alert id) of the alert events in a batch (tenant from the topic)."""
    found = []
    for message in batch:
        parts = message.topic.split("/")
        if len(parts) != 6 or parts[5] != "alert":
            continue
        try:
            event = parse_event(message.payload)
        except ValidationError:  # dead-lettered by ingest; nothing to send
            continue
        if isinstance(event, ManagerAlertEvent):
            found.append((parts[2], event.data.alert_id))
    return found


def wants(subscription: PushSubscription, user: User, alert: AlertRow, kind: str) -> bool:
    """Whether this subscription of `user` takes `alert` (of `kind`)."""
    if user.site_id is not None and user.site_id != alert.site_id:
        return False
    sites = [s for s in subscription.sites.split(",") if s]
    return kind in subscription.kinds.split(",") and (not sites or alert.site_id in sites)


def notification(alert: AlertRow, locale: str | None = None) -> Notification:
    """The notification of an alert, in `locale` (the subscriber's; None: English)."""
    t = catalogues.translations(locale or catalogues.DEFAULT)
    kind = alert_text.kind_name(alert_text.kind_of(alert.rule) or "", t)
    return Notification(
        title=f"{kind} · {alert.site_id}",
        body=alert_text.body(alert, t),
        url="/floor",
        tag=f"alert-{alert.id}",
    )


class AlertNotifier:
    """Sends the alerts ingest stores to the subscribed managers' browsers."""

    def __init__(self, sessions: sessionmaker[Session], client: WebPushClient) -> None:
        """Read and record through `sessions`; send through `client`."""
        self._sessions, self._client = sessions, client
        self._tasks: set[asyncio.Task[int]] = set()

    def on_batch(self, batch: list[Message]) -> None:
        """Ingest's listener (on the event loop): send the batch's new alerts in a task."""
        found = alert_keys(batch)
        if found:
            task = asyncio.create_task(self.notify(found), name="push-alerts")
            self._tasks.add(task)
            task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[int]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _LOGGER.error("pushing alerts failed", exc_info=task.exception())

    async def notify(self, found: list[tuple[str, str]]) -> int:
        """Send the alerts named (those stored and not sent before); how many messages went.

        A message the push service could not take now (429, 5xx, unreachable) is sent again
        after each of `RETRY_AFTER_S`; an alert older than that is of little use.
        """
        plan = await asyncio.to_thread(self._claim, found)
        outcomes = list(
            await asyncio.gather(*(self._client.send(d.target, d.payload) for d in plan))
        )
        for wait_s in RETRY_AFTER_S:
            again = [i for i, (outcome, _) in enumerate(outcomes) if outcome == "retry"]
            if not again:
                break
            await asyncio.sleep(wait_s)
            sent = await asyncio.gather(
                *(self._client.send(plan[i].target, plan[i].payload) for i in again)
            )
            for i, outcome in zip(again, sent, strict=True):
                outcomes[i] = outcome
        await asyncio.to_thread(self._record, plan, outcomes)
        return sum(1 for outcome, _ in outcomes if outcome == "sent")

    def _claim(self, found: list[tuple[str, str]]) -> list[Delivery]:
        with self._sessions.begin() as session:
            alerts = session.scalars(
                select(AlertRow).where(tuple_(AlertRow.tenant_id, AlertRow.id).in_(found))
            ).all()
            rows = [{"tenant_id": a.tenant_id, "alert_id": a.id, "at": utcnow()} for a in alerts]
            claimed = set(
                bulk.insert_ignore(session, PushSent, rows, returning=("tenant_id", "alert_id"))
            )
            plan = []
            for alert in alerts:
                kind = alert_text.kind_of(alert.rule)
                if (alert.tenant_id, alert.id) not in claimed or kind is None:
                    continue
                payloads: dict[str | None, bytes] = {}  # one per language
                subscribed = session.execute(
                    select(PushSubscription, User)
                    .join(User, User.id == PushSubscription.user_id)
                    .where(
                        PushSubscription.tenant_id == alert.tenant_id,
                        User.tenant_id == alert.tenant_id,
                        User.active.is_(True),
                        User.role.in_(("admin", "manager")),
                    )
                ).all()
                for sub, user in subscribed:
                    if not wants(sub, user, alert, kind):
                        continue
                    if user.locale not in payloads:
                        shown = notification(alert, user.locale)
                        payloads[user.locale] = shown.model_dump_json().encode()
                    target = Target(sub.endpoint, sub.p256dh, sub.auth)
                    plan.append(Delivery(sub.id, target, payloads[user.locale]))
            return plan

    def _record(self, plan: list[Delivery], outcomes: list[tuple[Outcome, str]]) -> None:
        with self._sessions.begin() as session:
            for delivery, (outcome, reason) in zip(plan, outcomes, strict=True):
                sid = delivery.subscription_id
                if outcome == "gone":
                    _LOGGER.info("push subscription %d is gone; deleted (%s)", sid, reason)
                    session.execute(delete(PushSubscription).where(PushSubscription.id == sid))
                    continue
                change = update(PushSubscription).where(PushSubscription.id == sid)
                if outcome == "sent":
                    change = change.values(last_sent_at=utcnow(), last_error=None)
                else:
                    _LOGGER.warning("push to subscription %d not sent: %s", sid, reason)
                    change = change.values(last_error=f"{utcnow():%Y-%m-%d %H:%M} UTC: {reason}")
                session.execute(change)

    async def aclose(self) -> None:
        """Let the sends under way finish (10 s at most; retries are dropped), then close."""
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=10)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)
                _LOGGER.warning("stopped with %d alert(s) not pushed", len(pending))
        await self._client.aclose()


def build_notifier(settings: CloudSettings, sessions: sessionmaker[Session]) -> AlertNotifier:
    """The notifier of `settings` (its VAPID key made now if there is none yet)."""
    client = WebPushClient(keys.vapid(settings), settings.push_subject)
    return AlertNotifier(sessions, client)
