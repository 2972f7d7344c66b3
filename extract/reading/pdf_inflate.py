"""The inflate limit: a PDF whose compressed streams expand beyond a bound is refused unread.

pdfminer inflates each ``FlateDecode`` stream whole, in one ``zlib.decompress`` call, so a
1.5 KB file can make it hold 400 MB (a "decompression bomb") before any other limit can act.
:func:`inflated_size` walks the file's raw bytes beforehand, inflating every zlib stream it
finds in bounded chunks and keeping none of the output, and stops as soon as the total passes
the limit; memory stays at one chunk whatever the file holds. Streams inside object streams
cannot be streams themselves (ISO 32000-1, 7.5.7), so the raw bytes show every one.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from extract.errors import DocumentTooLarge
from extract.settings import ExtractSettings

#: Where stream data begins: the ``stream`` keyword and its end of line (not ``endstream``).
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
#: Output bytes inflated per step: the most this check holds at a time.
CHUNK_BYTES = 1 << 20


def inflate_limit(file_size: int, settings: ExtractSettings) -> int:
    """Bytes a file's streams may inflate to: ``inflate_ratio`` times its size, at most
    ``max_inflate_bytes``."""
    return min(int(settings.inflate_ratio * file_size), settings.max_inflate_bytes)


def inflated_size(data: bytes, limit: int) -> int:
    """Total inflated size of the zlib streams in ``data``, counted up to just past ``limit``."""
    total, position = 0, 0
    while total <= limit:
        match = _STREAM_START.search(data, position)
        if match is None:
            break
        consumed, size = _inflate_one(data, match.end(), limit - total)
        total += size
        position = match.end() + max(consumed, 1)
    return total


def _inflate_one(data: bytes, start: int, budget: int) -> tuple[int, int]:
    """Inflate one stream at ``start``: (input bytes used, output size up to ``budget + 1``)."""
    inflater = zlib.decompressobj()
    size, pending = 0, memoryview(data)[start:]
    try:
        while pending and size <= budget:
            size += len(inflater.decompress(pending, CHUNK_BYTES))
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        return 0, size  # not zlib data (another filter, or a damaged stream): pdfminer's case
    return len(data) - start - len(inflater.unused_data) - len(pending), size


def check_inflate(path: Path, settings: ExtractSettings) -> None:
    """Refuse a PDF whose streams inflate beyond :func:`inflate_limit`.

    Raises
    ------
    DocumentTooLarge
    """
    data = path.read_bytes()
    limit = inflate_limit(len(data), settings)
    if inflated_size(data, limit) > limit:
        raise DocumentTooLarge(path, f"its content streams inflate to more than {_mb(limit)}")


def _mb(size: int) -> str:
    return f"{size / 1e6:.3g} MB" if size >= 1e6 else f"{size / 1e3:.3g} KB"
