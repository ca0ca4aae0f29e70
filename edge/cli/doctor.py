"""`showfloor-edge doctor`: what is present and working (models, devices, disk, broker...)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from edge.daemon.doctor import diagnose
from edge.settings import load_settings


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "doctor", help="Check what the hub needs: models, microphone, disk, broker, Bluetooth."
    )
    parser.add_argument("--config", type=Path, help="YAML configuration file.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=handle)


async def handle(args: argparse.Namespace) -> int:
    """Print one line per check; exit 1 when anything is wrong."""
    findings = await diagnose(load_settings(args.config))
    if args.format == "json":
        rows = [{"check": f.name, "ok": f.ok, "detail": f.detail} for f in findings]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        width = max(len(f.name) for f in findings)
        for f in findings:
            sys.stdout.write(f"{'ok ' if f.ok else 'BAD'}  {f.name:<{width}}  {f.detail}\n")
    return 0 if all(f.ok for f in findings) else 1
