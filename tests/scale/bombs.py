"""Hostile files built at test time, small on disk: PDFs whose streams inflate or whose
content makes a parser grow, and text that is not what its suffix says."""

from __future__ import annotations

import zlib
from pathlib import Path


def pdf_with_content(content: bytes) -> bytes:
    """A one-page PDF (Helvetica as /F1) whose page content stream is ``content``, deflated."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)  # fmt: skip
    return bytes(out)


def inflate_bomb(path: Path, inflated_bytes: int) -> Path:
    """A PDF whose content stream is ``inflated_bytes`` of spaces (a thousandth on disk)."""
    path.write_bytes(pdf_with_content(b" " * inflated_bytes))
    return path


def operator_bomb(path: Path, operators: int) -> Path:
    """A PDF drawing ``operators`` one-character strings: tiny on disk, huge in a parser."""
    body = b"BT /F1 1 Tf 0 0 Td " + b"(x) Tj " * operators + b"ET"
    path.write_bytes(pdf_with_content(body))
    return path
