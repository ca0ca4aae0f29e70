"""`showfloor-models`: build, verify and list the model bundle.

```
showfloor-models build [--out DIR] [--only ROLE ...]
showfloor-models verify [--dir DIR]
showfloor-models list [--dir DIR] [--json]
```

Errors are one line on stderr: exit code 1 for a bundle or build problem, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from edge.paths import default_bundle_dir
from models.bundle import read_manifest, verify
from models.errors import BuildError, ModelError
from models.manifest import Manifest, Role

_LOGGER = logging.getLogger("models")


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="showfloor-models", description="Build, verify and list the Showfloor model bundle."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    default = default_bundle_dir()
    build = commands.add_parser(
        "build",
        help="copy and export the pinned models into a bundle",
        description="Build a bundle holding exactly the chosen roles (default: all), "
        "replacing DIR only when every model is built and checked.",
    )
    build.add_argument("--out", type=Path, default=default, help=f"bundle directory ({default})")
    build.add_argument(
        "--only",
        nargs="+",
        choices=[r.value for r in Role],
        metavar="ROLE",
        help="build only these roles: " + ", ".join(r.value for r in Role),
    )
    check = commands.add_parser("verify", help="check every bundle file against its sha256")
    check.add_argument("--dir", type=Path, default=default, help=f"bundle directory ({default})")
    check.add_argument(
        "--complete",
        action="store_true",
        help="also require every model this version of showfloor builds (after an upgrade)",
    )
    show = commands.add_parser("list", help="list the models in a bundle")
    show.add_argument("--dir", type=Path, default=default, help=f"bundle directory ({default})")
    show.add_argument("--json", action="store_true", help="print the manifest as JSON")
    return parser


def _build(out: Path, only: Sequence[str] | None) -> int:
    try:
        from models.build import build_bundle
    except ImportError as err:
        raise BuildError(
            f"building needs the build dependencies (pip install 'showfloor[models]'): {err}"
        ) from err
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    started = time.monotonic()
    manifest = build_bundle(out, [Role(r) for r in only] if only else None)
    elapsed = time.monotonic() - started
    _say(f"built {len(manifest.artifacts)} models into {out} in {elapsed:.0f} s")
    return 0


def _verify(directory: Path, complete: bool) -> int:
    bundle = verify(directory, roles=tuple(Role) if complete else None)
    if complete:  # a bundle of an older builder may lack a file added to an artifact since
        from edge.understand.embedder import INT8_FILE

        bundle.file(Role.SENTENCE_EMBEDDING, INT8_FILE)
    files = sum(len(a.files) for a in bundle.manifest.artifacts)
    _say(f"OK: {len(bundle.manifest.artifacts)} models, {files} files in {directory}")
    return 0


def _list(directory: Path, as_json: bool) -> int:
    manifest = read_manifest(directory)
    _say(manifest.model_dump_json(indent=2) if as_json else _table(manifest))
    return 0


def _table(manifest: Manifest) -> str:
    header = ("role", "format", "files", "source", "version", "licence", "max_abs_diff")
    rows = [header] + [
        (
            a.role.value,
            a.format,
            str(len(a.files)),
            a.source_package,
            a.source_version,
            a.licence,
            "-" if a.max_abs_diff is None else f"{a.max_abs_diff:.2g}",
        )
        for a in manifest.artifacts
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args.out, args.only)
        if args.command == "verify":
            return _verify(args.dir, args.complete)
        return _list(args.dir, args.json)
    except (ModelError, OSError) as err:
        message = " ".join(str(err).split())  # pydantic errors span lines
        sys.stderr.write(f"showfloor-models {args.command}: error: {message}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(f"showfloor-models {args.command}: interrupted\n")
        return 130


def run() -> None:
    """Entry point of the `showfloor-models` script."""
    sys.exit(main())


if __name__ == "__main__":
    run()
