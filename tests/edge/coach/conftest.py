"""Coaching fixtures: the listening models, the classifier and an enrolled salesperson."""

from __future__ import annotations

from pathlib import Path

import pytest

from edge.listen import models as listen_models
from edge.listen.enroll import enroll
from edge.listen.voiceprints import Voiceprint
from edge.settings import EdgeSettings, ModelSettings
from edge.understand.classify import LabelClassifier
from edge.understand.models import load_embedder
from harness.speech import SALESPERSON, speak


@pytest.fixture(scope="session")
def coach_listening(showfloor_bundle_dir: Path) -> listen_models.ListeningModels:
    return listen_models.load(EdgeSettings(models=ModelSettings(bundle_dir=showfloor_bundle_dir)))


@pytest.fixture(scope="session")
def coach_classifier(showfloor_bundle_dir: Path) -> LabelClassifier:
    return LabelClassifier(load_embedder(showfloor_bundle_dir))


@pytest.fixture(scope="session")
def salesperson(coach_listening: listen_models.ListeningModels) -> Voiceprint:
    text = (
        "Hello, I am Sam. I have sold cars at this dealership for ten years, and I enjoy "
        "helping families find the right vehicle for their budget and their life."
    )
    return enroll("Sam", [("enrollment", speak(text, SALESPERSON))], coach_listening)
