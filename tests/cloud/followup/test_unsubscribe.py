"""Unsubscribe links: signed per person, kept key, forged or cut links refused; opt-outs once."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud.followup.settings import FollowupSettings
from cloud.followup.unsubscribe import BadLink, Links, opted_out, record
from cloud.settings import CloudSettings
from cloud.store.followup import OptOutRow


def test_the_key_is_made_once_in_the_state_dir_and_links_survive_a_restart(
    tmp_path: Path,
) -> None:
    settings = CloudSettings(state_dir=tmp_path / "state")
    first = Links.of(settings)
    url = first.url("acme", "person-1")
    assert url.startswith("http://127.0.0.1:8080/unsubscribe/")
    assert (tmp_path / "state" / "followup.key").stat().st_mode & 0o777 == 0o600
    again = Links.of(settings)  # a restarted process reads the same key
    assert again.read(url.rsplit("/", 1)[1]) == ("acme", "person-1")


def test_forged_cut_or_foreign_tokens_are_refused(tmp_path: Path) -> None:
    given = FollowupSettings(
        unsubscribe_key=SecretStr("k" * 40), public_url="https://cars.example/"
    )
    links = Links.of(CloudSettings(state_dir=tmp_path, followup=given))
    token = links.token("acme", "person-1")
    assert links.url("acme", "person-1") == f"https://cars.example/unsubscribe/{token}"
    other = Links("another-key-" + "x" * 30, "https://cars.example")
    payload = base64.urlsafe_b64encode(json.dumps(["rival", "person-1"]).encode()).rstrip(b"=")
    forged = f"{payload.decode()}.{token.rsplit('.', 1)[1]}"  # another person, same signature
    for bad in (token[:-4], forged, other.token("acme", "person-1"), "x"):
        with pytest.raises(BadLink, match="not valid"):
            links.read(bad)


def test_an_opt_out_is_recorded_once(engine: object, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        record(session, "acme", "person-1", "email", "unsubscribe link")
        record(session, "acme", "person-1", "email", "unsubscribe link")
        record(session, "acme", "person-1", "sms", "provider STOP")
    with sessions() as session:
        assert set(opted_out(session, "acme", "person-1")) == {"email", "sms"}
        assert opted_out(session, "acme", "person-2") == {}
        assert len(session.scalars(select(OptOutRow)).all()) == 2
