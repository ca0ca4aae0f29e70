"""`presence:` settings: loaded from YAML and the environment; bad values named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from edge.errors import ConfigError
from edge.settings import load_settings
from tests.edge.presence.beacons import BADGE_SAM


def test_zones_badges_and_tags_from_yaml(tmp_path: Path) -> None:
    presence = load_settings(
        _write(
            tmp_path,
            "presence:\n"
            "  adapter: hci1\n"
            "  zones:\n"
            "    - {name: entrance, measured_power_dbm: -61, path_loss_exponent: 2.8}\n"
            "    - {name: suv-row, hub: hub-b}\n"
            f"  badges: {{'{BADGE_SAM.beacon_id}': sam}}\n"
            "  tag_prefixes: ['ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0']\n",
        )
    ).presence
    assert presence.adapter == "hci1"
    assert [z.name for z in presence.zones] == ["entrance", "suv-row"]
    assert presence.zones[0].path_loss_exponent == 2.8 and presence.zones[1].hub == "hub-b"
    assert presence.badges == {BADGE_SAM.beacon_id: "sam"}


def _write(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "showfloor.yaml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("presence: {zones: [{name: a, hub: x}, {name: b, hub: x}]}", "each hub anchors one"),
        ("presence: {zones: [{name: a}, {name: b}]}", "each hub anchors one zone at most"),
        ("presence: {badges: {'sam-badge': sam}}", "'sam-badge' is not a beacon id"),
        ("presence: {waiting_after_s: 120, alert_after_s: 60}", "longer than waiting_after_s"),
        ("presence: {zones: [{name: a, path_loss_exponent: 9}]}", "presence.zones.0.path_loss"),
        ("presence: {scan_seconds: 3}", "unknown configuration key 'presence.scan_seconds'"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace(".", r"\.").replace("'", "'")):
        load_settings(_write(tmp_path, text))


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_PRESENCE__WAITING_AFTER_S", "45")
    assert load_settings().presence.waiting_after_s == 45
