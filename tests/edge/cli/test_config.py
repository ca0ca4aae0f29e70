"""`showfloor-edge config`: the effective configuration from every source, or the bad key."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.edge.test_cli import edge, fails_clearly


def test_print_shows_every_source_merged(tmp_path: Path) -> None:
    config = tmp_path / "hub.yaml"
    config.write_text("vad:\n  end_of_utterance_ms: 900\n", encoding="utf-8")
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "asr.beam_size").write_text("3\n", encoding="utf-8")
    (credentials / "privacy.site_key").write_text("a-very-secret-site-key\n", encoding="utf-8")
    result = edge(
        "config",
        "--print",
        "--config",
        str(config),
        bundle=tmp_path / "bundle",
        SHOWFLOOR_VAD__PADDING_MS="150",
        CREDENTIALS_DIRECTORY=str(credentials),
    )
    assert result.returncode == 0, result.stderr
    shown = yaml.safe_load(result.stdout)
    assert shown["vad"]["end_of_utterance_ms"] == 900
    assert shown["vad"]["padding_ms"] == 150
    assert shown["asr"]["beam_size"] == 3
    assert shown["models"]["bundle_dir"] == str(tmp_path / "bundle")
    assert shown["privacy"]["site_key"] == "**********"
    assert "a-very-secret" not in result.stdout


def test_a_bad_key_is_named(tmp_path: Path) -> None:
    config = tmp_path / "hub.yaml"
    config.write_text("vad:\n  pause_ms: 900\n", encoding="utf-8")
    result = edge("config", "--config", str(config), bundle=tmp_path)
    fails_clearly(result, "unknown configuration key 'vad.pause_ms'")


def test_without_print_it_only_checks(tmp_path: Path) -> None:
    result = edge("config", bundle=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "configuration ok\n"


def test_the_daemon_refuses_plaintext_mqtt_to_another_host_before_anything_starts(
    tmp_path: Path,
) -> None:
    result = edge("run", bundle=tmp_path / "no-bundle", SHOWFLOOR_SYNC__HOST="10.20.30.40")
    fails_clearly(result, "plaintext MQTT to 10.20.30.40 would send the hub's broker password")
    assert "sync.allow_plaintext (SHOWFLOOR_SYNC__ALLOW_PLAINTEXT=true)" in result.stderr
