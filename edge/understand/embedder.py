"""Sentence embeddings on the hub: all-MiniLM-L6-v2 (ONNX) with onnxruntime and `tokenizers`.

The bundle's `sentence_embedding` artifact holds `model.onnx` (token ids, attention mask and
token types in; the mean-pooled, L2-normalised 384-d sentence vector out, exactly what
sentence-transformers computes) and `tokenizer.json`. No torch here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from edge.errors import ModelLoadError
from edge.listen.onnx_session import open_session

if TYPE_CHECKING:
    import tokenizers

_LOGGER = logging.getLogger(__name__)

TOKENIZER_FILE = "tokenizer.json"
#: The float model, as exported and checked against sentence-transformers.
FLOAT_FILE = "model.onnx"
#: The same with int8 weights (`models.build.minilm`): about 60 MiB less resident.
INT8_FILE = "model_int8.onnx"
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "embedding"
#: Tokens per sentence: utterances are short; the model was trained on 128-token pieces.
MAX_TOKENS = 128
DIMENSION = 384


def load_tokenizer(path: Path) -> tokenizers.Tokenizer:
    """The WordPiece tokenizer from `tokenizer.json`, padding to the longest of a batch.

    Raises:
        ModelLoadError: the file is missing or not a tokenizer.
    """
    import tokenizers

    try:
        tokenizer = tokenizers.Tokenizer.from_file(str(path))
    except Exception as err:  # tokenizers raises a bare Exception subclass from Rust
        raise ModelLoadError(f"cannot load the tokenizer {path}: {err}") from err
    tokenizer.no_padding()
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    tokenizer.enable_truncation(MAX_TOKENS)
    return tokenizer


class SentenceEmbedder:
    """Texts in, unit-length 384-d vectors out (cosine similarity is a dot product)."""

    def __init__(self, directory: Path, threads: int = 1, model_file: str = FLOAT_FILE) -> None:
        """Load `model_file` and `tokenizer.json` from the artifact `directory`.

        Raises:
            ModelLoadError: a file is missing or not loadable.
        """
        self._tokenizer = load_tokenizer(directory / TOKENIZER_FILE)
        self._session = open_session(  # its own arena: faster (`shared_arena`)
            directory / model_file, threads=threads, expect_input=INPUT_NAMES[0], own_arena=True
        )

    def __call__(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Embed `texts`: an array (len(texts), 384); an empty text embeds like "" does."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (output,) = self._session.run([OUTPUT_NAME], feeds)
        return np.asarray(output, dtype=np.float32)
