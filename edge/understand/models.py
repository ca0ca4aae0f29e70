"""Loading the understanding model (the sentence embedder) from the verified bundle."""

from __future__ import annotations

from pathlib import Path

from edge.errors import ModelLoadError
from edge.understand.embedder import SentenceEmbedder
from models.bundle import verify
from models.errors import ModelError
from models.manifest import Role


def load_embedder(bundle_dir: Path, threads: int = 1) -> SentenceEmbedder:
    """Verify the bundle's `sentence_embedding` artifact and load it.

    Raises:
        ModelLoadError: the bundle is missing, corrupt, outdated or lacks the model (the
            message names the file and the fix).
    """
    try:
        bundle = verify(bundle_dir, roles=(Role.SENTENCE_EMBEDDING,))
    except ModelError as err:
        raise ModelLoadError(str(err)) from err
    return SentenceEmbedder(bundle.path(Role.SENTENCE_EMBEDDING), threads=threads)
