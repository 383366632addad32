"""No dead code: vulture (configured in pyproject.toml) finds no unused function, class,
variable or attribute in the package; what it cannot see being used is listed with its
reason in tools/vulture_whitelist.py."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def vulture(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vulture", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_no_dead_code():
    run = vulture()
    assert run.returncode == 0 and run.stdout == "", (
        "vulture finds code nothing uses — delete it, or (a Qt override, a library "
        f"property, a test hook) list it with its reason in tools/vulture_whitelist.py:\n"
        f"{run.stdout}{run.stderr}")


def test_the_check_sees_dead_code(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def used():\n    return 1\n\n\ndef forgotten():\n    return 2\n\n\nused()\n",
                      encoding="utf-8")
    run = vulture(str(module), "--min-confidence", "60")
    assert run.returncode == 3 and "unused function 'forgotten'" in run.stdout
    assert "'used'" not in run.stdout
