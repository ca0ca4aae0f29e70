"""Write the web app's icons (PNG) from code: `python -m tools.make_icons [--check]`.

The icons are a ring and a dot (a hub seen from above) on the header's navy, drawn here so
that no image editor or binary source is needed; `--check` fails if the committed files are
not what this draws (a test runs it).
"""

from __future__ import annotations

import argparse
import struct
import sys
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "cloud" / "web" / "static" / "icons"
SIZES = (192, 512)
NAVY, WHITE, BLUE = (15, 23, 42), (255, 255, 255), (37, 99, 235)


def _pixel(x: float, y: float) -> tuple[int, int, int]:
    """Colour at (x, y) in a unit square centred on 0 (the mark stays in the maskable zone)."""
    r = (x * x + y * y) ** 0.5
    if r < 0.12:
        return BLUE
    if 0.22 < r < 0.3:
        return WHITE
    return NAVY


def png(size: int) -> bytes:
    """The icon of `size` x `size` pixels as PNG bytes (8-bit RGB, deterministic)."""
    rows = bytearray()
    for j in range(size):
        rows.append(0)  # filter: none
        y = (j + 0.5) / size - 0.5
        for i in range(size):
            rows.extend(_pixel((i + 0.5) / size - 0.5, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) every icon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Fail if a committed icon differs.")
    args = parser.parse_args(argv)
    stale = []
    for size in SIZES:
        path = ICONS / f"icon-{size}.png"
        data = png(size)
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if stale:
        sys.stderr.write(f"stale icons: {', '.join(stale)}; run python -m tools.make_icons\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
