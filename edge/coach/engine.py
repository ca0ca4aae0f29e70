"""The coach: playbook rules over understood turns, delivered to the sinks as prompts.

For each turn (`on_turn`): open prompts are checked for follow-up (`PromptOutcome`), then every
rule whose condition holds and whose cool-down has passed fires, highest priority first. Only
the best spoken prompt may speak, at most once per `spoken_interval_s`, never in quiet mode, and
never over the customer: it waits (up to `max_wait_s`) until `speaking()` is False. Each fired
rule becomes a `CoachingPrompt` (with the latency from the end of the triggering utterance to
the sinks) and, when the rule says so, a `ManagerAlert`.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from contract.payloads import CoachingPrompt, ManagerAlert, Presence, PromptOutcome
from edge.coach.language import PromptLanguages, waiting_text
from edge.coach.playbook import Playbook, Rule
from edge.coach.sinks.base import Delivery, PromptSink
from edge.events import EventSink
from edge.understand.conversation import TurnResult

COMPLAINT = re.compile(
    r"\b(?:complain|complaint|unacceptable|speak (?:to|with) (?:the|your) manager|"
    r"(?:get|want|need) (?:the|your) manager|(?:this|that) is (?:ridiculous|outrageous)|"
    r"worst (?:service|experience)|never (?:coming|come) back|report you)\b",
    re.IGNORECASE,
)


@dataclass
class _Open:
    prompt_id: str
    rule: Rule
    conversation_id: str | None
    turns_left: int
    patterns: list[re.Pattern[str]] = field(default_factory=list)


#: The built-in rule of a customer waiting (from presence), and how often it may fire a zone.
WAITING_RULE = "customer-waiting"
WAITING_COOLDOWN_S = 120.0


class Coach:
    """Decides and delivers prompts; one per hub, fed by the conversation assembler."""

    def __init__(
        self,
        playbook: Playbook,
        sinks: Sequence[PromptSink],
        events: EventSink,
        *,
        quiet: bool = False,
        speaking: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = time.monotonic,
        languages: PromptLanguages | None = None,
    ) -> None:
        """Coach with `playbook` onto `sinks`, emitting events to `events`.

        Args:
            playbook: the validated rules.
            sinks: where prompts go (earpiece, LED, console...).
            events: where CoachingPrompt, PromptOutcome and ManagerAlert go.
            quiet: never speak (LED and console still show prompts).
            speaking: whether someone is talking right now (a spoken prompt waits for False).
            clock: monotonic seconds (the clock `Heard.endpointed_at` is on).
            languages: each salesperson's prompt language (default: English for everyone).
        """
        self._playbook = playbook
        self._sinks = list(sinks)
        self._events = events
        self.quiet = quiet
        self._speaking = speaking
        self._clock = clock
        self._fired: dict[str, float] = {}
        self._last_spoken = float("-inf")
        self._open: list[_Open] = []
        self._can_speak = any(sink.name == "earpiece" for sink in self._sinks)
        self._languages = languages or PromptLanguages()

    async def on_turn(self, result: TurnResult) -> list[CoachingPrompt]:
        """Check follow-ups, then fire the rules this turn triggers; the prompts delivered."""
        self._languages.heard(result.turn)
        await self._follow_up(result)
        due = sorted(
            (r for r in self._playbook.rules if self._cooled(r) and self._holds(r, result)),
            key=lambda r: -r.priority,
        )
        prompts = []
        spoke = False
        for rule in due:
            self._fired[rule.id] = self._clock()
            may_speak = (
                self._can_speak
                and not spoke
                and not self.quiet
                and rule.say is not None
                and self._clock() - self._last_spoken >= self._playbook.spoken_interval_s
            )
            prompt = await self._fire(rule, result, may_speak)
            spoke = spoke or "earpiece" in prompt.sinks
            prompts.append(prompt)
        return prompts

    def _cooled(self, rule: Rule) -> bool:
        last = self._fired.get(rule.id)
        return last is None or self._clock() - last >= rule.cooldown_s

    def _holds(self, rule: Rule, result: TurnResult) -> bool:
        when = rule.when
        turn = result.turn
        if when.talk_ratio_above is not None:
            ratio = result.talk_ratio_recent
            return (
                turn.role == "salesperson"
                and ratio is not None
                and ratio > when.talk_ratio_above
                and turn.end_s >= when.for_s
            )
        if turn.role != "customer":
            return False
        if when.labels:
            return any(hit.label in when.labels for hit in turn.labels)
        if when.sentiment_drop is not None:
            return result.sentiment_drop >= when.sentiment_drop
        return bool(COMPLAINT.search(result.text))

    async def _fire(self, rule: Rule, result: TurnResult, may_speak: bool) -> CoachingPrompt:
        # When the customer keeps talking the spoken words would be stale: show them only.
        spoken = may_speak and await self._pause()
        language = self._languages.of_conversation(result.turn.conversation_id)
        text = rule.say_in(language)
        delivery = Delivery(
            rule.id, rule.kind, text, rule.led, rule.led_pattern, spoken, language=language
        )
        names = await self._deliver(delivery)
        prompt = CoachingPrompt(
            prompt_id=uuid.uuid4().hex[:16],
            conversation_id=result.turn.conversation_id,
            rule=rule.id,
            kind=rule.kind,
            text=text or (rule.alert.message if rule.alert else rule.id),
            sinks=names,
            trigger_turn=result.turn.index,
            latency_s=round(max(0.0, self._clock() - result.endpointed_at), 3),
        )
        await self._events.emit(prompt)
        if rule.alert is not None:
            await self._events.emit(
                ManagerAlert(
                    alert_id=uuid.uuid4().hex[:16],
                    severity=rule.alert.severity,
                    rule=rule.id,
                    message=rule.alert.message,
                    conversation_id=result.turn.conversation_id,
                )
            )
        if rule.followed_if:
            self._open.append(
                _Open(
                    prompt.prompt_id,
                    rule,
                    result.turn.conversation_id,
                    rule.follow_turns,
                    [re.compile(p, re.IGNORECASE) for p in rule.followed_if],
                )
            )
        return prompt

    async def on_waiting(self, waiting: Presence) -> CoachingPrompt | None:
        """A customer is waiting in a zone with no salesperson near: nudge the floor.

        Spoken (when not quiet and the earpiece may speak) and an amber blink; at most once a
        zone per `WAITING_COOLDOWN_S`. Returns the prompt, or None while cooling down.
        """
        key = f"{WAITING_RULE}:{waiting.zone}"
        last = self._fired.get(key)
        if last is not None and self._clock() - last < WAITING_COOLDOWN_S:
            return None
        self._fired[key] = self._clock()
        language = self._languages.of_staff(waiting.staff)
        text = waiting_text(waiting.zone, language)
        may_speak = (
            self._can_speak
            and not self.quiet
            and self._clock() - self._last_spoken >= self._playbook.spoken_interval_s
            and await self._pause()
        )
        delivery = Delivery(
            WAITING_RULE, "presence", text, "amber", "blink", may_speak, language=language
        )
        names = await self._deliver(delivery)
        prompt = CoachingPrompt(
            prompt_id=uuid.uuid4().hex[:16],
            staff=waiting.staff,
            rule=WAITING_RULE,
            kind="presence",
            text=text,
            sinks=names,
        )
        await self._events.emit(prompt)
        return prompt

    async def _deliver(self, delivery: Delivery) -> list[str]:
        """Hand `delivery` to every sink at once; the names of those that took it."""
        reached = await asyncio.gather(*(sink.deliver(delivery) for sink in self._sinks))
        names = [sink.name for sink, ok in zip(self._sinks, reached, strict=True) if ok]
        if "earpiece" in names:
            self._last_spoken = self._clock()
        return names

    async def _pause(self) -> bool:
        """Wait until nobody is speaking; False if that took longer than `max_wait_s`."""
        deadline = self._clock() + self._playbook.max_wait_s
        while self._speaking():
            if self._clock() >= deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    async def _follow_up(self, result: TurnResult) -> None:
        if result.turn.role != "salesperson":
            return
        still = []
        for item in self._open:
            followed = any(p.search(result.text) for p in item.patterns)
            item.turns_left -= 1
            if followed or item.turns_left <= 0:
                await self._events.emit(
                    PromptOutcome(
                        prompt_id=item.prompt_id,
                        conversation_id=item.conversation_id,
                        followed=followed,
                    )
                )
            else:
                still.append(item)
        self._open = still

    def forget(self, conversation_id: str) -> None:
        """Stop following up prompts of a forgotten conversation (nothing more is emitted)."""
        self._open = [item for item in self._open if item.conversation_id != conversation_id]
        self._languages.forget(conversation_id)

    async def close(self) -> None:
        """Close every sink."""
        for sink in self._sinks:
            await sink.close()
