"""Tables: rule-drawn and whitespace tables, per-case rows and individual patient data."""
