"""What subcommands share: settings from flags, an engine, a session."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from cloud.settings import CloudSettings, load_settings
from cloud.store import db


def add_database(parser: argparse.ArgumentParser) -> None:
    """`--database-url` (setting `database_url`)."""
    parser.add_argument("--database-url", help="SQLAlchemy database URL (setting database_url).")


def settings_from(args: argparse.Namespace) -> CloudSettings:
    """Settings with the flags that were given on top."""
    flags = ("host", "port", "database_url", "mqtt_url")
    return load_settings(**{name: getattr(args, name, None) for name in flags})


@contextmanager
def session(args: argparse.Namespace) -> Iterator[Session]:
    """A session on the configured database, committed at the end of the block."""
    engine = db.make_engine(settings_from(args).resolved_database_url)
    try:
        db.check(engine)
        with db.session_factory(engine).begin() as opened:
            yield opened
    finally:
        engine.dispose()


def out(text: str) -> None:
    """One line for the person at the terminal."""
    sys.stdout.write(f"{text}\n")
