"""Conversation metrics, live and at the end: the numbers a sales manager coaches with.

Fed one finished turn at a time (role, times, text, labels). Definitions:
- talk ratio: salesperson speaking time / all speaking time (also over a recent window);
- longest monologue: the longest run of salesperson speech with no customer turn between and
  no pause over `monologue_gap_s`;
- open question: a salesperson sentence ending in "?" that starts with what/how/why/which/
  where/when/who/tell me/describe/walk me, or in Spanish "¿qué/cómo/por qué/cuál/dónde/
  cuándo/quién/cuénteme/dígame/platíqueme...?" (not a yes/no question);
- interruption: a turn that starts before the other speaker's turn has ended;
- response latency: from the end of a customer turn to the start of the next salesperson turn;
- an objection is handled when the salesperson's next turn (within `follow_up_s`) acknowledges
  it or asks a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from contract.payloads import ConversationMetrics, Objection, ObjectionFollowUp, Signal, Stage

_OPEN = re.compile(
    r"^\W*(?:so |and |ok(?:ay)?,? |well,? )?(?:what|how|why|which|where|when|who|tell me|"
    r"describe|walk me)\b"
    r"|^\W*(?:y |bueno,? |entonces,? |ok,? |vale,? )?\W*"
    r"(?:qu[eé]|c[oó]mo|por qu[eé]|cu[aá]l(?:es)?|d[oó]nde|cu[aá]ndo|cu[aá]nt[oa]s?|qui[eé]n|"
    r"cu[eé]nte(?:me)?|d[ií]game|desc[rí]\w*|"
    r"plat[ií]que(?:me)?|plat[ií]came|en qu[eé]|para qu[eé])\b",
    re.IGNORECASE,
)
_ACKNOWLEDGE = re.compile(
    r"\b(?:understand|hear you|fair|makes sense|good question|i see|let me|let's|we can|"
    r"totally|absolutely|of course|sure|entiendo|comprendo|le entiendo|tiene raz[oó]n|"
    r"tienes raz[oó]n|claro|por supuesto|buena pregunta|d[eé]j(?:e|a)me|podemos|con gusto|"
    r"vamos a ver)\b",
    re.IGNORECASE,
)


def open_questions(text: str) -> int:
    """Open (not yes/no) questions in `text`."""
    sentences = re.split(r"(?<=[.?!])\s+", text.strip())
    return sum(1 for s in sentences if s.endswith("?") and _OPEN.search(s))


def acknowledges(text: str) -> bool:
    """Whether `text` acknowledges what the customer said ("I hear you", "entiendo"...)."""
    return bool(_ACKNOWLEDGE.search(text))


def answers_objection(text: str) -> bool:
    """The live reading of a reply to an objection: it acknowledges it or asks a question."""
    return acknowledges(text) or "?" in text


@dataclass
class _Pending:
    objection: Objection
    turn_index: int
    end: float


@dataclass
class MetricsTracker:
    """Metrics of one conversation; times are seconds on the stream's clock."""

    monologue_gap_s: float = 3.0
    follow_up_s: float = 30.0
    _spoken: dict[str, float] = field(default_factory=lambda: {"salesperson": 0.0, "customer": 0.0})
    _turns: list[tuple[str, float, float]] = field(default_factory=list)
    _monologue_start: float | None = None
    longest_monologue_s: float = 0.0
    open_questions: int = 0
    interruptions: int = 0
    _customer_words: int = 0
    _latencies: list[float] = field(default_factory=list)
    _objections: list[ObjectionFollowUp] = field(default_factory=list)
    _pending: list[_Pending] = field(default_factory=list)
    _signals: list[Signal] = field(default_factory=list)
    start: float | None = None
    end: float = 0.0

    def add(
        self,
        index: int,
        role: str,
        start: float,
        end: float,
        text: str,
        labels: list[Objection | Signal],
    ) -> None:
        """Take one finished turn."""
        if self.start is None:
            self.start = start
        previous = self._turns[-1] if self._turns else None
        if previous and previous[0] != role and start < previous[2] - 0.05:
            self.interruptions += 1
        self._turns.append((role, start, end))
        self.end = max(self.end, end)
        if role in self._spoken:
            self._spoken[role] += max(0.0, end - start)
        if role == "salesperson":
            self._salesperson(start, end, text, previous)
        elif role == "customer":
            self._monologue_start = None
            self._customer_words += len(text.split())
            for label in labels:
                if isinstance(label, Objection):
                    self._pending.append(_Pending(label, index, end))
                elif label not in self._signals:
                    self._signals.append(label)

    def _salesperson(
        self, start: float, end: float, text: str, previous: tuple[str, float, float] | None
    ) -> None:
        self.open_questions += open_questions(text)
        if previous and previous[0] == "customer":
            self._latencies.append(max(0.0, start - previous[2]))
        if (
            self._monologue_start is None
            or previous is None
            or previous[0] != "salesperson"
            or start - previous[2] > self.monologue_gap_s
        ):
            self._monologue_start = start
        self.longest_monologue_s = max(self.longest_monologue_s, end - self._monologue_start)
        handled = answers_objection(text)
        for pending in self._pending:
            self._objections.append(
                ObjectionFollowUp(
                    objection=pending.objection,
                    turn_index=pending.turn_index,
                    handled=handled and start - pending.end <= self.follow_up_s,
                )
            )
        self._pending.clear()

    def talk_ratio(self, since: float | None = None) -> float | None:
        """Salesperson share of speaking time (since `since`, stream seconds), None if silent."""
        spoken = {"salesperson": 0.0, "customer": 0.0}
        for role, start, end in self._turns:
            if role in spoken:
                spoken[role] += max(0.0, end - max(start, since if since is not None else start))
        total = spoken["salesperson"] + spoken["customer"]
        return round(spoken["salesperson"] / total, 3) if total > 0 else None

    def snapshot(
        self,
        sentiment_start: float | None,
        sentiment_end: float | None,
        stage: Stage | None,
    ) -> ConversationMetrics:
        """The metrics so far (objections still waiting for an answer count as not handled)."""
        customer_s = self._spoken["customer"]
        objections = self._objections + [
            ObjectionFollowUp(objection=p.objection, turn_index=p.turn_index, handled=False)
            for p in self._pending
        ]
        return ConversationMetrics(
            duration_s=round(max(0.0, self.end - (self.start or 0.0)), 3),
            talk_ratio=self.talk_ratio(),
            longest_monologue_s=round(self.longest_monologue_s, 3),
            open_questions=self.open_questions,
            interruptions=self.interruptions,
            customer_words_per_minute=(
                round(60 * self._customer_words / customer_s, 1) if customer_s > 0 else None
            ),
            median_response_latency_s=(
                round(median(self._latencies), 3) if self._latencies else None
            ),
            objections=objections,
            signals=list(self._signals),
            sentiment_start=sentiment_start,
            sentiment_end=sentiment_end,
            stage=stage,
        )
