"""A prefix-tree pattern of terms finds a term wherever the flat alternation does."""

from __future__ import annotations

import re

import pytest

from extract.rules.term_pattern import literal_alternation

#: Invented terms: shared starts, one term the start of another, regex metacharacters.
TERMS = ("stroke", "stroke rate", "wound infection", "wound dehiscence", "re-operation",
         "return to theatre", "30-day (early) death", "c.d. grade", "leak", "leakage", "bleed")
TEXTS = (
    "No Stroke was seen.", "the stroke ratE rose", "Wound Dehiscence in 3", "wound healing",
    "Two RE-OPERATIONS were needed.", "return to the ward", "a 30-day (early) death",
    "30-day early death", "C.D. grade III", "cxdx grade", "anastomotic leakage", "bleeding",
    "", "stroke", "woun", "wound infectio", "ble",
)


def flat(terms) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)


@pytest.mark.parametrize("text", TEXTS)
def test_tree_finds_a_term_where_the_flat_alternation_does(text):
    tree = re.compile(literal_alternation(TERMS), re.IGNORECASE)
    assert bool(tree.search(text)) == bool(flat(TERMS).search(text))


def test_tree_matches_every_term_and_nothing_shorter():
    tree = re.compile(literal_alternation(TERMS), re.IGNORECASE)
    for term in TERMS:
        assert tree.fullmatch(term.upper())
        assert not tree.fullmatch(term[:-1]) or term[:-1] in TERMS


def test_longer_term_is_preferred_at_one_position():
    tree = re.compile(literal_alternation(("leak", "leakage")))
    assert tree.search("a leakage here").group(0) == "leakage"


def test_word_bounded_abbreviations_behave_as_the_flat_form():
    abbreviations = ("SSI", "SSIs", "MI", "AKI")
    tree = re.compile(r"\b(?:" + literal_alternation(abbreviations) + r")\b")
    for text in ("two SSIs", "SSI rate", "MISSING", "an AKIx", "MI.", "ssi"):
        flat_form = re.compile(r"\b(?:" + "|".join(sorted(abbreviations, key=len, reverse=True))
                               + r")\b")
        assert bool(tree.search(text)) == bool(flat_form.search(text)), text


def test_no_terms_match_nothing():
    assert re.search(literal_alternation([]), "anything") is None
    assert re.search(literal_alternation(["", ""]), "anything") is None


def test_every_lexicon_term_makes_a_numbered_sentence_a_candidate():
    from extract.rules.lexicon import load_lexicon
    from extract.rules.sentences import is_candidate

    lexicon = load_lexicon()
    terms = {t for o in lexicon.outcomes for t in (*o.terms, *o.opposites)}
    assert terms
    for term in terms:
        assert is_candidate(f"In 3 cases the {term.upper()} was noted.", lexicon), term
    assert not is_candidate("In 3 cases the weather was noted.", lexicon)
