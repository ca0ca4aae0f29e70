"""`python -m edge.sync.pump SETTINGS.json [--emit N]`: feed events through outbox and publisher.

Emits N conversation turns (spread over `--conversations` conversations, one commit each,
as a live hub does) while the publisher drains the outbox, and exits 0 once everything is
acknowledged. The delivery tests kill it and the broker under way; the benchmark times it.
SETTINGS.json holds a `sync` section (`SyncSettings`) as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from contract.ids import new_subject
from contract.payloads import Turn
from edge.errors import EdgeError
from edge.sync.outbox import Outbox
from edge.sync.publisher import Publisher
from edge.sync.settings import SyncSettings

_LOGGER = logging.getLogger(__name__)


def _turn(conversation_id: str, index: int) -> Turn:
    return Turn(
        conversation_id=conversation_id,
        index=index,
        role="customer" if index % 2 else "salesperson",
        speaker="customer-1" if index % 2 else "unknown",
        start_s=float(index),
        end_s=float(index) + 1.0,
        text=f"turn {index} about the trade-in and the monthly payment",
        words=9,
    )


async def pump(settings: SyncSettings, emit: int, conversations: int, pace_s: float) -> float:
    """Emit, publish until the outbox is empty; return the seconds it took."""
    started = time.monotonic()
    async with await Outbox.open(settings.outbox, settings.address) as outbox:
        publisher = Publisher(settings, outbox)
        task = asyncio.create_task(publisher.run(), name="publisher")
        try:
            subjects = [new_subject("conv") for _ in range(max(1, conversations))]
            for index in range(emit):
                await outbox.emit(_turn(subjects[index % len(subjects)], index // len(subjects)))
                if pace_s:
                    await asyncio.sleep(pace_s)
            while await outbox.depth() > 0:
                await asyncio.sleep(0.05)
                if task.done():
                    break
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    return time.monotonic() - started


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m edge.sync.pump", description=__doc__)
    parser.add_argument("settings", type=Path, help="JSON file of a `sync` section.")
    parser.add_argument("--emit", type=int, default=0, help="Turns to emit first (default 0).")
    parser.add_argument("--conversations", type=int, default=10, help="Conversations.")
    parser.add_argument("--pace", type=float, default=0.0, help="Seconds between emits.")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = SyncSettings.model_validate_json(args.settings.read_text(encoding="utf-8"))
        seconds = asyncio.run(pump(settings, args.emit, args.conversations, args.pace))
    except (OSError, ValueError, EdgeError) as err:
        sys.stderr.write(f"pump: error: {err}\n")
        return 1
    sys.stdout.write(f"drained in {seconds:.2f} s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
