"""The Qt binding keeps Python's reference counts right, and a known-bad one is refused at start-up.

PySide6 6.12.0 on Python 3.11 loses one reference to None per void call (−1,000 over the
loop below; measured 0 for 6.10.3, 6.11.2, 6.11.3, and for any release on Python 3.12+).
"""
import os
import subprocess
import sys

import pytest

from report_desktop.ui import earlyinit

CALLS = 1000


def test_void_calls_keep_none_referenced(qapp):
    from PySide6.QtWidgets import QLabel
    label = QLabel()
    label.setText("x")
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("")                       # returns void: None
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"PySide6 lost {lost} references to None over {CALLS} void calls"


def test_signal_emit_keeps_true_and_false_referenced(qapp):
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        changed = Signal()
    source = Source()
    source.changed.connect(lambda: None)
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(200):                         # fewer: a leaking binding aborts on True/False sooner
        source.changed.emit()
    lost = before - sys.getrefcount(True) - sys.getrefcount(False)
    assert lost < 20, f"Signal.emit lost {lost} references to True/False over 200 calls"


def test_the_installed_binding_passes_the_start_up_check():
    assert earlyinit.none_lost_per_call(200) < 0.05      # 6.12.0 on 3.11: 1.0
    assert earlyinit.check() is None


@pytest.mark.parametrize("python, pyside, bad", [
    ((3, 11), "6.12.0", True),
    ((3, 10), "6.12.0", True),
    ((3, 12), "6.12.0", False),          # immortal None/True/False: harmless
    ((3, 13), "6.12.0", False),
    ((3, 11), "6.11.3", False),
    ((3, 11), "6.12.1", False),
    ((3, 11), "6.12.0.1", False),
])
def test_known_bad_combinations(python, pyside, bad):
    assert earlyinit.version_problem(python, pyside) is bad


_CHILD = """
import sys
import PySide6
PySide6.__version__ = "6.12.0"          # what a venv with the leaking release reports
from PySide6.QtWidgets import QApplication
from report_desktop.entry import main
code = main(["--db", sys.argv[1]])
print("QAPP", QApplication.instance() is not None, flush=True)
sys.exit(code)
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="6.12.0 is harmless on Python 3.12+")
def test_window_start_refuses_the_leaking_release_before_any_window(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONIOENCODING="utf-8")
    db = tmp_path / "reports.sqlite3"
    out = subprocess.run([sys.executable, "-c", _CHILD, str(db)], env=env, capture_output=True,
                         text=True, encoding="utf-8", timeout=60)
    assert out.returncode == earlyinit.EXIT_BAD_BINDING == 4, out.stderr
    assert "QAPP False" in out.stdout                      # refused before the QApplication
    line, = out.stderr.strip().splitlines()                # one line, no traceback
    assert line.startswith("请更换 PySide6") and "6.12.0" in line and "6.11.3" in line
    assert not db.exists()                                 # nothing opened, nothing created


def test_smoke_mode_refuses_the_leaking_release(monkeypatch, tmp_path):
    """The installed program's self-test fails with the same message on such a binding."""
    from report_desktop import smoke
    monkeypatch.setattr(earlyinit, "check", lambda: earlyinit.message("6.12.0"))
    monkeypatch.setenv("REPORT_DESKTOP_SMOKE_OUT", str(tmp_path))
    assert smoke.run(tmp_path / "s.sqlite3") == 1
    log = (tmp_path / "smoke.log").read_text(encoding="utf-8")
    assert "SMOKE FAILED" in log and "请更换 PySide6" in log
    assert not (tmp_path / "window.png").exists()
