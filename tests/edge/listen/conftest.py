"""Listening fixtures: the real models, loaded once, and a scripted two-voice showroom dialogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from edge.listen import models as listen_models
from edge.settings import EdgeSettings, ModelSettings


@pytest.fixture(scope="session")
def listening_settings(showfloor_bundle_dir: Path) -> EdgeSettings:
    """Default settings on the session's bundle."""
    return EdgeSettings(models=ModelSettings(bundle_dir=showfloor_bundle_dir))


@pytest.fixture(scope="session")
def listening(listening_settings: EdgeSettings) -> listen_models.ListeningModels:
    """Every listening model, loaded from the verified bundle."""
    return listen_models.load(listening_settings)
