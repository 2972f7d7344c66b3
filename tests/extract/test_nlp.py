"""The spaCy pipeline: tokenizer for clinical numbers, cached build, outcome mentions."""

from __future__ import annotations

from extract.rules.nlp import VETO, outcome_nlp


def tokens(text: str) -> list[str]:
    return [t.text for t in outcome_nlp().nlp.make_doc(text)]


def test_tokenizer_splits_clinical_numbers():
    assert tokens("29/37(78%)") == ["29", "/", "37", "(", "78", "%", ")"]
    assert tokens("95%CI 62–90%") == ["95", "%", "CI", "62", "–", "90", "%"]
    assert tokens("CD≥3a") == ["CD", "≥", "3a"]


def test_pipeline_is_built_once_per_lexicon():
    assert outcome_nlp() is outcome_nlp()
    assert "sentencizer" in outcome_nlp().nlp.pipe_names


def mentions(text: str) -> list[tuple[str, str]]:
    nlp = outcome_nlp()
    return [(m.outcome, m.text) for m in nlp.mentions(nlp.nlp(text))]


def test_longest_match_abbreviations_and_patterns():
    assert mentions("3 years disease-free survival (DFS) and 5 years OS") == [
        ("disease_free_survival", "disease-free survival"), ("disease_free_survival", "DFS"),
        ("overall_survival", "OS")]
    assert mentions("Complete excision (R0) and CD ≥ 3 complications") == [
        ("r0_resection", "R0"), ("complications_major", "CD ≥ 3 complications")]
    assert mentions("os and r0 in lower case") == []


def test_vetoes_cover_their_outcome_words():
    assert mentions("Cause of death was sepsis") == [(VETO, "Cause of death")]
    assert mentions("local and distant recurrence") == [(VETO, "local and distant recurrence")]
