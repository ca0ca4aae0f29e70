"""`showfloor-cloud user ...` and `token ...` as a subprocess, audited as `cli:<login>`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cloud.store import db
from cloud.store.audit import AuditEntry
from cloud.store.tenancy import User
from tests.cloud.test_main import _cli

PASSWORD = {"SHOWFLOOR_CLOUD_NEW_PASSWORD": "long enough passphrase"}


def test_users_and_tokens_from_the_command_line(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    url = ["--database-url", database]
    assert _cli("migrate", *url).returncode == 0
    assert _cli("tenant", "add", "acme", *url).returncode == 0
    weak = _cli(
        "user",
        "add",
        "m@acme.invalid",
        "acme",
        *url,
        env={"SHOWFLOOR_CLOUD_NEW_PASSWORD": "password1234"},
    )
    assert weak.returncode == 1 and "most common" in weak.stderr
    assert _cli("user", "add", "m@acme.invalid", "acme", *url, env=PASSWORD).returncode == 0
    made = _cli("token", "add", "m@acme.invalid", "--name", "ci", "--days", "7", *url)
    assert made.returncode == 0 and made.stdout.startswith("sfc_")
    assert _cli("token", "add", "m@acme.invalid", "--days", "400", *url).returncode == 1
    listed = _cli("token", "list", "acme", *url)
    header, row = listed.stdout.splitlines()
    assert header.split("\t") == ["id", "user", "name", "created", "expires"]
    token_id, email, name, _created, expires = row.split("\t")
    assert (email, name) == ("m@acme.invalid", "ci") and expires != "never"
    assert made.stdout.strip() not in listed.stdout  # the secret is never shown again
    assert _cli("token", "revoke", "other", token_id, *url).returncode == 1  # not that tenant's
    assert _cli("token", "revoke", "acme", token_id, *url).returncode == 0
    assert _cli("token", "list", "acme", *url).stdout.splitlines()[1:] == []
    engine = db.make_engine(database)
    with db.session_factory(engine)() as session:
        before = session.scalars(select(User)).one().session_key
    assert _cli("user", "disable", "m@acme.invalid", *url).returncode == 0
    assert (
        _cli(
            "user",
            "password",
            "m@acme.invalid",
            *url,
            env={"SHOWFLOOR_CLOUD_NEW_PASSWORD": "another long passphrase"},
        ).returncode
        == 0
    )
    with db.session_factory(engine)() as session:
        user = session.scalars(select(User)).one()
        assert not user.active and user.session_key != before
        log = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    engine.dispose()
    assert [entry.action for entry in log] == [
        "tenant.add",
        "user.add",
        "token.add",
        "token.revoke",
        "user.disable",
        "user.password",
    ]
    assert all(entry.actor.startswith("cli:") for entry in log)
