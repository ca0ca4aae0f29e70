"""Open and verify a model bundle (no torch: this is what the hub imports)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from models.errors import BundleCorruptError, BundleMissingError, BundleOutdatedError
from models.manifest import BUNDLE_FORMAT, MANIFEST_NAME, Artifact, Manifest, Role

_FIX = "run `showfloor-models build --out {dir}` to rebuild it"


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(directory: Path) -> Manifest:
    """Read and validate the manifest of the bundle in `directory`.

    Raises:
        BundleMissingError: there is no manifest.
        BundleCorruptError: the manifest is not valid.
        BundleOutdatedError: the manifest is of another bundle format.
    """
    path = directory / MANIFEST_NAME
    fix = _FIX.format(dir=directory)
    if not path.is_file():
        raise BundleMissingError(f"no model bundle at {directory} ({path} not found): {fix}")
    try:
        manifest = Manifest.model_validate_json(path.read_bytes())
    except (ValidationError, OSError) as err:
        raise BundleCorruptError(f"{path} is not a valid manifest ({err}): {fix}") from err
    if manifest.bundle_format != BUNDLE_FORMAT:
        raise BundleOutdatedError(
            f"{path} is bundle format {manifest.bundle_format}, "
            f"this hub reads {BUNDLE_FORMAT}: {fix}"
        )
    return manifest


@dataclass(frozen=True)
class Bundle:
    """A verified bundle on disk."""

    directory: Path
    manifest: Manifest

    def path(self, role: Role) -> Path:
        """Directory of the artifact for `role`.

        Raises:
            BundleMissingError: the bundle has no artifact for `role`.
        """
        artifact = self.manifest.artifact(role)
        if artifact is None:
            raise BundleMissingError(
                f"the model bundle at {self.directory} has no {role.value} model: "
                + _FIX.format(dir=self.directory)
            )
        return self.directory / artifact.directory

    def file(self, role: Role, name: str) -> Path:
        """The file `name` of `role`'s artifact (checked by `verify` like every listed file).

        Raises:
            BundleMissingError: the bundle has no artifact for `role`.
            BundleOutdatedError: the artifact lists no such file (built by an older builder).
        """
        directory = self.path(role)
        artifact = self.manifest.artifact(role)
        if artifact is None or f"{artifact.directory}/{name}" not in {
            f.path for f in artifact.files
        }:
            raise BundleOutdatedError(
                f"the {role.value} model of the bundle at {self.directory} has no {name} "
                "(built before it was added): " + _FIX.format(dir=self.directory)
            )
        return directory / name


def verify(directory: Path, *, roles: tuple[Role, ...] | None = None) -> Bundle:
    """Check every file of the bundle (or of the artifacts for `roles`) against its sha256.

    Raises:
        BundleMissingError, BundleCorruptError, BundleOutdatedError: with the file and the fix.
    """
    manifest = read_manifest(directory)
    artifacts: tuple[Artifact, ...] = manifest.artifacts
    if roles is not None:
        missing = [r.value for r in roles if manifest.artifact(r) is None]
        if missing:
            raise BundleMissingError(
                f"the model bundle at {directory} lacks {', '.join(missing)}: "
                + _FIX.format(dir=directory)
            )
        artifacts = tuple(a for a in artifacts if a.role in roles)
    for artifact in artifacts:
        for entry in artifact.files:
            path = directory / entry.path
            if not path.is_file():
                raise BundleCorruptError(
                    f"model file {path} is missing: " + _FIX.format(dir=directory)
                )
            if path.stat().st_size != entry.size or sha256_of(path) != entry.sha256:
                raise BundleCorruptError(
                    f"model file {path} does not match its sha256 in the manifest: "
                    + _FIX.format(dir=directory)
                )
    return Bundle(directory=directory, manifest=manifest)
