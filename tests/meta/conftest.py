"""The reference tests share their comparison helpers (``metafor_match``), a plain module."""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
