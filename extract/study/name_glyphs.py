"""Names the PDF's glyph layer split apart, put back together for reading the author list.

Two splits recur in text taken from typeset PDFs:

- an accent drawn as a glyph of its own, after the letter it sits on and set apart by a space:
  ``Jose ´ Nu ´n ˜ ez`` for ``José Núñez`` (a dotless ``ı`` under an accent is an ``i``);
- a letter-spaced line, every letter of a name a word of its own: ``M a r t a Kowalczyk, M D ,
  P h D`` for ``Marta Kowalczyk, MD, PhD``.

:func:`rejoin_name_glyphs` undoes both; text without them comes back unchanged.
"""

from __future__ import annotations

import re
import unicodedata

# spacing accents and the combining marks they stand for
_COMBINING = {"´": "\u0301", "`": "\u0300", "˜": "\u0303", "¨": "\u0308", "ˆ": "\u0302",
              "ˇ": "\u030c", "˚": "\u030a", "¸": "\u0327"}
# (the letter before the accent carries it; a space after the accent is closed up before a
# small letter, "Ca ´ ceres", and kept before a capital, the next name: "Jose ´ Luis")
_SPLIT_ACCENT = re.compile(r"(?P<base>[A-Za-zı])[ \t]?(?P<accent>[´`˜¨ˆˇ˚¸])"
                           r"(?P<space>[ \t](?=[A-Z])|[ \t]?(?=[^\W\d_]))")
#: A letter-spaced line has a run of at least this many single letters ("J o h n").
MIN_SPACED_LETTERS = 4
_SPACED_RUN = re.compile(r"(?<![\w.])[^\W\d_](?: [^\W\d_](?![\w.]))+")
_LONG_RUN = re.compile(rf"(?<![\w.])[^\W\d_](?: [^\W\d_](?![\w.])){{{MIN_SPACED_LETTERS - 1},}}")
# a capital after small letters opens the next word when small letters follow it
# ("v a n H e e r d e n" is "van Heerden"; "P h D" stays one word)
_WORD_START = re.compile(r"(?<=[^\W\d_A-Z])(?=[A-Z][^\W\d_A-Z])")


def rejoin_name_glyphs(text: str) -> str:
    """``text`` with split accents composed and letter-spaced words joined.

    Parameters
    ----------
    text : str
        Front matter (title block, author list) as the text layer gave it.

    Returns
    -------
    str
        The same text, ``Pe ´rez`` read ``Pérez`` and ``C a r l a`` read ``Carla``.
    """
    if any(accent in text for accent in _COMBINING):
        text = _SPLIT_ACCENT.sub(_composed, text)
    if _LONG_RUN.search(text):
        text = "\n".join(_joined_letters(line) if _LONG_RUN.search(line) else line
                         for line in text.split("\n"))
    return text


def _composed(match: re.Match[str]) -> str:
    base = "i" if match["base"] == "ı" else match["base"]
    letter = unicodedata.normalize("NFC", base + _COMBINING[match["accent"]])
    if len(letter) > 1:
        return match.group(0)  # no such accented letter: as it was
    following = match.string[match.end():match.end() + 1]
    return letter + (" " if match["space"] and following.isupper() else "")


def _joined_letters(line: str) -> str:
    """One line of a letter-spaced list, each run of single letters joined into its words."""
    def joined(match: re.Match[str]) -> str:
        return _WORD_START.sub(" ", match.group(0).replace(" ", ""))

    # "M D ," and "J o n A." : the spaced punctuation after a joined word is closed up too
    return re.sub(r"(?<=\w) +(?=,)", "", _SPACED_RUN.sub(joined, line))
