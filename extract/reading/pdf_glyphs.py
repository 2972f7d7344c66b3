"""Unicode for glyphs that pdfminer reports as ``(cid:N)``.

Publishers' symbol fonts (Adobe's *Mathematical Pi* family, embedded as
``Universal-GreekwithMathPi``, ``MathematicalPi-One``...) name their glyphs ``H11005``,
``H11006``... and carry no ToUnicode map, so pdfminer gives up and prints ``(cid:1)``. The font's
``/Encoding /Differences`` array still says which glyph name each code draws; the names used
for the signs that matter in results (``=``, ``±``, ``<``, ``≥``...) are mapped here. Subset
fonts renumber their codes per document, so the map is read from each font, never assumed.
"""

from __future__ import annotations

import re
from typing import Any

#: Glyph names of Adobe's Mathematical Pi fonts and their Unicode text. Only names whose
#: meaning is confirmed by real case-series PDFs (the sign reads correctly in context).
MATH_PI_NAMES = {
    "H11001": "+",
    "H11002": "\u2212",
    "H11003": "\u00d7",
    "H11005": "=",
    "H11006": "\u00b1",
    "H11021": "<",
    "H11022": ">",
    "H11349": "\u2264",
    "H11350": "\u2265",
    "H18546": "\u2022",
}
#: Standard glyph names pdfminer may leave unmapped in a symbol font.
STANDARD_NAMES = {
    "plusminus": "\u00b1",
    "lessequal": "\u2264",
    "greaterequal": "\u2265",
    "equal": "=",
    "less": "<",
    "greater": ">",
    "minus": "\u2212",
    "multiply": "\u00d7",
    "endash": "\u2013",
    "emdash": "\u2014",
}

_CID = re.compile(r"^\(cid:(\d+)\)$")


def cid_code(text: str) -> int | None:
    """Return N for a glyph text ``(cid:N)``, else ``None``."""
    match = _CID.match(text)
    return int(match.group(1)) if match else None


def differences_to_map(differences: list[Any]) -> dict[int, str]:
    """Turn a PDF ``/Differences`` array (``[code name name ... code name ...]``) into
    ``{code: text}`` for the glyph names known here."""
    mapping: dict[int, str] = {}
    code = 0
    for item in differences:
        if isinstance(item, int):
            code = item
            continue
        name = getattr(item, "name", str(item)).lstrip("/'").rstrip("'")
        text = MATH_PI_NAMES.get(name) or STANDARD_NAMES.get(name)
        if text:
            mapping[code] = text
        code += 1
    return mapping


def page_cid_maps(page: Any) -> dict[str, dict[int, str]]:
    """Read ``{font name: {code: text}}`` from the fonts of a pdfplumber page."""
    from pdfminer.pdftypes import resolve1

    maps: dict[str, dict[int, str]] = {}
    fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
    for ref in fonts.values():
        font = resolve1(ref)
        if not isinstance(font, dict):
            continue
        encoding = resolve1(font.get("Encoding"))
        if isinstance(encoding, dict) and "Differences" in encoding:
            name = getattr(font.get("BaseFont"), "name", str(font.get("BaseFont")))
            mapping = differences_to_map(resolve1(encoding["Differences"]))
            if mapping:
                maps[name] = mapping
    return maps
