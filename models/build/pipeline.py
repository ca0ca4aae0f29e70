"""Build a whole bundle into a staging directory beside the target, then swap it in."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from edge import __version__
from models.build.campp import build_campp
from models.build.context import ArtifactBuilder, BuildContext
from models.build.copied import build_asr_en, build_asr_multilingual, build_vad
from models.build.ge2e import build_resemblyzer
from models.build.minilm import build_sentence_embedding
from models.build.segmentation import build_segmentation
from models.build.sources import Sources, load_sources
from models.build.speech import check_speech
from models.errors import BuildError
from models.manifest import BUNDLE_FORMAT, MANIFEST_NAME, Manifest, Role

_LOGGER = logging.getLogger(__name__)

BUILDERS: dict[Role, ArtifactBuilder] = {
    Role.ASR_EN: build_asr_en,
    Role.ASR_MULTILINGUAL: build_asr_multilingual,
    Role.VAD: build_vad,
    Role.SEGMENTATION: build_segmentation,
    Role.EMBEDDING_CAMPP: build_campp,
    Role.EMBEDDING_RESEMBLYZER: build_resemblyzer,
    Role.SENTENCE_EMBEDDING: build_sentence_embedding,
}


def build_bundle(
    out: Path, roles: Sequence[Role] | None = None, *, sources: Sources | None = None
) -> Manifest:
    """Build the artifacts for `roles` (default: all) into a new bundle at `out`.

    The bundle holds exactly the roles built. It is assembled in a hidden directory beside `out`
    and renamed into place only when every artifact is built and checked, so a failed build
    leaves `out` as it was.

    Args:
        out: the bundle directory to create or replace.
        roles: the artifacts to build; None builds them all.
        sources: the pinned sources to check against; None reads `models/sources.json`.

    Raises:
        BuildError: a source is missing or differs from sources.json, an export disagrees with
            torch, or `out` is a non-empty directory that is not a bundle.
    """
    chosen = tuple(dict.fromkeys(roles)) if roles else tuple(BUILDERS)
    _refuse_foreign_directory(out)
    sources = sources or load_sources()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        speech, origin = check_speech()
        ctx = BuildContext(staging=staging, sources=sources, speech=speech, speech_origin=origin)
        artifacts = []
        for role in chosen:
            started = time.monotonic()
            artifacts.append(BUILDERS[role](ctx))
            _LOGGER.info("built %s in %.1f s", role.value, time.monotonic() - started)
        manifest = Manifest(
            bundle_format=BUNDLE_FORMAT,
            builder_version=__version__,
            created=datetime.now(UTC),
            artifacts=tuple(artifacts),
        )
        (staging / MANIFEST_NAME).write_text(manifest.model_dump_json(indent=2) + "\n")
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _refuse_foreign_directory(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST_NAME).is_file():
        raise BuildError(f"{out} is not empty and has no {MANIFEST_NAME}: not replacing it")


def _swap_in(staging: Path, out: Path) -> None:
    """Replace `out` with `staging`; the old bundle is removed only after the rename."""
    try:
        staging.chmod(0o755)
        if not out.exists():
            staging.rename(out)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
        staging.rename(out)
    except OSError as err:
        raise BuildError(f"cannot move the new bundle into {out}: {err}") from err
    shutil.rmtree(old, ignore_errors=True)
