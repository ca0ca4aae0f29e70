"""Draft time of follow-ups: N generated conversations, each drafted from the database.

Conversations are generated here (seeded): English or Spanish lines naming a vehicle from the
catalogue, a trade-in, figures said by the salesperson and the customer, objections and a next
step, stored through the real ingest writer and linked with consent. One draft = what the page
and `followup preview` do for a conversation: find the link, gather the facts (turns,
objections, vehicle matching, figures) and render the e-mail and the text, in a fresh session.
No shared data is used.

    PYTHONPATH=$PWD .venv/bin/python -m bench.followup --conversations 240
    PYTHONPATH=$PWD .venv/bin/python -m bench.followup --conversations 240 --postgres
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from bench.cloudbench import HUB, postgres, register
from cloud.crm import enqueue, people
from cloud.crm.model import Consent
from cloud.followup import service
from cloud.followup.unsubscribe import Links
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import db, migrate
from cloud.store.followup import FollowupVoiceRow
from contract import payloads as p
from contract.events import envelope
from contract.ids import new_subject
from contract.topics import Topics

VEHICLES = [("Toyota", "RAV4", "XLE"), ("Honda", "CR-V", "EX-L"), ("Ford", "F-150", "Lariat")]
VEHICLES += [("Chevrolet", "Equinox", "LT"), ("Hyundai", "Tucson", "SEL"), ("Kia", "Sorento", "SX")]
TRADES = [("Honda", "Civic"), ("Toyota", "Corolla"), ("Nissan", "Altima"), ("Ford", "Escape")]


def script(rng: random.Random, spanish: bool) -> list[tuple[str, str]]:
    """One conversation's lines."""
    make, model, trim = rng.choice(VEHICLES)
    old_make, old_model = rng.choice(TRADES)
    year, old, price = rng.randint(2023, 2026), rng.randint(2010, 2020), rng.randint(22, 60) * 1000
    pay, rate, want = (
        rng.randint(300, 900),
        rng.choice(["2.9", "3.9", "4.9"]),
        rng.randint(250, 600),
    )
    day = rng.choice(["Saturday", "tomorrow", "Monday"])
    if spanish:
        dia = {"Saturday": "el sábado", "tomorrow": "mañana", "Monday": "el lunes"}[day]
        return [
            ("salesperson", "¡Bienvenido! ¿Qué le trae por aquí?"),
            ("customer", f"Busco un {make} {model} {year} {trim}."),
            ("salesperson", "¿Qué maneja ahora?"),
            ("customer", f"Mi {old_make} {old_model} {old}, quiero darlo a cambio."),
            ("customer", f"El precio me preocupa, ¿puede ser {want} al mes?"),
            ("salesperson", f"Entiendo. El precio es {price:,} dólares, {pay} al mes al {rate} %."),
            ("customer", f"¿Puedo volver {dia} para una prueba de manejo?"),
            ("salesperson", f"Claro, le espero {dia} para la prueba de manejo."),
        ]
    return [
        ("salesperson", "Welcome in! What brings you here today?"),
        ("customer", f"I'm looking at the {year} {make} {model} {trim}."),
        ("salesperson", "What are you driving now?"),
        ("customer", f"My {old} {old_make} {old_model}, I'd like to trade it in."),
        ("customer", f"The price is a bit high. Could you do {want} a month?"),
        ("salesperson", f"I hear you. It's ${price:,}, or ${pay} a month at {rate}%."),
        ("customer", f"Can I come back {day} for a test drive?"),
        ("salesperson", f"Of course, see you {day} for the test drive."),
    ]


def _message(data: p.Payload, when: datetime) -> Message:
    event = envelope(HUB, data, time=when)
    topic = Topics(HUB).for_type(event.model_dump()["type"])
    return Message(topic, event.model_dump_json().encode(), when)


def conversation(rng: random.Random, start: datetime, spanish: bool) -> tuple[str, list[Message]]:
    """A stored conversation's id and its events."""
    cid = new_subject("conv")
    lines = script(rng, spanish)
    out = [_message(p.ConversationStarted(conversation_id=cid, consent="granted"), start)]
    for index, (role, text) in enumerate(lines):
        turn = p.Turn(
            conversation_id=cid,
            index=index,
            role=role,  # type: ignore[arg-type]
            speaker="customer-1" if role == "customer" else "unknown",
            start_s=index * 5.0,
            end_s=index * 5.0 + 4,
            text=text,
            language="es" if spanish else "en",
        )
        out.append(_message(turn, start + timedelta(seconds=index * 5 + 4)))
    objections = [p.ObjectionFollowUp(objection=p.Objection.PRICE, turn_index=4, handled=True)]
    metrics = p.ConversationMetrics(
        duration_s=45.0, talk_ratio=0.5, open_questions=1, objections=objections, stage="evaluating"
    )
    out.append(
        _message(
            p.ConversationEnded(conversation_id=cid, metrics=metrics), start + timedelta(seconds=50)
        )
    )
    return cid, out


def populate(engine: Engine, count: int, seed: int) -> list[str]:
    """`count` linked conversations (a third in Spanish) and the site's voice."""
    register(engine)
    sessions = db.session_factory(engine)
    rng = random.Random(seed)
    start = datetime(2026, 11, 1, 15, tzinfo=UTC)
    made = [conversation(rng, start + timedelta(minutes=i), i % 3 == 2) for i in range(count)]
    BatchWriter(sessions).write([m for _, messages in made for m in messages])
    consent = Consent(
        by_user="bench@bench.invalid", at=start, scopes=("crm", "email", "sms"), text="ok"
    )
    with sessions.begin() as session:
        session.add(
            FollowupVoiceRow(
                tenant_id=HUB.tenant,
                site_id=HUB.site,
                dealership="Bench Motors",
                postal_address="1 Example Road, Springfield, IL 62701",
                from_email="sales@bench.example",
                sms_from="+15555550100",
                templates={},
            )
        )
        for number, (cid, _) in enumerate(made):
            person = people.create(
                session,
                tenant=HUB.tenant,
                site=HUB.site,
                first_name="Ana",
                last_name=f"Customer {number}",
                email=f"c{number}@example.com",
                phone=f"+1555555{number:04d}",
                by="bench@bench.invalid",
            )
            enqueue.link(
                session,
                tenant=HUB.tenant,
                site=HUB.site,
                conversation_id=cid,
                person=person,
                consent=consent,
            )
    return [cid for cid, _ in made]


def measure(engine: Engine, conversations: list[str]) -> list[float]:
    """Seconds per draft (fresh session each: what one page view or preview costs)."""
    sessions = db.session_factory(engine)
    links = Links("bench-unsubscribe-key-0123456789", "https://showfloor.example")
    times = []
    for cid in conversations:
        began = time.perf_counter()
        with sessions() as session:
            conv, link, person = service.linked(session, HUB.tenant, cid)
            drafts = service.drafts(session, links, conv, link, person)
        times.append(time.perf_counter() - began)
        if drafts.email is None or drafts.sms is None:
            raise RuntimeError(f"no draft for {cid}: {drafts.email_blocked} {drafts.sms_blocked}")
    return times


@contextmanager
def sqlite() -> Iterator[Engine]:
    """A migrated SQLite database in a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{folder}/bench.sqlite3")
        migrate.upgrade(engine)
        try:
            yield engine
        finally:
            engine.dispose()


def main() -> int:
    """Populate, draft each conversation once, print the percentiles as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=240)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite.")
    args = parser.parse_args()
    if args.conversations < 1:
        parser.error("--conversations must be at least 1")
    with postgres() if args.postgres else sqlite() as engine:
        ids = populate(engine, args.conversations, args.seed)
        times = sorted(measure(engine, ids))
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    result = {
        "database": "postgresql" if args.postgres else "sqlite",
        "drafts": len(times),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(times[-1] * 1000, 1),
        "target_ms": 2000,
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
