"""Where the hub keeps its state when the configuration does not say."""

from __future__ import annotations

import os
from pathlib import Path


def default_home() -> Path:
    """The hub's state directory.

    systemd's `$STATE_DIRECTORY` when the unit sets one, else `$XDG_DATA_HOME/showfloor`,
    else `~/.local/share/showfloor`.
    """
    state = os.environ.get("STATE_DIRECTORY")
    if state:
        return Path(state.split(":")[0])
    data = os.environ.get("XDG_DATA_HOME")
    base = Path(data) if data else Path.home() / ".local" / "share"
    return base / "showfloor"


def default_bundle_dir() -> Path:
    """Default model bundle directory (shared by `showfloor-models` and the hub)."""
    return default_home() / "models"


def default_enrolled_dir() -> Path:
    """Default directory of enrolled staff voiceprints."""
    return default_home() / "enrolled"
