"""What every subcommand shares: settings from the command line, loading audio and models."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from edge.listen import models as listen_models
from edge.listen import voiceprints
from edge.settings import EdgeSettings, load_settings


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every subcommand takes."""
    parser.add_argument("--config", type=Path, help="YAML configuration file.")
    parser.add_argument(
        "--enrolled",
        type=Path,
        help="Directory of enrolled voiceprints (default: the hub's state directory).",
    )
    parser.add_argument(
        "--bundle", type=Path, help="Model bundle directory (default: models.bundle_dir)."
    )


def settings_from(args: argparse.Namespace) -> EdgeSettings:
    """Settings with the command line's overrides applied."""
    base = load_settings(args.config)
    updates: dict[str, object] = {}
    if args.enrolled is not None:
        updates["enrollment"] = base.enrollment.model_copy(update={"directory": args.enrolled})
    if args.bundle is not None:
        updates["models"] = base.models.model_copy(update={"bundle_dir": args.bundle})
    return base.model_copy(update=updates) if updates else base


def load_listening(
    settings: EdgeSettings,
) -> tuple[listen_models.ListeningModels, list[voiceprints.Voiceprint]]:
    """The listening models and the enrolled voiceprints."""
    loaded = listen_models.load(settings)
    prints = voiceprints.load_all(settings.enrollment.directory, loaded.embedding_model)
    return loaded, prints


def write_output(text: str, output: Path | None) -> None:
    """Print `text`, or write it to `output` atomically (never a half-written file)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", dir=output.parent, suffix=".tmp", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(text)
    os.replace(handle.name, output)
