"""The layers of pyproject.toml's [tool.importlinter] contracts hold: the core imports no
Qt, the rules no store, the command line no window (napari-style contracts, enforced)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"


def test_import_contracts_are_kept():
    code = ("import sys\nfrom importlinter.cli import lint_imports\n"
            f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True, no_logo=True))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=ROOT, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Contracts: 3 kept, 0 broken." in res.stdout


def test_the_command_line_runs_a_verb_without_loading_qt(tmp_path, seed_path):
    """What import-linter reads statically, checked once at run time: ``check`` loads no Qt."""
    code = ("import sys\nfrom report_desktop.entry import main\n"
            f"code = main(['check', {str(seed_path)!r}, '--db', {str(tmp_path / 'none.sqlite3')!r}])\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
            "print(bad); sys.exit(9 if bad else code)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert res.returncode in (0, 1), res.stdout + res.stderr
