"""Scale tests import their stand-in extractor (``scale_fakes``) as a plain module.

The suite runs with ``--import-mode=importlib``, which does not put test folders on
``sys.path``; the same module also runs as a script in the subprocess tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
