"""A regular expression matching any of many literal terms, shaped as a prefix tree.

Python's ``re`` tries the branches of ``a|b|c|...`` one by one at every position of the text;
with the lexicon's hundreds of outcome terms that made the test of whether a sentence names an
outcome at all (:func:`extract.rules.sentences.is_candidate`) the dearest step of reading
prose. Terms that share a start (``wound infection``, ``wound dehiscence``) share one branch in
the tree, so a position is given up after a character or two. The set of strings matched is
that of the flat alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Marks the end of a term in a tree node (no character is empty).
_END = ""


def literal_alternation(terms: Iterable[str]) -> str:
    """A pattern matching exactly the strings in ``terms`` (escaped), as a prefix tree.

    A text holds a match wherever it holds one of the flat alternation's: meant for a test
    of whether any term occurs (at one position the span may differ, when two branches match
    under ``re.IGNORECASE``).

    Parameters
    ----------
    terms : iterable of str
        Literal terms; empty ones are ignored.

    Returns
    -------
    str
        A pattern for :func:`re.compile` (``(?!)``, which matches nothing, for no terms).
    """
    tree: dict = {}
    for term in terms:
        if not term:
            continue
        node = tree
        for char in term:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _node_pattern(tree) if tree else "(?!)"


def _node_pattern(node: dict) -> str:
    branches = [re.escape(char) + _node_pattern(child)
                for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    return f"(?:{body})?"
