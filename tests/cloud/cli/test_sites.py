"""`showfloor-cloud site add --timezone`, `site timezone` and `push keys` as a subprocess."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cloud.store import db
from cloud.store.audit import AuditEntry
from cloud.store.tenancy import Site
from tests.cloud.test_main import _cli


def test_a_site_gets_a_zone_and_moves_audited(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    url = ["--database-url", database]
    state = {"SHOWFLOOR_CLOUD_STATE_DIR": str(tmp_path / "state")}
    assert _cli("migrate", *url, env=state).returncode == 0
    assert (tmp_path / "state" / "vapid.pem").exists()  # the install step made the push key
    assert _cli("tenant", "add", "acme", *url).returncode == 0
    bad = _cli("site", "add", "acme", "north", "--timezone", "Europe/Nowhere", *url)
    assert bad.returncode == 1 and "unknown time zone 'Europe/Nowhere'" in bad.stderr
    added = _cli("site", "add", "acme", "north", "--timezone", "America/Chicago", *url)
    assert added.returncode == 0, added.stderr
    assert _cli("site", "timezone", "acme", "north", "Nowhere", *url).returncode == 1
    assert _cli("site", "timezone", "acme", "south", "UTC", *url).returncode == 1  # no site
    moved = _cli("site", "timezone", "acme", "north", "Europe/Madrid", *url)
    assert moved.returncode == 0 and "now in Europe/Madrid" in moved.stdout
    engine = db.make_engine(database)
    with db.session_factory(engine)() as session:
        assert [(s.id, s.timezone) for s in session.scalars(select(Site))] == [
            ("north", "Europe/Madrid")
        ]
        actions = [
            (a.action, a.detail)
            for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    engine.dispose()
    assert actions[-2:] == [
        ("site.add", "(America/Chicago)"),
        ("site.timezone", "America/Chicago -> Europe/Madrid"),
    ]


def test_push_keys_are_made_once_and_only_the_public_key_is_printed(tmp_path: Path) -> None:
    env = {"SHOWFLOOR_CLOUD_STATE_DIR": str(tmp_path / "state")}
    first = _cli("push", "keys", env=env)
    assert first.returncode == 0, first.stderr
    assert len(first.stdout.strip()) == 87 and "PRIVATE" not in first.stdout
    assert _cli("push", "keys", env=env).stdout == first.stdout
    assert (tmp_path / "state" / "vapid.pem").stat().st_mode & 0o777 == 0o600
