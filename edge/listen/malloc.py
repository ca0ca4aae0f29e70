"""At most two glibc malloc arenas in a process that listens.

glibc gives threads that allocate at once arenas of their own, up to 8 per core, and an arena
keeps the memory it once held. The listening process runs CTranslate2's and onnxruntime's
worker threads, the diarization and speech-to-text pools and the event loop: with the default,
its peak RSS on the bilingual live hub was about 30 MiB higher than with two arenas, for no
measurable CPU (docs/benchmarks.md, "Peak RSS with both models"). `MALLOC_ARENA_MAX` in the
environment, glibc's own knob, is left to win. Other C libraries (musl) have no arenas.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from collections.abc import Callable

#: What the process is limited to.
MAX_ARENAS = 2
_M_ARENA_MAX = -8  # glibc's malloc.h


@functools.cache
def limit_arenas() -> bool:
    """Limit this process to `MAX_ARENAS` arenas (once); False when not glibc or already set."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    mallopt = _glibc("mallopt")
    return mallopt is not None and bool(mallopt(_M_ARENA_MAX, MAX_ARENAS))


def trim() -> bool:
    """Give the heap's free memory back to the system (glibc `malloc_trim`); False elsewhere.

    For after a one-off build of large tables at start, whose temporary copies glibc would
    otherwise keep (its mmap threshold rises once a large block is freed).
    """
    malloc_trim = _glibc("malloc_trim")
    return malloc_trim is not None and bool(malloc_trim(0))


def _glibc(name: str) -> Callable[..., int] | None:
    """The C library's function `name`; None when there is no such library or function."""
    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(ctypes.util.find_library("c")), name)
    except (OSError, AttributeError, TypeError):
        return None
    return function
