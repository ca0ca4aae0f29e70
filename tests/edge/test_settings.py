"""Settings: every field described, every mistake refused with the key named, precedence."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from edge.errors import ConfigError
from edge.settings import AsrSettings, EdgeSettings, VadSettings, load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No `SHOWFLOOR_*` variable from outside; any the test (or load_settings) sets is undone."""
    for name in list(os.environ):
        if name.upper().startswith("SHOWFLOOR_"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("SHOWFLOOR_CONFIG", raising=False)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)


def _yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "showfloor.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _models(model: type[BaseModel], path: str = "") -> Iterator[tuple[str, type[BaseModel]]]:
    yield path or "(root)", model
    for name, field in model.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            yield from _models(field.annotation, f"{path}.{name}".lstrip("."))


def test_every_field_is_described() -> None:
    undescribed = [
        f"{where}.{name}"
        for where, model in _models(EdgeSettings)
        for name, field in model.model_fields.items()
        if not (field.description or "").strip()
    ]
    assert not undescribed


def test_every_section_forbids_unknown_keys_and_is_frozen() -> None:
    for where, model in _models(EdgeSettings):
        assert model.model_config.get("extra") == "forbid", where
        assert model.model_config.get("frozen") is True, where


def test_defaults_load() -> None:
    settings = load_settings()
    assert settings.vad.end_of_utterance_ms == VadSettings().end_of_utterance_ms
    assert settings.asr.model == "en"


@pytest.mark.parametrize(
    ("text", "key"),
    [("vad:\n  end_of_utterance: 700\n", "vad.end_of_utterance"), ("vadd: {}\n", "vadd")],
)
def test_unknown_key_in_yaml_is_named(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError, match=rf"unknown configuration key '{key}'"):
        load_settings(_yaml(tmp_path, text))


def test_unknown_nested_environment_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_VAD__END_OF_UTTERANCE", "700")
    with pytest.raises(ConfigError, match=r"unknown configuration key 'vad.end_of_utterance'"):
        load_settings()


def test_unknown_top_level_environment_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_VAD_END_OF_UTTERANCE_MS", "700")
    with pytest.raises(ConfigError, match="SHOWFLOOR_VAD_END_OF_UTTERANCE_MS"):
        load_settings()


def test_bad_value_in_yaml_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"vad\.end_of_utterance_ms"):
        load_settings(_yaml(tmp_path, "vad:\n  end_of_utterance_ms: -1\n"))


def test_bad_value_in_environment_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_VAD__END_OF_UTTERANCE_MS", "-1")
    with pytest.raises(ConfigError, match=r"vad\.end_of_utterance_ms"):
        load_settings()


def test_bad_override_is_named() -> None:
    with pytest.raises(ConfigError, match=r"asr\.beam_size"):
        load_settings(asr={"beam_size": 0})


def test_language_needs_the_multilingual_model(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"asr\.language='de' needs asr\.model='multilingual'"):
        load_settings(_yaml(tmp_path, "asr:\n  model: en\n  language: de\n"))
    settings = load_settings(_yaml(tmp_path, "asr:\n  model: multilingual\n  language: de\n"))
    assert settings.asr.language == "de"


def test_missing_config_file() -> None:
    with pytest.raises(ConfigError, match=r"nowhere\.yaml not found"):
        load_settings(Path("/nonexistent/nowhere.yaml"))


def test_missing_config_file_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_CONFIG", "/nonexistent/nowhere.yaml")
    with pytest.raises(ConfigError, match=r"nowhere\.yaml"):
        load_settings()


def test_invalid_yaml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(_yaml(tmp_path, "vad: [\n"))


def test_yaml_that_is_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(_yaml(tmp_path, "- 1\n- 2\n"))


def test_yaml_scalar_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(_yaml(tmp_path, "just a string\n"))


def test_empty_yaml_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(_yaml(tmp_path, "")) == load_settings()


def test_precedence_overrides_over_environment_over_yaml_over_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _yaml(tmp_path, "vad:\n  end_of_utterance_ms: 900\n  padding_ms: 300\n")
    assert load_settings(config).vad.end_of_utterance_ms == 900
    monkeypatch.setenv("SHOWFLOOR_VAD__END_OF_UTTERANCE_MS", "700")
    settings = load_settings(config)
    assert settings.vad.end_of_utterance_ms == 700  # environment beats the file
    assert settings.vad.padding_ms == 300  # the file still gives what the environment does not
    assert settings.vad.min_utterance_ms == VadSettings().min_utterance_ms
    overridden = load_settings(config, vad={"end_of_utterance_ms": 500})
    assert overridden.vad.end_of_utterance_ms == 500


def test_config_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_CONFIG", str(_yaml(tmp_path, "asr:\n  beam_size: 3\n")))
    assert load_settings().asr.beam_size == 3


def test_loading_a_file_does_not_leak_into_the_next_load(tmp_path: Path) -> None:
    load_settings(_yaml(tmp_path, "asr:\n  beam_size: 3\n"))
    assert load_settings().asr.beam_size == AsrSettings().beam_size


def test_settings_are_frozen() -> None:
    settings = load_settings()
    with pytest.raises(ValueError, match="frozen"):
        settings.vad.padding_ms = 0  # type: ignore[misc]


def _credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> None:
    directory = tmp_path / "credentials"
    directory.mkdir()
    for name, value in files.items():
        (directory / name.replace("__", ".")).write_text(value, encoding="utf-8")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(directory))


def test_credentials_directory_sets_dotted_keys_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOWFLOOR_VAD__END_OF_UTTERANCE_MS", "700")
    _credentials(tmp_path, monkeypatch, vad__end_of_utterance_ms="800\n")
    assert load_settings().vad.end_of_utterance_ms == 800


def test_unknown_credential_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _credentials(tmp_path, monkeypatch, vad__pause="1")
    with pytest.raises(ConfigError, match=r"unknown configuration key 'vad\.pause'"):
        load_settings()


def test_unreadable_credentials_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="cannot read credentials"):
        load_settings()
