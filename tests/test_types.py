"""Types are checked and never get worse: mypy (configured in pyproject.toml — strict on
core/ and services/, lenient on the window and the command line) may report no more errors
than tools/mypy-baseline.txt records.  When fixes bring the count down, the lower number
must be written there, so the ratchet only turns one way."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tools" / "mypy-baseline.txt"


def mypy(*args: str, cwd: Path = ROOT) -> list[str]:
    """mypy's error lines (an error that stops mypy itself fails the test)."""
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary",
                          "--no-color-output", *args],
                         cwd=cwd, capture_output=True, text=True, timeout=900)
    assert run.returncode in (0, 1), f"mypy did not run: {run.stderr or run.stdout}"
    return [line for line in run.stdout.splitlines() if ": error: " in line]


def _versions() -> str:
    """The libraries whose type information moves the count (the baseline notes its own)."""
    from importlib.metadata import version
    return ", ".join(f"{name} {version(name)}" for name in ("mypy", "PySide6-Essentials", "python-docx"))


def test_mypy_errors_do_not_exceed_the_baseline():
    errors = mypy()
    recorded = int(BASELINE.read_text(encoding="utf-8").split()[0])
    assert len(errors) <= recorded, (
        f"mypy finds {len(errors)} errors, more than the {recorded} recorded in "
        f"tools/mypy-baseline.txt (counted here with {_versions()}); fix the new ones:\n"
        + "\n".join(errors))
    # Fewer: the gain is to be written down — where the libraries are the ones the count was
    # made with (another binding's stubs alone can move it; that is no one's gain).
    if f"counted with: {_versions()}" in BASELINE.read_text(encoding="utf-8"):
        assert len(errors) == recorded, (
            f"mypy finds {len(errors)} errors, fewer than the {recorded} recorded: write "
            f"{len(errors)} into tools/mypy-baseline.txt so the ratchet keeps the gain "
            f"(counted here with {_versions()}).")


def test_core_is_checked_strictly_and_the_window_leniently(tmp_path):
    """The configuration is not blind: an unannotated function is an error in core/ and
    accepted in ui/; a wrong type is an error in both."""
    pkg = tmp_path / "report_desktop"
    for sub in ("core", "ui"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("", encoding="utf-8")
        (pkg / sub / "m.py").write_text("def f(x):\n    return x\n\n\nn: int = 'x'\n",
                                        encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    errors = mypy("--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "c"),
                  "report_desktop/core/m.py", "report_desktop/ui/m.py", cwd=tmp_path)
    core = [e for e in errors if e.startswith("report_desktop/core/")]
    ui = [e for e in errors if e.startswith("report_desktop/ui/")]
    assert any("no-untyped-def" in e for e in core) and any("assignment" in e for e in core)
    assert not any("no-untyped-def" in e for e in ui) and any("assignment" in e for e in ui)
