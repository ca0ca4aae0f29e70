"""The composition root of `showfloor-edge run`: everything built in order, then run.

```
build (fails fast, naming what to fix, before any task starts)
  settings -> privacy gate (site key) -> outbox -> models -> coach (playbook, sinks)
  -> presence -> publisher (status, commands)
run: one TaskGroup, one named task per source and sink, each a supervised reconnect loop
  audio          microphone (or a replayed file) -> VAD -> diarize -> ASR -> queue
  understanding  queue -> conversation (privacy gate, understanding) -> coach -> outbox
  presence       BLE advertisements -> zones -> floor events -> outbox; waiting -> coach
  publisher      outbox -> MQTT; commands from the cloud
  housekeeping   systemd watchdog, status, outbox pruning
stop (SIGTERM, SIGINT, or the end of a replayed file)
  the utterance in progress is finished (no re-decode with context is started or waited for:
  turns keep the text first heard), the conversation closed, the publisher flushes and
  publishes `offline`, the outbox is closed.
```
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from contract.events import Envelope
from contract.payloads import HubStatus, Presence
from edge import __version__
from edge.cli.common import load_listening
from edge.coach.engine import Coach
from edge.coach.factory import build_coach
from edge.daemon.commands import CommandHandler, CommandTargets
from edge.daemon.health import Health
from edge.daemon.listening import Listening
from edge.daemon.supervise import Backoff, supervise
from edge.daemon.systemd import Notifier, watchdog_interval
from edge.events import EchoSink, EventSink
from edge.listen.live import LiveListener
from edge.presence.scanner import BeaconScanner
from edge.presence.service import PresenceService
from edge.presence.site import SiteLink
from edge.privacy.gate import PrivacyGate
from edge.settings import EdgeSettings
from edge.sync.outbox import Outbox
from edge.sync.publisher import Publisher
from edge.understand.audio_tap import RecentAudio
from edge.understand.conversation import ConversationAssembler
from edge.understand.models import load_embedder
from edge.understand.polish import TurnPolisher
from edge.understand.understander import build_understander

_LOGGER = logging.getLogger(__name__)

#: How often housekeeping runs when systemd asks for no watchdog.
HOUSEKEEPING_S = 10.0
#: Longest wait for the utterance in progress and the conversation to close on shutdown.
DRAIN_S = 25.0
#: Longest wait on shutdown for the publisher to send what is committed.
FLUSH_S = 5.0


@dataclass(frozen=True)
class Replay:
    """Run the hub on a recording instead of the microphone (demos, installers)."""

    path: Path
    realtime: bool = True


class Hub:
    """The hub daemon, built from settings; `run()` until stopped."""

    def __init__(
        self,
        settings: EdgeSettings,
        *,
        reload: Callable[[], EdgeSettings] | None = None,
        show: Callable[[Envelope], None] | None = None,
    ) -> None:
        """Keep the settings; `build()` loads everything.

        `reload` reads every configuration source again (for `config_reload`); `show` sees
        every event kept.
        """
        self.settings = settings
        self._reload = reload or (lambda: settings)
        self._show = show
        self.health = Health()
        self.notifier = Notifier()
        self.stopping = asyncio.Event()

    async def build(self, replay: Replay | None = None, sink: EventSink | None = None) -> None:
        """Everything the hub needs, in order; a `EdgeError` names what to fix.

        With a `sink` (`showfloor-edge replay`'s `MemorySink`) events go there instead of the
        outbox: no outbox, no publisher, no commands, and pseudonyms from a random key, since
        nothing leaves the process.
        """
        settings = self.settings
        self.outbox: Outbox | None = None
        self.publisher: Publisher | None = None
        if sink is None:
            self.gate = PrivacyGate(settings.privacy)
            self.outbox = await Outbox.open(settings.sync.outbox, settings.sync.address)
            sink = self.outbox
        else:
            self.gate = PrivacyGate.ephemeral(settings.privacy)
        events: EventSink = EchoSink(sink, self._show) if self._show else sink
        models, prints = await asyncio.to_thread(load_listening, settings)
        embedder = await asyncio.to_thread(
            load_embedder,
            settings.models.bundle_dir,
            weights=settings.understanding.embedder_weights,
        )
        understander = await asyncio.to_thread(build_understander, embedder, settings.understanding)
        self.recent = RecentAudio()
        self.coach: Coach = build_coach(
            settings.coaching, events, speaking=self.recent.speaking, pseudonym=self.gate.staff
        )
        self.presence: PresenceService | None = None
        if settings.presence.enabled and replay is None:
            self.presence = PresenceService(
                settings.presence,
                events,
                site_key=self.gate.site_key,
                hub=settings.sync.hub,
                on_waiting=self._on_waiting,
            )
            self.scanner = BeaconScanner(
                settings.presence.adapter,
                idle_restart_s=settings.presence.idle_restart_s,
                retry_max_s=settings.presence.retry_max_s,
            )
        listener = LiveListener(models, prints)
        polisher = (
            TurnPolisher(listener.polish, self.gate.redact, events, settings.asr.polish_max_s)
            if settings.asr.polishes
            else None
        )
        self.assembler = ConversationAssembler(
            understander,
            events,
            self.gate,
            silence_s=settings.understanding.conversation_silence_s,
            talk_window_s=settings.understanding.talk_window_s,
            audio=self.recent,
            engage=self.presence.engage if self.presence else None,
            release=self.presence.release if self.presence else None,
            polisher=polisher,
        )
        self.listening = Listening(
            listener,
            self.assembler,
            self.coach,
            self.recent,
            settings,
            self.health,
            self.stopping,
            replay,
        )
        self.models = {
            a.role.value: f"{a.source_package} {a.source_version}"
            for a in models.bundle.manifest.artifacts
        }
        if self.outbox is None:
            return
        handler = CommandHandler(
            CommandTargets(
                settings=settings,
                load_settings=self._reload,
                forget_outbox=self.outbox.forget,
                forget_live=self._forget_live,
                staff_pseudonym=self.gate.staff,
                reload_voiceprints=self.listening.reload_voiceprints,
                embedding_model=models.embedding_model,
                restart=self._restart,
            )
        )
        self.publisher = Publisher(settings.sync, self.outbox, status=self.status, handler=handler)

    async def _forget_live(self, subject: str) -> bool:
        """Forget the open conversation or a visit on the floor, if `subject` is either."""
        if await self.listening.forget(subject):
            return True
        return self.presence is not None and self.presence.forget(subject)

    def status(self) -> HubStatus:
        """The hub's status now (the publisher adds the outbox figures)."""
        self._refresh_parts()
        return self.health.status(
            version=__version__,
            models=self.models,
            disk_full=self.outbox is not None and self.outbox.disk_full,
            stopping=self.stopping.is_set(),
        )

    async def run(self) -> None:
        """Every task under one TaskGroup until stopped; then a clean shutdown."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stopping.set)
        backoff = Backoff()
        try:
            async with asyncio.TaskGroup() as group:
                pipeline = group.create_task(
                    supervise(
                        "audio", self.listening.run, self.health, backoff, stopping=self.stopping
                    ),
                    name="audio",
                )
                consumer = group.create_task(self.listening.understand(), name="understanding")
                others = [group.create_task(self._housekeeping(), name="housekeeping")]
                if self.publisher is not None and self.settings.sync.enabled:
                    others.append(group.create_task(self.publisher.run(), name="publisher"))
                else:
                    self.health.ok("publisher")
                if self.presence is not None:
                    presence = self.presence
                    others.append(
                        group.create_task(
                            supervise(
                                "presence",
                                lambda: presence.run(self.scanner.advertisements()),
                                self.health,
                                backoff,
                            ),
                            name="presence",
                        )
                    )
                    if self.settings.sync.enabled and presence.settings.share_readings:
                        site = SiteLink(self.settings.sync, presence)
                        others.append(group.create_task(site.run(), name="site-readings"))
                else:
                    self.health.ok("presence")
                self.notifier.notify(READY=1, STATUS="listening")
                await self.stopping.wait()
                self.notifier.notify(STOPPING=1, STATUS="finishing the conversation")
                _LOGGER.info("stopping: finishing the utterance in progress")
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(DRAIN_S):
                        await asyncio.gather(pipeline, consumer, return_exceptions=True)
                pipeline.cancel()
                consumer.cancel()
                await self._flush()
                for task in others:
                    task.cancel()
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
            await self.coach.close()
            if self.outbox is not None:
                await self.outbox.close()

    async def _flush(self) -> None:
        """Give the publisher a moment to send what is committed (the rest waits on disk)."""
        if self.outbox is None or self.publisher is None or not self.settings.sync.enabled:
            return
        # Connected or about to be (a replay can end before the first connection is up):
        # poll the depth, which lives in SQLite, for at most FLUSH_S.
        for _ in range(int(FLUSH_S / 0.05)):
            if await self.outbox.depth() == 0:
                break
            await asyncio.sleep(0.05)
        depth = await self.outbox.depth()
        if depth:
            _LOGGER.info("%d events stay in the outbox for the next start", depth)

    async def _housekeeping(self) -> None:
        interval = min(HOUSEKEEPING_S, watchdog_interval() or HOUSEKEEPING_S)
        last: tuple[tuple[str, str], ...] | None = None
        while True:
            self.notifier.notify(WATCHDOG=1)
            try:
                if self.outbox is not None:
                    await self.outbox.prune()
                self.health.ok("housekeeping")
            except Exception as err:  # the outbox reports a full disk itself
                self.health.degraded("housekeeping", f"cannot prune the outbox: {err}")
            self._refresh_parts()
            problems = tuple(sorted(self.health.problems.items()))
            if problems != last:
                last = problems
                if self.publisher is not None:
                    await self.publisher.publish_status()
                state = "degraded: " + ", ".join(p for p, _ in problems) if problems else "ok"
                self.notifier.notify(STATUS=state)
            await asyncio.sleep(interval)

    def _refresh_parts(self) -> None:
        """Parts that report their own health: the publisher and the scanner."""
        publishing = self.publisher is not None and self.settings.sync.enabled
        parts = [self.publisher.health()] if self.publisher is not None and publishing else []
        if self.presence is not None:
            parts.append(self.scanner.health)
        for part in parts:
            if part.ok:
                self.health.ok(part.name)
            else:
                self.health.degraded(part.name, part.detail)

    async def _on_waiting(self, waiting: Presence) -> None:
        """A customer waits with no salesperson near: the coach nudges the floor."""
        await self.coach.on_waiting(waiting)

    def _restart(self) -> None:
        """Apply a new configuration: stop cleanly; systemd (`Restart=always`) starts us again."""
        asyncio.get_running_loop().call_later(1.0, self.stopping.set)
