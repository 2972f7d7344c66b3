"""A pdfplumber page's objects (``page.chars``, ``page.rects``...) built faster, the same dicts.

pdfplumber turns each pdfminer layout object into a dict through a generic path: every
attribute goes through a filter, a closure and a recursive ``resolve_all``, whatever its type.
A page holds thousands of glyphs, all of one class whose attributes are numbers and strings,
and that generic path costs about as much as pdfminer's own interpretation of the page. Here
glyphs (``LTChar``) are converted by a direct copy of the same attributes with the same
derived fields (``top``, ``bottom``, ``doctop``, colours, ``ncs``); every other object (rules,
rectangles, curves, images) still goes through pdfplumber's own ``process_object``. The dicts
are equal to pdfplumber's, key order included (``tests/extract/test_pdf_objects.py`` holds
this against pdfplumber on generated pages and on the shared corpus).

Where the fast path's assumptions do not hold (Unicode normalisation or layout analysis asked
of pdfplumber, a font name in bytes), the page is parsed the stock way.
"""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTChar, LTContainer
from pdfplumber.page import ALL_ATTRS
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

#: Attribute types ``resolve_all`` returns unchanged.
_PLAIN = frozenset({float, int, str, bool, type(None)})


class _StockParse(Exception):
    """The page needs pdfplumber's own conversion (see the module notes)."""


def load_page_objects(page: Any) -> None:
    """Parse ``page``'s objects once, into the cache pdfplumber's ``page.objects`` reads.

    Parameters
    ----------
    page : pdfplumber.page.Page
        A page not yet parsed; one already parsed (or cropped) is left alone.
    """
    if hasattr(page, "_objects") or type(page).__name__ != "Page":
        return
    pdf = page.pdf
    if pdf.unicode_norm is not None or pdf.laparams is not None:
        return  # those change what pdfplumber builds: let it build it
    try:
        page._objects = _parse_objects(page)
    except _StockParse:
        page._objects = page.parse_objects()


def _parse_objects(page: Any) -> dict[str, list[dict]]:
    """``page.parse_objects()``, with glyphs converted by :func:`_char_dict`."""
    geometry = (page.height, page.mediabox[0], page.mediabox[1], page.initial_doctop)
    ncs_names: dict[Any, Any] = {}  # a page uses a handful of colour spaces
    objects: dict[str, list[dict]] = {}
    for obj in _leaves(page.layout._objs):
        if type(obj) is LTChar:
            kind, attr = "char", _char_dict(obj, page.page_number, geometry, ncs_names)
        else:
            attr = page.process_object(obj)
            kind = attr["object_type"]
            if kind == "anno":
                continue
        objects.setdefault(kind, []).append(attr)
    return objects


def _leaves(layout_objects):
    # pdfplumber yields containers themselves only with layout analysis, which sends the
    # page to the stock path
    for obj in layout_objects:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj._objs)
        else:
            yield obj


def _char_dict(obj: LTChar, number: int, geometry: tuple, ncs_names: dict) -> dict:
    """pdfplumber's dict of one glyph, built without its per-attribute generic path."""
    attr = {}
    for key, value in obj.__dict__.items():
        if key in ALL_ATTRS:
            attr[key] = value if type(value) in _PLAIN else resolve_all(value)
    if isinstance(attr.get("fontname"), bytes):
        raise _StockParse  # pdfplumber repairs such names: leave it to pdfplumber
    attr["object_type"] = "char"
    attr["page_number"] = number
    if hasattr(obj, "ncs"):
        name = obj.ncs.name
        if name not in ncs_names:
            ncs_names[name] = resolve_and_decode(name)
        attr["ncs"] = ncs_names[name]
    if hasattr(obj, "scs"):
        attr["scs"] = resolve_and_decode(obj.scs.name)
    attr["text"] = obj.get_text()
    state = obj.graphicstate
    attr["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
    attr["non_stroking_color"] = (
        state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
    )
    height, mb_x0, mb_top, initial_doctop = geometry
    if "y0" in attr:
        attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr
