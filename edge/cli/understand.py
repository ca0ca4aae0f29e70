"""`showfloor-edge understand`: utterances on stdin, one JSON reading per line on stdout.

Each line out: `{"text", "language", "sentiment": {"score", "label"}, "labels": [{"label",
"confidence"}]}`; `labels` is `[{"label": "other", "confidence": 1.0}]` when no objection or
signal is found. Each line's language ("en"/"es") is guessed from its words.
"""

from __future__ import annotations

import argparse
import json
import sys

from edge.cli.common import add_common, settings_from
from edge.understand.models import load_embedder
from edge.understand.understander import build_understander


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "understand", help="Sentiment and objection/signal ids of each line read on stdin."
    )
    add_common(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Read lines until end of input; blank lines are skipped."""
    settings = settings_from(args)
    embedder = load_embedder(
        settings.models.bundle_dir, weights=settings.understanding.embedder_weights
    )
    understander = build_understander(embedder, settings.understanding)
    for line in sys.stdin:
        text = line.strip()
        if not text:
            continue
        reading = understander.read(text)
        labels = [{"label": str(h.label), "confidence": h.confidence} for h in reading.hits]
        out = {
            "text": text,
            "language": reading.language,
            "sentiment": {"score": reading.sentiment.score, "label": reading.sentiment.label},
            "labels": labels or [{"label": "other", "confidence": 1.0}],
        }
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
    return 0
