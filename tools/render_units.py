"""Render the systemd units in `systemd/` from the Ansible role templates with their defaults.

    .venv/bin/python -m tools.render_units          # rewrite systemd/*.service and *.timer
    .venv/bin/python -m tools.render_units --check  # exit 1 when one is stale

The role templates are the source: Ansible installs them with the inventory's paths, and
`systemd/` holds them as they come out with the defaults, for reading, verifying and scoring.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import yaml

ROOT = Path(__file__).resolve().parents[1]
ROLES = ROOT / "deploy" / "ansible" / "roles"
SYSTEMD = ROOT / "systemd"


class Unit(NamedTuple):
    """A unit of the repository and the role template it is rendered from."""

    name: str
    role: str
    #: The instance `systemd-analyze` checks (a template unit is checked as one instance).
    instance: str


UNITS = (
    Unit("showfloor-edge.service", "edge_hub", "showfloor-edge.service"),
    Unit("showfloor-cloud.service", "cloud", "showfloor-cloud.service"),
    Unit("showfloor-ingest@.service", "cloud", "showfloor-ingest@1.service"),
    Unit("showfloor-cloud-migrate.service", "cloud", "showfloor-cloud-migrate.service"),
    Unit("showfloor-cloud-score.service", "cloud", "showfloor-cloud-score.service"),
)
#: Timers, each starting the service of its own name (verified with that service beside it).
TIMERS = (Unit("showfloor-cloud-score.timer", "cloud", "showfloor-cloud-score.timer"),)


def role_defaults(role: str) -> dict[str, Any]:
    """The role's `defaults/main.yml`."""
    loaded: dict[str, Any] = yaml.safe_load((ROLES / role / "defaults" / "main.yml").read_text())
    return loaded


def render(unit: Unit, **overrides: Any) -> str:
    """The unit as the role writes it with its defaults (and `overrides`)."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    source = (ROLES / unit.role / "templates" / f"{unit.name}.j2").read_text()
    return env.from_string(source).render(**(role_defaults(unit.role) | overrides))


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, compare) every unit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a unit is stale")
    args = parser.parse_args(argv)
    stale = []
    for unit in (*UNITS, *TIMERS):
        path = SYSTEMD / unit.name
        text = render(unit)
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(unit.name)
        else:
            path.write_text(text)
    if stale:
        sys.stderr.write(f"stale: {', '.join(stale)} (run python -m tools.render_units)\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
