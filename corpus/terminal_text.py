"""The one sanitiser for everything the CLI prints from papers, file names and reviewers.

:func:`for_terminal` strips control sequences (:func:`extract.reading.printable.printable`) and
escapes rich markup, so ``x [/b]`` typed by a reviewer prints as it is instead of raising, and a
paper cannot clear the screen. :func:`safe_console` returns a rich console that passes every
string it renders (table cells, titles, printed lines) through the sanitiser; ``Text`` objects
built by hand should be built from :func:`extract.reading.printable.printable` text.

Only the CLI calls this module, and it imports rich inside its functions, so ``import corpus``
stays free of rich.
"""

from __future__ import annotations

from extract.reading.printable import printable


def for_terminal(text: str) -> str:
    """Return ``text`` without control sequences and with rich markup escaped."""
    from rich.markup import escape

    return escape(printable(text))


def safe_console(**kwargs):
    """A ``rich.console.Console`` (same arguments) that sanitises every string it renders.

    Markup is escaped only where rich would parse it (``markup=False`` prints get the control
    characters stripped, no backslashes).
    """
    from rich.console import Console

    class _SafeConsole(Console):
        def render_str(self, text: str, *, markup: bool | None = None, **options):
            parse = self._markup if markup is None else markup
            clean = for_terminal(text) if parse else printable(text)
            return super().render_str(clean, markup=markup, **options)

    return _SafeConsole(**kwargs)
