"""Outcomes a document names by an abbreviation it defines itself.

Papers define a short form once, ``target lesion revascularisation (TLR)``, and report with it
afterwards (``freedom from TLR was 88%``). When the long form names an outcome of the lexicon,
the short form names the same outcome wherever the document uses it, with the same cues around
it (a complement cue before it makes it the outcome's opposite). Abbreviations the lexicon
lists itself keep the lexicon's meaning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from extract.rules.nlp import OPPOSITE_PREFIX, VETO, OutcomeNLP
from extract.study.abbreviations import text_to_abbreviations


def defined_outcomes(text: str, outcome_nlp: OutcomeNLP) -> Mapping[str, str]:
    """Each abbreviation ``text`` defines whose long form is one outcome's name, mapped to
    that outcome (``~outcome`` when the long form names its opposite).

    Parameters
    ----------
    text : str
        The document's text.
    outcome_nlp : OutcomeNLP
        The pipeline whose lexicon names the outcomes.

    Returns
    -------
    Mapping
        ``{"TLR": "reintervention"}``; empty when the document defines none of interest.
    """
    known = {a for o in outcome_nlp.lexicon.outcomes for a in o.abbreviations}
    out: dict[str, str] = {}
    for abbr, long_form in text_to_abbreviations(text).items():
        if abbr in known:
            continue
        mentions = outcome_nlp.mentions(outcome_nlp.nlp(long_form))
        # the long form must end in the outcome's name: "major adverse events" names the
        # outcome, "complications of the access site" names a site
        if len(mentions) != 1 or mentions[0].outcome == VETO \
                or mentions[0].end < len(long_form.rstrip()) - 1:
            continue
        m = mentions[0]
        out[abbr] = (OPPOSITE_PREFIX if m.complement else "") + m.outcome
    return MappingProxyType(out)


def short_form_regex(defined: Mapping[str, str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern of the short forms as whole words (with a plural ``s``), or
    ``None`` when there are none."""
    if not defined:
        return None
    alternation = "|".join(re.escape(a) for a in sorted(defined, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<abbr>{alternation})s?(?![\w-])")
