"""A sync worker process for the crash test: the real `SyncWorker`, the recording connector.

`python -m tests.cloud.crm.worker_proc DATABASE_URL LOG LEASE_S` drains the outbox until
SIGTERM; what reaches "the vendor" is appended to LOG before the worker hears the answer.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from cloud.crm.connector import Connector
from cloud.crm.record import Backoff
from cloud.crm.worker import SyncWorker, WorkerOptions
from cloud.store import db
from cloud.store.crm import CrmConfigRow
from tests.cloud.crm.recording import RecordingConnector


async def main(url: str, log: Path, lease_s: float) -> None:
    """Work until SIGTERM."""
    engine = db.make_engine(url)
    connector = RecordingConnector(max_batch=4, log=log, delay_s=0.15)

    def factory(_row: CrmConfigRow) -> Connector:
        return connector

    options = WorkerOptions(claim_size=12, lease_s=lease_s, poll_s=0.05, backoff=Backoff(1, 5, 10))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        await SyncWorker(db.session_factory(engine), factory, options).run(stop)
    finally:
        engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])))
