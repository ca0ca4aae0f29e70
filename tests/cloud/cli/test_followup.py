"""`showfloor-cloud followup preview` on a fresh demo-seed database, as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine

from cloud.cli.demo import seed
from cloud.store import db
from cloud.store.crm import LinkRow


def _cli(engine: Engine, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.run(
        [sys.executable, "-m", "cloud", "followup", "preview", *args, "--database-url", url],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path.cwd()), "HOME": str(home)},
        check=False,
    )


def test_preview_prints_one_json_object_on_a_fresh_demo(engine: Engine, tmp_path: Path) -> None:
    seed(engine, password="demo-password-1")
    shown = _cli(engine, tmp_path)
    assert shown.returncode == 0, shown.stderr
    drafts = json.loads(shown.stdout)
    assert set(drafts) == {"email", "sms"} and set(drafts["email"]) == {"subject", "body"}
    assert "Demo Motors Downtown" in drafts["email"]["subject"]
    assert "100 Example Avenue, Springfield, IL 62701, USA" in drafts["email"]["body"]
    assert "/unsubscribe/" in drafts["email"]["body"]
    assert drafts["sms"].endswith("Reply STOP to opt out.")
    with db.session_factory(engine)() as session:
        oldest = min(session.query(LinkRow).all(), key=lambda row: row.consent_at)
    again = _cli(engine, tmp_path, "--conversation", oldest.conversation_id)
    assert again.returncode == 0 and json.loads(again.stdout)["email"]["body"]


def test_preview_names_what_is_missing(engine: Engine, tmp_path: Path) -> None:
    empty = _cli(engine, tmp_path)
    assert empty.returncode == 1 and "demo-seed" in empty.stderr
    seed(engine, password="demo-password-1")
    unknown = _cli(engine, tmp_path, "--conversation", "conv-x")
    assert unknown.returncode == 1 and "not linked" in unknown.stderr and not unknown.stdout
