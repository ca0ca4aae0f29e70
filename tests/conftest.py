"""Shared fixtures: the model bundle, built once per test session (once per run under xdist)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.bundle import Bundle, verify


@pytest.fixture(scope="session", autouse=True)
def _cloud_state_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The cloud's default state dir (keys it makes once) under the session's tmp, not `$HOME`.

    Inherited by the CLIs the tests start; a test that needs its own sets it again.
    """
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("xdg-state"))


@pytest.fixture(scope="session")
def showfloor_bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete model bundle: `$SHOWFLOOR_TEST_BUNDLE` if set, else built once (~30 s).

    Tests must not modify it; build a small `--only` bundle of your own to corrupt.
    """
    existing = os.environ.get("SHOWFLOOR_TEST_BUNDLE")
    if existing:
        return Path(existing)
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _build_bundle(tmp_path_factory.mktemp("bundle") / "models")
    # pytest-xdist: the first worker to need it builds it in the run's shared tmp (the parent of
    # every worker's own), the others wait on the lock and reuse it.
    shared = tmp_path_factory.getbasetemp().parent / "bundle"
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            _build_bundle(shared / "models")
            (shared / "built").touch()
    return shared / "models"


def _build_bundle(out: Path) -> Path:
    # In a process of its own: a test that imported Ansible in this one (its templater patches
    # `sys.intern`) would make torch's import, which the build needs, fail.
    subprocess.run([sys.executable, "-m", "models", "build", "--out", str(out)], check=True)
    return out


@pytest.fixture(scope="session")
def showfloor_bundle(showfloor_bundle_dir: Path) -> Bundle:
    """The session bundle, checksums verified."""
    return verify(showfloor_bundle_dir)


#: The longest test (about 9 minutes): started first under pytest-xdist, so that the other
#: worker runs the rest of the suite beside it instead of it running alone at the end.
_FIRST = "tests/deploy/test_site.py"


@pytest.hookimpl(trylast=True)  # after pytest's own reordering (by parametrized fixtures)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, `_FIRST` first (`make test`: `--dist loadfile --no-loadscope-reorder`).

    A stable sort: every file keeps its tests' order. A plain `pytest` run keeps the usual order.
    """
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: item.nodeid.split("::")[0] != _FIRST)
