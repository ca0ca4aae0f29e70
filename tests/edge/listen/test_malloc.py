"""The listening process's malloc arenas, counted by glibc's own `malloc_info` report."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from edge.listen import malloc

_THREADS = 8
_PROBE = textwrap.dedent(
    f"""
    import ctypes, sys, threading
    from edge.listen import malloc
    print(malloc.limit_arenas() if sys.argv[1] == "limit" else None)
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.fopen.restype = ctypes.c_void_p
    barrier = threading.Barrier({_THREADS})

    def allocate():  # every thread allocates at the same moment: glibc's cue for a new arena
        barrier.wait()
        for _ in range(2000):
            libc.malloc(256)

    threads = [threading.Thread(target=allocate) for _ in range({_THREADS})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = libc.fopen(sys.argv[2].encode(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(report))
    libc.fclose(ctypes.c_void_p(report))
    """
)


def _heaps(tmp_path: Path, mode: str, env: dict[str, str]) -> tuple[str, int]:
    report = tmp_path / f"{mode}.xml"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode, str(report)],
        capture_output=True, text=True, check=True, env=env, timeout=60,
    )  # fmt: skip
    return done.stdout.strip(), report.read_text().count("<heap nr=")


@pytest.fixture
def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[3])
    return env


def test_a_listening_process_keeps_to_two_arenas(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    said, heaps = _heaps(tmp_path, "limit", environment)
    assert said == "True" and heaps <= malloc.MAX_ARENAS
    said, heaps = _heaps(tmp_path, "default", environment)
    assert said == "None" and heaps > malloc.MAX_ARENAS  # what the limit saves


def test_an_operators_malloc_arena_max_wins(tmp_path: Path, environment: dict[str, str]) -> None:
    said, heaps = _heaps(tmp_path, "limit", environment | {"MALLOC_ARENA_MAX": "4"})
    assert said == "False" and malloc.MAX_ARENAS < heaps <= 4


def test_trim_gives_back_what_a_freed_build_left_in_the_heap() -> None:
    """Many small blocks freed at once stay in glibc's heap until `trim` returns them."""
    script = (
        "from edge.listen import malloc\n"
        "def rss():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(status.split('VmRSS:')[1].split()[0]) // 1024\n"
        "blocks = [bytearray(600) for _ in range(100_000)]\n"
        "kept = bytearray(64)  # allocated last: the heap's top stays in use\n"
        "del blocks\n"
        "before = rss()\n"
        "print(malloc.trim(), before - rss())\n"
    )
    trimmed, freed = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout.split()
    assert trimmed == "True"
    assert int(freed) >= 30, f"{freed} MiB"
