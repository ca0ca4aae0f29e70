"""Shared fixtures: the model bundle, built once per test session."""

from __future__ import annotations

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
    # In a process of its own: a test that imported Ansible in this one (its templater patches
    # `sys.intern`) would make torch's import, which the build needs, fail.
    out = tmp_path_factory.mktemp("bundle") / "models"
    subprocess.run([sys.executable, "-m", "models", "build", "--out", str(out)], check=True)
    return out


@pytest.fixture(scope="session")
def showfloor_bundle(showfloor_bundle_dir: Path) -> Bundle:
    """The session bundle, checksums verified."""
    return verify(showfloor_bundle_dir)
