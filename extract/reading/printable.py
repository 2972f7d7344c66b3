"""Text from papers, file names and reviewers made safe to store and to show.

A paper's text can carry NUL bytes (PostgreSQL refuses them in text columns) and terminal
control sequences (a clear-screen or a window title that hides what a reviewer is about to
accept); a file name can hold bytes that are not UTF-8, which Python hands over as lone
surrogates that no database or terminal encodes. :func:`printable` removes the first two and
spells the third as ``\\xNN``; the CLI's sanitiser (:mod:`corpus.terminal_text`) builds on it.
"""

from __future__ import annotations

import re

#: ANSI/ECMA-48 sequences: CSI (``ESC [ ... final``), OSC/DCS/APC/PM/SOS strings ended by BEL
#: or ST, and two-character escapes; their 8-bit C1 forms too.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-Z\\-_]?"
)
#: C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides and
#: isolates that reorder what is shown (CVE-2021-42574, "Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """Return ``text`` without control sequences and control characters (``\\t``, ``\\n`` stay).

    A carriage return becomes a newline when it ends a line (``\\r\\n``, old Mac files) so that
    lines are kept; any other control character is dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def blank_controls(text: str) -> str:
    """Like :func:`without_controls`, but each removed character becomes a space.

    For text with highlighted character offsets (a quote and its numbers), which must not
    move.
    """
    blank = lambda match: " " * len(match.group())  # noqa: E731
    return _CONTROL.sub(blank, _SEQUENCE.sub(blank, text.replace("\r", "\n")))


def escape_undecodable(text: str) -> str:
    """Spell the bytes Python could not decode (lone surrogates) as ``\\xNN``.

    A file name that is not valid UTF-8 reaches Python with each bad byte as a surrogate
    (``os.fsdecode``); this gives the same name with those bytes escaped, encodable anywhere.
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable(text: str) -> str:
    """Return ``text`` safe to store and print: undecodable bytes escaped, controls removed."""
    return without_controls(escape_undecodable(text))
