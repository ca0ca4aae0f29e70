"""Errors of coaching, each naming what to fix.

```
EdgeError
└── CoachError
    ├── PlaybookError   a playbook that cannot be read or is invalid (rule and field named)
    └── SinkError       a prompt sink that cannot start (no espeak-ng, unknown device/LED/line)
```
"""

from __future__ import annotations

from edge.errors import EdgeError


class CoachError(EdgeError):
    """Coaching cannot run as configured."""


class PlaybookError(CoachError):
    """The playbook is unreadable or invalid."""


class SinkError(CoachError):
    """A prompt sink cannot start or deliver."""
