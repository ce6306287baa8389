"""What a user sees, asserted the same way everywhere, and small files tests write."""

from __future__ import annotations

import struct
import zlib


def one_error_line(result, path) -> str:
    """The single ``dpia: error: PATH: ...`` line (exit 1, no traceback) a refused input
    gives; returned for the test to look at its words."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"dpia: error: {path}: "), lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


def png_pixel() -> bytes:
    """A valid 1×1 white PNG (a logo in a reference document, an image in a report)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))
