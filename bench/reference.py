"""Prompts timed from the reference end of the customer's speech (`bench.coach --reference`).

The whole hub (the daemon's `Hub`, as `showfloor-edge replay --realtime` builds it, Sam Carter
enrolled from the demo's enrollment recording) replays each recording paced like a microphone.
The replay's stream time is mapped to the wall clock by its pacing: every frame reaches the hub
no earlier than `start + its end`, so `start` is the smallest `now - frame end` over the frames.
A prompt's latency is the moment its event is emitted (right after the sinks took it) minus the
wall time of the reference end of the customer turn that triggered it: the last reference
customer turn that overlaps the hub's triggering turn.

A prompt whose triggering turn overlaps no reference customer turn, or whose rule reads labels
none of which the reference gives that turn, is counted as false.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from contract.events import Envelope
from contract.payloads import CoachingPrompt
from edge.audio.frames import SAMPLE_RATE, Frame
from edge.cli.replay import REPLAY_HUB
from edge.daemon.app import Hub, Replay
from edge.events import MemorySink
from edge.listen.live import Heard
from edge.settings import EdgeSettings
from edge.understand.conversation import TurnResult

ROOT = Path(__file__).resolve().parent.parent
_OVERLAP_SLACK_S = 0.25


class ReferenceError(ValueError):
    """A reference TSV that cannot be read."""


@dataclass(frozen=True)
class RefTurn:
    """One line of a reference TSV."""

    start: float
    end: float
    role: str
    labels: tuple[str, ...]
    text: str


@dataclass
class FileResult:
    """What one replay gave."""

    name: str
    latencies: list[float] = field(default_factory=list)
    false_prompts: list[str] = field(default_factory=list)
    expected: int = 0  # reference customer turns with labels
    covered: int = 0  # of those, how many got a prompt of one of their labels
    load: tuple[float, float] = (0.0, 0.0)  # 1-min load average before and after
    # per timed prompt: seconds after the reference end of speech of each step (`STEPS`)
    steps: list[dict[str, float]] = field(default_factory=list)


#: The steps of a prompt, timed from the reference end of the customer's speech: its speech to
#: text started and ended (a guess's may start before the endpoint), the endpointer decided the
#: utterance ended, the transcript was ready (diarization too), understanding (labels,
#: sentiment, turn) done, the prompt emitted after the sinks took it.
STEPS = ("asr_start", "asr_end", "endpoint", "ready", "understood", "emitted")


def read_reference(path: Path) -> list[RefTurn]:
    """The turns of a `start end role label text` TSV; a clear error for a bad line."""
    turns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise ReferenceError(f"{path}:{number}: want 5 tab-separated fields, got {len(parts)}")
        try:
            start, end = float(parts[0]), float(parts[1])
        except ValueError as err:
            raise ReferenceError(f"{path}:{number}: start and end must be seconds") from err
        if end < start:
            raise ReferenceError(f"{path}:{number}: end before start")
        if parts[2] not in ("customer", "salesperson"):
            raise ReferenceError(f"{path}:{number}: role not customer/salesperson: {parts[2]!r}")
        labels = tuple(x for x in parts[3].split(",") if x and x != "-")
        turns.append(RefTurn(start, end, parts[2], labels, parts[4]))
    if not turns:
        raise ReferenceError(f"{path}: no turns")
    return turns


def reference_end(turns: list[RefTurn], start: float, end: float) -> RefTurn | None:
    """The last reference customer turn overlapping the stream span [start, end].

    When none overlaps it, one within `_OVERLAP_SLACK_S` of it (the VAD's padding).
    """
    customer = [t for t in turns if t.role == "customer"]
    hits = [t for t in customer if t.start < end and t.end > start] or [
        t for t in customer if t.start < end + _OVERLAP_SLACK_S and t.end > start - _OVERLAP_SLACK_S
    ]
    return max(hits, key=lambda t: t.end) if hits else None


@dataclass
class Replayed:
    """What one real-time replay gave, in `time.monotonic()` seconds."""

    prompts: list[tuple[float, CoachingPrompt]]  # (emitted, prompt)
    spans: dict[int, tuple[float, float]]  # turn index -> its stream span
    zero: float  # the wall time of stream time 0
    times: dict[int, dict[str, float]]  # turn index -> when each of its steps happened


async def replay(settings: EdgeSettings, audio: Path) -> Replayed:
    """Every prompt, the stream span and step times of every turn, the wall time of stream 0."""
    prompts: list[tuple[float, CoachingPrompt]] = []
    spans: dict[int, tuple[float, float]] = {}
    offsets: list[float] = []
    heard_times: dict[float, dict[str, float]] = {}  # the utterance's stream end -> step times
    times: dict[int, dict[str, float]] = {}

    def show(event: Envelope) -> None:
        data = getattr(event, "data", None)
        if isinstance(data, CoachingPrompt):
            prompts.append((time.monotonic(), data))

    hub = Hub(settings, show=show)
    await hub.build(Replay(audio, realtime=True), sink=MemorySink(REPLAY_HUB))
    add = hub.recent.add

    def tapped(frame: Frame) -> None:
        offsets.append(time.monotonic() - frame.start - len(frame.samples) / SAMPLE_RATE)
        add(frame)

    hub.recent.add = tapped  # type: ignore[method-assign]
    hear = hub.assembler.hear

    async def heard(heard: Heard) -> list[TurnResult]:
        results = await hear(heard)
        heard_times[heard.end] = {
            "asr_start": heard.asr_started_at,
            "asr_end": heard.asr_ended_at,
            "endpoint": heard.endpointed_at,
            "ready": heard.ready_at,
            "understood": time.monotonic(),
        }
        return results

    hub.assembler.hear = heard  # type: ignore[method-assign]
    on_turn: Callable[[TurnResult], Awaitable[list[CoachingPrompt]]] = hub.coach.on_turn

    async def timed(result: TurnResult) -> list[CoachingPrompt]:
        turn = result.turn
        spans[turn.index] = (result.stream_end - (turn.end_s - turn.start_s), result.stream_end)
        times[turn.index] = heard_times.get(result.stream_now, {})
        return await on_turn(result)

    hub.coach.on_turn = timed  # type: ignore[method-assign]
    await hub.run()
    listener = hub.listening.listener
    if os.environ.get("BENCH_DEBUG"):
        print(f"  guesses {listener.speculated}, taken over {listener.speculation_used}, "
              f"ended on a sentence {listener.ended_on_sentence}, re-decoded "
              f"{listener.redecoded}, given up {listener.redecodes_skipped}")  # fmt: skip
    return Replayed(prompts, spans, min(offsets), times)


def measure(settings: EdgeSettings, audio: Path, reference: Path) -> FileResult:
    """Replay `audio` in real time and time its prompts against `reference`."""
    turns = read_reference(reference)
    result = FileResult(audio.stem, load=(os.getloadavg()[0], 0.0))
    replayed = asyncio.run(replay(settings, audio))
    prompts, spans, zero = replayed.prompts, replayed.spans, replayed.zero
    result.load = (result.load[0], os.getloadavg()[0])
    rules = {r.id: set(r.when.labels) for r in _playbook(settings).rules}
    covered: set[RefTurn] = set()
    for emitted, prompt in prompts:
        span = spans.get(prompt.trigger_turn) if prompt.trigger_turn is not None else None
        ref = reference_end(turns, *span) if span is not None else None
        wanted = rules.get(prompt.rule, set())
        if ref is None or (wanted and not wanted & set(ref.labels)):
            said = ref.text if ref is not None else "(no customer speech)"
            result.false_prompts.append(f"{prompt.rule} on {said!r}")
            continue
        if wanted:
            covered.add(ref)
        said_at = zero + ref.end
        result.latencies.append(emitted - said_at)
        steps = dict(replayed.times.get(prompt.trigger_turn or 0, {}), emitted=emitted)
        result.steps.append({k: v - said_at for k, v in steps.items() if v})
        if os.environ.get("BENCH_DEBUG"):
            shown = " ".join(f"{k} {v:+.2f}" for k, v in result.steps[-1].items())
            print(f"  {prompt.rule}: turn {span}, ref end {ref.end:.2f}, latency_s "
                  f"{prompt.latency_s}; after the end of speech: {shown}")  # fmt: skip
    labelled = [t for t in turns if t.role == "customer" and t.labels]
    result.expected, result.covered = len(labelled), len(covered)
    return result


def _playbook(settings: EdgeSettings):  # type: ignore[no-untyped-def]
    from edge.coach.playbook import load_playbook

    return load_playbook(settings.coaching.playbook)


def enrolled_settings(settings: EdgeSettings, bundle: Path, directory: Path) -> EdgeSettings:
    """`settings` with Sam Carter enrolled (from the demo's recording) into `directory`."""
    edge = str(Path(sys.executable).with_name("showfloor-edge"))
    enrollment = ROOT / "demo" / "sam-enrollment.flac"
    subprocess.run(
        [edge, "enroll", "Sam Carter", str(enrollment), "--bundle", str(bundle),
         "--enrolled", str(directory)],
        check=True, capture_output=True,
    )  # fmt: skip
    return settings.model_copy(
        update={
            "enrollment": settings.enrollment.model_copy(update={"directory": directory}),
            "models": settings.models.model_copy(update={"bundle_dir": bundle}),
        }
    )


def main(
    settings: EdgeSettings, bundle: Path, pairs: list[tuple[Path, Path]], dialogues: str | None
) -> None:
    """Measure every (audio, reference) pair and every scripted dialogue of a split; print."""
    from bench.dialogues import names, write

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        enrolled = enrolled_settings(settings, bundle, root / "enrolled")
        if dialogues is not None:
            pairs = pairs + [write(name, root) for name in names(dialogues)]  # type: ignore[arg-type]
        results = []
        for audio, reference in pairs:
            result = measure(enrolled, audio, reference)
            results.append(result)
            shown = ", ".join(f"{x:.2f}" for x in result.latencies)
            print(
                f"{result.name}: {len(result.latencies)} prompts after [{shown}] s; "
                f"{result.covered}/{result.expected} labelled customer turns prompted; "
                f"false: {result.false_prompts or 'none'}; "
                f"load {result.load[0]:.1f} -> {result.load[1]:.1f}",
                flush=True,
            )
    pooled = [x for r in results for x in r.latencies]
    false = sum(len(r.false_prompts) for r in results)
    loads = [x for r in results for x in r.load]
    if not pooled:
        print("no prompt was timed")
        return
    p50, p95 = np.percentile(pooled, 50), np.percentile(pooled, 95)
    steps = [s for r in results for s in r.steps]
    print("steps, seconds after the reference end of speech (median / p95 over the prompts):")
    for step in STEPS:
        seen = [s[step] for s in steps if step in s]
        if seen:
            print(f"  {step:10s} {np.median(seen):+.2f} / {np.percentile(seen, 95):+.2f}")
    print(
        f"end of speech -> prompt at the sink, {len(pooled)} prompts over {len(results)} files: "
        f"p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(pooled):.2f} s; {false} false prompts; "
        f"covered {sum(r.covered for r in results)}/{sum(r.expected for r in results)}; "
        f"1-min load median {statistics.median(loads):.1f} (min {min(loads):.1f}, "
        f"max {max(loads):.1f})"
    )
