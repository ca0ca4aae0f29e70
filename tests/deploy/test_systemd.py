"""The units in systemd/: rendered from the roles, verified, and hardened to a recorded level.

`systemd-analyze verify` fails when a unit's ExecStart program is missing. The programs live under
/opt/showfloor/{edge,cloud}/current on a real host, so each unit is verified inside a throwaway root
(`--root`): the host's own units (for sysinit.target and the like), the unit file exactly as
shipped, and an executable placed at its ExecStart path inside that root. The unit is not edited.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deploy.units import SYSTEMD, TIMERS, UNITS, Unit, exposure, make_root, render, verify

#: `systemd-analyze security --offline=true` exposure (0 best, 10 worst) of each unit, systemd
#: 252 (Debian 12). The hub scores worse than the cloud because it needs devices (ALSA, GPIO),
#: D-Bus to BlueZ, and W+X memory for CTranslate2's JIT kernels. docs/operations.md repeats these.
EXPOSURE = {
    "showfloor-edge.service": 1.8,
    "showfloor-cloud.service": 1.2,
    "showfloor-ingest@.service": 1.2,
    "showfloor-cloud-migrate.service": 1.2,
    "showfloor-cloud-score.service": 1.2,
}
#: A unit may not score worse than its recorded level by more than this.
SLACK = 0.05


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_unit_in_repository_is_the_role_template_with_defaults(unit: Unit) -> None:
    shipped = (SYSTEMD / unit.name).read_text()
    assert shipped == render(unit), f"regenerate systemd/{unit.name}: python -m tools.render_units"


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_unit_verifies_without_any_message(unit: Unit, tmp_path: Path) -> None:
    make_root(tmp_path, (SYSTEMD / unit.name).read_text(), unit)
    done = verify(tmp_path, unit.instance)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", "")


def test_verify_fails_when_the_program_is_missing(tmp_path: Path) -> None:
    unit = UNITS[0]
    make_root(tmp_path, (SYSTEMD / unit.name).read_text(), unit, program=False)
    done = verify(tmp_path, unit.instance)
    assert done.returncode != 0
    assert "/opt/showfloor/edge/current/venv/bin/showfloor-edge is not executable" in done.stderr


def test_verify_reports_an_unknown_key(tmp_path: Path) -> None:
    """An unknown key exits 0 with a warning: why the tests demand an empty stderr."""
    unit = UNITS[0]
    text = (SYSTEMD / unit.name).read_text().replace("[Service]\n", "[Service]\nRestartt=always\n")
    make_root(tmp_path, text, unit)
    done = verify(tmp_path, unit.instance)
    assert "Unknown key 'Restartt'" in done.stderr


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_exposure_stays_at_recorded_level(unit: Unit, tmp_path: Path) -> None:
    instance = tmp_path / unit.instance
    instance.write_text((SYSTEMD / unit.name).read_text())
    score = exposure(instance)
    assert score <= EXPOSURE[unit.name] + SLACK, f"{unit.name} exposure {score}"


def test_hardening_is_what_the_score_measures(tmp_path: Path) -> None:
    """Dropping the hardening of the hub's unit raises its score: the check measures something."""
    hardened = tmp_path / "showfloor-edge.service"
    hardened.write_text((SYSTEMD / "showfloor-edge.service").read_text())
    bare = tmp_path / "bare" / "showfloor-edge.service"
    bare.parent.mkdir()
    lines = hardened.read_text().splitlines()
    bare.write_text("\n".join(line for line in lines if not line.startswith(("Protect", "System"))))
    assert exposure(bare) > exposure(hardened) + 1.0


@pytest.mark.parametrize("timer", TIMERS, ids=lambda u: u.name)
def test_timer_is_the_role_template_and_verifies_beside_its_service(
    timer: Unit, tmp_path: Path
) -> None:
    shipped = (SYSTEMD / timer.name).read_text()
    assert shipped == render(timer), f"regenerate {timer.name}: python -m tools.render_units"
    service = next(u for u in UNITS if u.name == timer.name.replace(".timer", ".service"))
    make_root(tmp_path, (SYSTEMD / service.name).read_text(), service)
    (tmp_path / "etc" / "systemd" / "system" / timer.name).write_text(shipped)
    done = verify(tmp_path, timer.instance)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", "")
    assert "OnCalendar=hourly" in shipped and "Persistent=true" in shipped
