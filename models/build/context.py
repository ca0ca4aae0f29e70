"""What every artifact builder gets, and how it describes the files it wrote."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from models.build.sources import SourcePackage, Sources
from models.bundle import sha256_of
from models.errors import BuildError
from models.manifest import Artifact, FileEntry, Role

_LOGGER = logging.getLogger(__name__)

#: Largest ONNX-vs-torch difference a build accepts.
MAX_ABS_DIFF = 1e-3


@dataclass(frozen=True)
class BuildContext:
    """Inputs shared by the artifact builders.

    Attributes:
        staging: the bundle directory being built (renamed into place at the end).
        sources: the pinned source packages.
        speech: 16 kHz mono check audio (two voices), float32 in [-1, 1].
        speech_origin: how `speech` was made, for the manifest notes.
    """

    staging: Path
    sources: Sources
    speech: NDArray[np.float32]
    speech_origin: str

    def artifact_dir(self, role: Role) -> Path:
        """Create and return the directory of `role`'s artifact inside the staging bundle."""
        directory = self.staging / role.value
        directory.mkdir(parents=True, exist_ok=False)
        return directory

    def artifact(
        self,
        role: Role,
        fmt: Literal["ctranslate2", "onnx"],
        package: SourcePackage,
        *,
        max_abs_diff: float | None = None,
        notes: str = "",
        licence: str | None = None,
    ) -> Artifact:
        """Describe every file written under `role`'s directory, with sha256 and size.

        `licence` overrides the package's when the weights are licensed apart from the package.
        """
        directory = self.staging / role.value
        entries = tuple(
            FileEntry(
                path=path.relative_to(self.staging).as_posix(),
                sha256=sha256_of(path),
                size=path.stat().st_size,
            )
            for path in sorted(directory.rglob("*"))
            if path.is_file()
        )
        return Artifact(
            role=role,
            format=fmt,
            directory=role.value,
            files=entries,
            source_package=package.name,
            source_version=package.version,
            licence=licence or package.licence,
            max_abs_diff=max_abs_diff,
            notes=notes,
        )


ArtifactBuilder = Callable[[BuildContext], Artifact]


def check_diff(name: str, diff: float, tolerance: float = MAX_ABS_DIFF) -> float:
    """Return `diff`, or fail the build when it is above `tolerance`.

    Raises:
        BuildError: the exported model disagrees with its reference.
    """
    _LOGGER.info("%s: max abs diff %.3g (tolerance %.1g)", name, diff, tolerance)
    if not np.isfinite(diff) or diff > tolerance:
        raise BuildError(f"{name}: max abs diff {diff:.3g} is above the tolerance {tolerance:g}")
    return diff
