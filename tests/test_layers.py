"""The layers of pyproject.toml's [tool.importlinter] contracts hold: the core imports no
Qt, the rules no store, the command line no window (napari-style contracts, enforced)."""
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"
CONTRACTS = [c["name"] for c in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
             ["tool"]["importlinter"]["contracts"]]


def lint_imports(src: Path) -> subprocess.CompletedProcess:
    code = ("import sys\nfrom importlinter.cli import lint_imports\n"
            f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True, no_logo=True))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})


def verdicts(stdout: str) -> dict[str, str]:
    """Each contract of pyproject.toml → KEPT or BROKEN, as lint-imports lists them."""
    found = {}
    for line in stdout.splitlines():
        name, _, verdict = line.rpartition(" ")
        if name in CONTRACTS and verdict in ("KEPT", "BROKEN"):
            found[name] = verdict
    return found


def test_import_contracts_are_kept():
    res = lint_imports(SRC)
    assert res.returncode == 0, res.stdout + res.stderr
    assert verdicts(res.stdout) == dict.fromkeys(CONTRACTS, "KEPT"), res.stdout


def test_the_check_sees_each_contract_broken(tmp_path):
    """A copy of the package with one import against each contract: every one is reported."""
    pkg = tmp_path / "report_desktop"
    shutil.copytree(SRC / "report_desktop", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    for module, line in (("core/values.py", "import report_desktop.services.reports"),
                         ("core/rules/findings.py", "import report_desktop.core.store"),
                         ("cli/tally.py", "import PySide6.QtCore")):
        path = pkg / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    res = lint_imports(tmp_path)
    assert res.returncode != 0
    assert verdicts(res.stdout) == dict.fromkeys(CONTRACTS, "BROKEN"), res.stdout + res.stderr


def test_the_command_line_runs_a_verb_without_loading_qt(tmp_path, seed_path):
    """What import-linter reads statically, checked once at run time: ``check`` loads no Qt."""
    code = ("import sys\nfrom report_desktop.entry import main\n"
            f"code = main(['check', {str(seed_path)!r}, '--db', {str(tmp_path / 'none.sqlite3')!r}])\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
            "print(bad); sys.exit(9 if bad else code)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert res.returncode in (0, 1), res.stdout + res.stderr
