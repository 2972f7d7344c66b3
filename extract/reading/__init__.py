"""Reading: any source file to pages of clean text (PDF geometry, text decoding, sections)."""
