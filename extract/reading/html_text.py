"""HTML to text with the standard library's :class:`html.parser.HTMLParser`.

Scripts, styles, navigation, headers and footers of the site are dropped; block elements end a
line; table cells are separated by a space, rows end a line, and each table is also kept as a
:class:`~extract.model.Table` of rows and cells.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from extract.model import Page, Table

#: Elements whose content is never text of the document.
SKIPPED = frozenset(
    {"script", "style", "nav", "noscript", "template", "svg", "head", "footer", "aside",
     "form", "button", "iframe"}
)
#: Elements that start and end a line.
BLOCKS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "header", "blockquote", "pre", "figcaption", "caption", "dt", "dd",
        "title", "hr",
    }
)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.has_h1 = False
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        self.has_h1 = self.has_h1 or (tag == "h1" and not self.skip_depth)
        if tag == "title":
            self.in_title = True
        elif tag in SKIPPED and tag not in _VOID:
            self.skip_depth += 1
        if self.skip_depth:
            return
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
            self.parts.append(" ")
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in SKIPPED and self.skip_depth:
            self.skip_depth -= 1
            return
        if self.skip_depth:
            return
        if tag in ("td", "th") and self.cell is not None:
            if self.tables and self.tables[-1]:
                self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        self.parts.append(data)
        if self.cell is not None:
            self.cell.append(data)


def html_to_page(html: str) -> Page:
    """Return the text of an HTML document as one page (``number=None``) with its tables."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = [" ".join(line.split()) for line in "".join(collector.parts).splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join("".join(collector.title).split())
    # the <title> is the page's name for browser tabs; an <h1> in the body is the paper's title
    if title and not collector.has_h1 and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    tables = tuple(
        Table(rows=tuple(tuple(cell or None for cell in row) for row in table if row))
        for table in collector.tables
        if any(table)
    )
    return Page(number=None, text=text, tables=tables)
