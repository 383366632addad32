"""The long torture run on one store: a window-like writer, two ``db add`` writers, a
reader, random kill -9s, checks after each kill (tests/store_torture.py explains them).

Run: python benchmarks/torture_store.py [--seconds 600] [--seed N]
Prints processes, iterations, kills and failures by kind; exit 1 if any failure.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.store_torture import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["--seconds", "600"]))
