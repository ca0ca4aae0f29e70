"""Loading the understanding model (the sentence embedder) from the verified bundle."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from edge.errors import ModelLoadError
from edge.understand.embedder import FLOAT_FILE, INT8_FILE, SentenceEmbedder
from models.bundle import verify
from models.errors import ModelError
from models.manifest import Role


def load_embedder(
    bundle_dir: Path, threads: int = 1, weights: Literal["float", "int8"] = "float"
) -> SentenceEmbedder:
    """Verify the bundle's `sentence_embedding` artifact and load it, with float or int8 weights.

    `weights` is `understanding.embedder_weights`; its default here is the setting's.

    Raises:
        ModelLoadError: the bundle is missing, corrupt, outdated or lacks the model (the
            message names the file and the fix).
    """
    try:
        bundle = verify(bundle_dir, roles=(Role.SENTENCE_EMBEDDING,))
        model = bundle.file(Role.SENTENCE_EMBEDDING, INT8_FILE if weights == "int8" else FLOAT_FILE)
    except ModelError as err:
        raise ModelLoadError(str(err)) from err
    return SentenceEmbedder(model.parent, threads=threads, model_file=model.name)
