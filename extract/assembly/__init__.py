"""Assembly: candidate findings to records (denominators, arm sums, consistency checks)."""
