"""The password policy (ASVS V2.1.1, V2.1.7) and the bound on concurrent hashing."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from cloud.access.passwords import HashGate, HashingBusy, hash_password, verify_password
from cloud.access.policy import PasswordRejected, check_password, common_passwords


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("password", "at least 12"),
        ("12345678", "at least 12"),
        ("short pw 11", "at least 12"),
        ("qwerty123456", "common"),
        ("QWERTY123456", "common"),
        ("1qaz2wsx3edc", "common"),
        ("password1234!", "common"),
        ("aaaaaaaaaaaaaaaa", "common"),
        ("x" * 129, "at most 128"),
    ],
)
def test_short_common_and_breached_passwords_are_refused(password: str, why: str) -> None:
    with pytest.raises(PasswordRejected, match=why):
        check_password(password)
    with pytest.raises(PasswordRejected):
        hash_password(password)


def test_a_long_uncommon_password_is_taken_as_typed() -> None:
    for password in ("correct horse battery", "  spaces kept  ", "pässwörter sind lang"):
        check_password(password)
    stored = hash_password("  spaces kept  ")
    assert verify_password(stored, "  spaces kept  ")
    assert not verify_password(stored, "spaces kept")


def test_the_shipped_list_is_there() -> None:
    common = common_passwords()
    assert len(common) > 10_000
    assert {"password", "12345678", "iloveyou"} <= common


def test_hashing_beyond_the_slots_waits_then_is_refused() -> None:
    gate = HashGate(slots=1, wait_s=0.2)
    stored = hash_password("correct horse battery")
    inside = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with gate._slots:  # take the only slot the way a running hash does
            inside.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert inside.wait(10)
        with pytest.raises(HashingBusy):
            gate.verify(stored, "correct horse battery")
    finally:
        release.set()
        holder.join(10)
    assert gate.verify(stored, "correct horse battery")


def test_no_hash_is_made_at_import_and_an_unknown_account_still_costs_one() -> None:
    code = (
        "from cloud.access import passwords as p\n"
        "print(p._dummy.cache_info().currsize)\n"
        "print(p.verify_password(None, 'a guess'), p._dummy.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split("\n")
    assert out[:2] == ["0", "False 1"]
