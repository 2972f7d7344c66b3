"""Sentence rules: sentences to candidate findings (numbers, outcome mentions, time points)."""
