"""Latency from the end of a customer utterance to the prompt reaching the sink.

    .venv/bin/python -m bench.coach [--bundle DIR] [--runs 3] [--full]
    .venv/bin/python -m bench.coach --full --audio FILE --reference TSV [--audio F --reference T]
    .venv/bin/python -m bench.coach --full --dialogues tune|heldout|all|heldout5

Understand + coach part: each customer line of a scripted dialogue is handed to the assembler
as a `Heard` whose utterance ended "now"; the time until the coach's sinks have the prompt is
recorded (sentence embedding, sentiment, rules, console + LED-directory sinks). `--full` also
replays `demo/showroom.flac` through the whole hub (`showfloor-edge replay --realtime`, a
subprocess: listening, understanding, coaching) and pools every prompt's `latency_s`: from the
endpointer deciding the customer's utterance ended (after the `vad.end_of_utterance_ms` pause)
to the prompt reaching the sinks. Prints p50/p95 per run and the median.

With `--reference` (or `--dialogues`, the scripted dialogues of `bench.dialogues`), each
recording is replayed in real time through the whole hub in this process (`bench.reference`)
and every prompt is timed from the *reference* end of the customer's speech instead: the end,
in the TSV, of the customer turn its triggering turn overlaps, mapped to the wall clock by the
replay's pacing. This counts the endpointer's wait, which `latency_s` does not.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from contract.ids import HubAddress
from edge.coach.engine import Coach
from edge.coach.playbook import load_playbook
from edge.coach.sinks.console import ConsoleSink
from edge.coach.sinks.led import SysfsLedSink
from edge.events import MemorySink
from edge.listen.live import Heard
from edge.listen.transcript import Role, Segment
from edge.privacy.gate import PrivacyGate
from edge.privacy.settings import PrivacySettings
from edge.settings import load_settings
from edge.understand.classify import LabelClassifier, build_classifier
from edge.understand.conversation import ConversationAssembler
from edge.understand.models import load_embedder
from edge.understand.understander import Understander

LINES: list[tuple[Role, str]] = [
    ("salesperson", "Welcome in, what brings you to the dealership today?"),
    ("customer", "Honestly the price is way too high for what it is."),
    ("salesperson", "I hear you. What monthly budget works for you?"),
    ("customer", "Six hundred a month is more than I can afford."),
    ("salesperson", "We can look at a longer term or more down."),
    ("customer", "I'm worried my credit won't get approved."),
    ("salesperson", "We work with many lenders."),
    ("customer", "Can I take it for a test drive?"),
    ("salesperson", "Sure, let me get the keys."),
    ("customer", "The other dealer offered me two thousand more for my trade."),
    ("salesperson", "Let me walk you through our appraisal."),
    ("customer", "What would it take to drive it home today?"),
]


async def one_run(classifier: LabelClassifier, led_root: Path) -> list[float]:
    """Latencies of every prompt fired by a customer line over five passes of the dialogue."""
    events = MemorySink(HubAddress.of("bench", "bench", "bench"))
    base = load_playbook()
    rules = tuple(r.model_copy(update={"cooldown_s": 0.0}) for r in base.rules)
    playbook = base.model_copy(update={"spoken_interval_s": 0.0, "rules": rules})
    coach = Coach(playbook, [ConsoleSink(), SysfsLedSink({"green": "g"}, led_root)], events)
    assembler = ConversationAssembler(
        Understander(classifier), events, PrivacyGate.ephemeral(PrivacySettings())
    )
    latencies = []
    clock = 0.0
    for _ in range(5):  # the dialogue five times (no cool-downs, so every rule fires)
        for role, text in LINES:
            name = "Sam" if role == "salesperson" else "customer_1"
            segment = Segment(
                start=clock, end=clock + 3, speaker=name, role=role, text=text, language="en"
            )
            clock += 5.0
            now = time.monotonic()
            heard = Heard(clock, clock + 3, (segment,), (), now, now)
            for result in await assembler.hear(heard):
                for prompt in await coach.on_turn(result):
                    if prompt.latency_s is not None and role == "customer":
                        latencies.append(prompt.latency_s)
    await coach.close()
    return latencies


def main() -> None:
    """Run and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="Also the whole hub in real time.")
    parser.add_argument("--audio", type=Path, action="append", default=[])
    parser.add_argument(
        "--reference", type=Path, action="append", default=[], help="TSV per --audio."
    )
    parser.add_argument("--dialogues", choices=("tune", "heldout", "all", "heldout5"))
    args = parser.parse_args()
    settings = load_settings()
    bundle = args.bundle or settings.models.bundle_dir
    if args.audio or args.reference or args.dialogues:
        if len(args.audio) != len(args.reference):
            parser.error("give one --reference TSV for every --audio file")
        from bench.reference import main as reference_main

        reference_main(
            settings, bundle, list(zip(args.audio, args.reference, strict=True)), args.dialogues
        )
        return
    embedder = load_embedder(bundle, weights=settings.understanding.embedder_weights)
    classifier = build_classifier(embedder, settings.understanding)
    p95s = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "g").mkdir()
        (root / "g" / "brightness").write_text("0")
        for run in range(args.runs):
            lat = asyncio.run(one_run(classifier, root))
            p50, p95 = np.percentile(lat, 50), np.percentile(lat, 95)
            p95s.append(float(p95))
            figures = f"p50 {1000 * p50:.1f} ms, p95 {1000 * p95:.1f} ms"
            print(f"run {run + 1}: {len(lat)} prompts, {figures}")
    print(f"understand + coach, median of p95: {1000 * statistics.median(p95s):.1f} ms")
    if args.full:
        pooled = []
        for run in range(args.runs):
            lat = full_run(bundle)
            pooled += lat
            print(f"whole hub run {run + 1}: prompts after {', '.join(f'{x:.2f}' for x in lat)} s")
        p50, p95 = np.percentile(pooled, 50), np.percentile(pooled, 95)
        print(f"whole hub, {len(pooled)} prompts pooled: p50 {p50:.2f} s, p95 {p95:.2f} s")


def full_run(bundle: Path) -> list[float]:
    """Prompt latencies of one real-time replay of the demo conversation by the whole hub."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        enrolled = Path(tmp) / "enrolled"
        edge = str(Path(sys.executable).with_name("showfloor-edge"))
        common = ["--bundle", str(bundle), "--enrolled", str(enrolled)]
        subprocess.run(
            [edge, "enroll", "Sam Carter", str(root / "demo" / "sam-enrollment.flac"), *common],
            check=True,
            capture_output=True,
        )
        replay = [edge, "replay", str(root / "demo" / "showroom.flac"), "--realtime"]
        result = subprocess.run(
            [*replay, "--format", "jsonl", *common], check=True, capture_output=True, text=True
        )
    latencies = []
    for line in result.stdout.splitlines():
        event = json.loads(line)
        if event["type"] == "showfloor.prompt.v1" and event["data"]["latency_s"] is not None:
            latencies.append(float(event["data"]["latency_s"]))
    return latencies


if __name__ == "__main__":
    main()
