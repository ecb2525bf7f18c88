"""The demo's donor logo, drawn as a PNG in pure Python: a blue flag with a ring of twelve
gold stars (as dots), 96 by 64 pixels, a few hundred bytes.

Drawn rather than checked in as a picture so the demo needs no image library and no
binary file, and every run gives the same bytes.
"""

import math
import struct
import zlib

WIDTH, HEIGHT = 96, 64
_BLUE = (0, 51, 153)
_GOLD = (255, 204, 0)
_STARS = 12
_RING = 20.0  # pixels from the centre to each star
_STAR = 2.6  # a star's radius in pixels


def flag_logo_png() -> bytes:
    """The logo's PNG file, byte for byte."""
    centres = [
        (
            WIDTH / 2 + _RING * math.cos(2 * math.pi * star / _STARS),
            HEIGHT / 2 + _RING * math.sin(2 * math.pi * star / _STARS),
        )
        for star in range(_STARS)
    ]
    rows = bytearray()
    for y in range(HEIGHT):
        rows.append(0)  # no filter
        for x in range(WIDTH):
            gold = any(math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= _STAR for cx, cy in centres)
            rows.extend(_GOLD if gold else _BLUE)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
