"""`showfloor-cloud demo-seed`: a demo tenancy, a manager login and a week of data."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from typing import Any

from cloud.cli.common import add_database, out, settings_from
from cloud.demo import dataset, link_customers
from cloud.ingest.writer import BatchWriter
from cloud.store import admin, db, migrate
from cloud.store.tenancy import Tenant
from contract.ids import HubAddress, staff_pseudonym

DEMO_HUB = HubAddress("demo", "downtown", "hub-1")
DEMO_STAFF = ("Sam Carter", "Alex Rivera", "Jordan Lee")
DEMO_EMAIL = "manager@demo.invalid"
DEMO_PASSWORD = "showfloor-demo"
SITE_KEY = b"demo-site-key-0123456789"


def add_parser(commands: Any) -> None:
    """Register `demo-seed`."""
    parser = commands.add_parser(
        "demo-seed",
        help=f"Migrate, then add tenant demo, site downtown, hub hub-1, three salespeople, "
        f"manager {DEMO_EMAIL}, a week of events and three customers linked to conversations.",
    )
    add_database(parser)
    parser.set_defaults(handler=run_seed)


def seed(engine: Any, now: datetime | None = None, password: str = DEMO_PASSWORD) -> None:
    """Add the demo tenancy and data to a migrated database (idempotent events)."""
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        if session.get(Tenant, "demo") is None:
            admin.add_tenant(session, "demo", "Demo Motors")
            admin.add_site(session, "demo", "downtown", "Downtown")
            admin.add_hub(session, DEMO_HUB, "Showroom hub", "mqtt://127.0.0.1:1883")
            for name in DEMO_STAFF:
                admin.add_staff(session, "demo", "downtown", staff_pseudonym(SITE_KEY, name), name)
            admin.add_user(session, DEMO_EMAIL, password, "demo", "manager", name="Demo Manager")
    staff = [staff_pseudonym(SITE_KEY, name) for name in DEMO_STAFF]
    messages = list(dataset(DEMO_HUB, staff, now or datetime.now(UTC)))
    writer = BatchWriter(sessions)
    for start in range(0, len(messages), 500):
        writer.write(messages[start : start + 500])
    with sessions.begin() as session:
        link_customers(session, "demo", "downtown", DEMO_EMAIL, now or datetime.now(UTC))


def run_seed(args: argparse.Namespace) -> int:
    """Migrate and seed."""
    engine = db.make_engine(settings_from(args).resolved_database_url)
    try:
        db.check(engine)
        migrate.upgrade(engine)
        seed(engine, password=os.environ.get("SHOWFLOOR_CLOUD_DEMO_PASSWORD", DEMO_PASSWORD))
    finally:
        engine.dispose()
    out(f"demo ready: log in as {DEMO_EMAIL}")
    return 0
