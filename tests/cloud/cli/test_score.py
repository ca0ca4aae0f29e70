"""`showfloor-cloud score ...` as a subprocess, on the test databases."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from cloud.score import outcomes
from cloud.store import db
from cloud.views.scope import Principal
from tests.cloud.factory import build
from tests.cloud.score.floor import Visit, write
from tests.cloud.test_main import _cli

MANAGER = Principal(1, "manager@acme.invalid", "acme", None, "manager")


def test_train_retrains_only_what_changed_and_show_prints_the_model(
    engine: Engine, database_url: str
) -> None:
    world = build(engine, events=False)
    url = ["--database-url", database_url]
    (cid,) = write(engine, world.hubs["acme"], world.staff["acme"][0], [Visit()])
    first = _cli("score", "train", *url)
    assert first.returncode == 0 and first.stdout == "every model is up to date\n"
    with db.session_factory(engine).begin() as session:
        outcomes.mark(session, MANAGER, cid, sold=True)
    trained = _cli("score", "train", *url)
    assert trained.stdout == "acme: prior on 1 outcomes (1 sold)\n"
    assert _cli("score", "train", *url).stdout == "every model is up to date\n"
    shown = json.loads(_cli("score", "show", "acme", *url).stdout)
    assert shown["kind"] == "prior" and shown["outcomes"] == 1
    assert shown["coefficients"]["test_drive"] == 1.3


def test_crm_outcomes_refuses_a_bad_window_in_one_line(engine: Engine, database_url: str) -> None:
    answer = _cli("score", "crm-outcomes", "--days", "0", "--database-url", database_url)
    assert answer.returncode == 1
    assert answer.stderr == "showfloor-cloud: error: --days must be 1..3660, not 0\n"
    # no CRM can read deals: nothing to do, and that is not an error
    quiet = _cli("score", "crm-outcomes", "--database-url", database_url)
    assert quiet.returncode == 0, quiet.stderr
    assert "0 closed deals read, 0 outcomes kept" in quiet.stdout
