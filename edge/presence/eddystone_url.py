"""Eddystone-URL compression: the scheme prefix byte and the text expansion codes.

From google/eddystone `eddystone-url/README.md`: the first byte is the scheme (0x00
`http://www.`, 0x01 `https://www.`, 0x02 `http://`, 0x03 `https://`); each following byte is
either a printable ASCII character (0x21-0x7E) or an expansion code 0x00-0x0D (`.com/` ...
`.gov`). Codes 0x0E-0x20 and 0x7F-0xFF are reserved and make a frame invalid. The encoded URL
(after the scheme byte) is at most 17 bytes.
"""

from __future__ import annotations

from edge.presence.errors import FrameError

SCHEMES = ("http://www.", "https://www.", "http://", "https://")
EXPANSIONS = (
    ".com/",
    ".org/",
    ".edu/",
    ".net/",
    ".info/",
    ".biz/",
    ".gov/",
    ".com",
    ".org",
    ".edu",
    ".net",
    ".info",
    ".biz",
    ".gov",
)
MAX_ENCODED = 17


def decode_url(data: bytes) -> str:
    """The URL of `data` (scheme byte + encoded bytes); `FrameError` if it breaks the spec."""
    if len(data) < 2:
        raise FrameError("Eddystone-URL frame holds no URL")
    if len(data) - 1 > MAX_ENCODED:
        raise FrameError(f"Eddystone-URL longer than {MAX_ENCODED} encoded bytes")
    if data[0] >= len(SCHEMES):
        raise FrameError(f"Eddystone-URL scheme byte 0x{data[0]:02x} is reserved")
    parts = [SCHEMES[data[0]]]
    for byte in data[1:]:
        if byte < len(EXPANSIONS):
            parts.append(EXPANSIONS[byte])
        elif 0x21 <= byte <= 0x7E:
            parts.append(chr(byte))
        else:
            raise FrameError(f"Eddystone-URL byte 0x{byte:02x} is reserved")
    return "".join(parts)


def encode_url(url: str) -> bytes:
    """Compress `url` (longest scheme and expansion first); `FrameError` if it cannot fit."""
    for code, scheme in sorted(enumerate(SCHEMES), key=lambda item: -len(item[1])):
        if url.startswith(scheme):
            rest = url[len(scheme) :]
            out = bytearray([code])
            break
    else:
        raise FrameError(f"Eddystone-URL must start with http:// or https://, not {url!r}")
    index = 0
    while index < len(rest):
        for code, text in sorted(enumerate(EXPANSIONS), key=lambda item: -len(item[1])):
            if rest.startswith(text, index):
                out.append(code)
                index += len(text)
                break
        else:
            char = ord(rest[index])
            if not 0x21 <= char <= 0x7E:
                raise FrameError(f"Eddystone-URL cannot carry {rest[index]!r}")
            out.append(char)
            index += 1
    if len(out) - 1 > MAX_ENCODED:
        raise FrameError(f"Eddystone-URL {url!r} is longer than {MAX_ENCODED} encoded bytes")
    return bytes(out)
