"""The core imports no Qt: enforced, not hoped (napari-style contract)."""
import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).parents[1] / "src" / "report_desktop" / "core"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy")


def test_no_core_module_imports_qt():
    offenders = []
    for py in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            if any(n.split(".")[0] in QT for n in names):
                offenders.append(str(py.relative_to(CORE)))
    assert offenders == []


def test_importing_every_core_module_and_the_cli_loads_no_qt():
    modules = sorted(".".join(("report_desktop", "core", *p.relative_to(CORE).with_suffix("").parts))
                     .removesuffix(".__init__") for p in CORE.rglob("*.py"))
    code = ("import importlib, sys\n"
            f"for m in {modules!r} + ['report_desktop.cli.main', 'report_desktop.cli.commands']: importlib.import_module(m)\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
