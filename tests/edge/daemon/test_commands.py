"""What a hub does with each command from the cloud, on real files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from contract.commands import ConfigReload, EnrollmentSync, ForgetSubject
from contract.events import Command, envelope, parse_command
from contract.ids import HubAddress, new_subject, staff_pseudonym
from edge.daemon.commands import CommandHandler, CommandTargets
from edge.listen import voiceprints
from edge.settings import load_settings
from tests.aio import run

HUB = HubAddress.of("acme", "downtown", "hub-1")
KEY = b"k" * 32
MODEL = "campp"


def _command(data: ConfigReload | EnrollmentSync | ForgetSubject) -> Command:
    return parse_command(envelope(HUB, data).model_dump_json())


class World:
    def __init__(self, tmp_path: Path) -> None:
        self.config = tmp_path / "hub.yaml"
        self.config.write_text("vad:\n  end_of_utterance_ms: 600\n", encoding="utf-8")
        self.enrolled = tmp_path / "enrolled"
        self.settings = load_settings(self.config, enrollment={"directory": self.enrolled})
        self.forgotten: list[str] = []
        self.loaded: list[list[str]] = []
        self.restarts = 0
        for name in ("Sam Carter", "Dana Reyes"):
            vp = voiceprints.Voiceprint(
                name=name,
                embedding_model=MODEL,
                vector=(1.0, 0.0),
                speech_s=8.0,
                created=datetime.now(UTC),
            )
            voiceprints.save(self.enrolled, vp)
        self.handler = CommandHandler(
            CommandTargets(
                settings=self.settings,
                load_settings=lambda: load_settings(
                    self.config, enrollment={"directory": self.enrolled}
                ),
                forget_outbox=self._forget_outbox,
                forget_live=self._forget_live,
                staff_pseudonym=lambda name: staff_pseudonym(KEY, name),
                reload_voiceprints=lambda prints: self.loaded.append([p.name for p in prints]),
                embedding_model=MODEL,
                restart=self._restart,
            )
        )

    async def _forget_outbox(self, subject: str) -> int:
        self.forgotten.append(subject)
        return 7

    async def _forget_live(self, subject: str) -> bool:
        return True

    def _restart(self) -> None:
        self.restarts += 1


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_forget_subject_erases_and_acknowledges(world: World) -> None:
    subject = new_subject("conv")
    command = _command(ForgetSubject(subject=subject, request_id="audit-42"))
    result = run(world.handler(command))
    assert (result.ok, result.removed, result.command_id) == (True, 7, command.id)
    assert result.command == "forget_subject"
    assert world.forgotten == [subject]


def test_enrollment_sync_deletes_staff_the_site_no_longer_has(world: World) -> None:
    dana = staff_pseudonym(KEY, "Dana Reyes")
    result = run(world.handler(_command(EnrollmentSync(removed=[dana]))))
    assert result.ok
    assert result.removed == 1
    assert not (world.enrolled / "dana-reyes.json").exists()
    assert (world.enrolled / "sam-carter.json").exists()
    assert world.loaded == [["Sam Carter"]]


def test_enrollment_sync_keeps_only_the_active_list(world: World) -> None:
    sam = staff_pseudonym(KEY, "Sam Carter")
    result = run(world.handler(_command(EnrollmentSync(active=[sam]))))
    assert (result.ok, result.removed) == (True, 1)
    assert sorted(p.name for p in world.enrolled.iterdir()) == ["sam-carter.json"]


def test_config_reload_restarts_only_for_a_good_changed_file(world: World) -> None:
    unchanged = run(world.handler(_command(ConfigReload())))
    assert (unchanged.ok, unchanged.detail) == (True, "configuration unchanged")
    world.config.write_text("vad:\n  end_of_utterance_ms: 700\n", encoding="utf-8")
    changed = run(world.handler(_command(ConfigReload())))
    assert changed.ok
    assert world.restarts == 1
    world.config.write_text("vad:\n  pause_ms: 700\n", encoding="utf-8")
    refused = run(world.handler(_command(ConfigReload())))
    assert not refused.ok
    assert "unknown configuration key 'vad.pause_ms'" in refused.detail
    assert world.restarts == 1
