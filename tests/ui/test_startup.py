"""Opening the store (damaged, replaced), run(), the crash handler."""
import sys

import pytest

from report_desktop.core.store import Store, StoreDamaged
from report_desktop.ui.dialogs import damaged
from report_desktop.ui.logs import CrashHandler, setup_logging


def make_damaged(store_path, seed_report):
    with Store(store_path) as s:
        s.save(seed_report)
        s.backup_now()
    store_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    with pytest.raises(StoreDamaged) as info:
        Store(store_path)
    return info.value


def test_damaged_store_restores_newest_backup_into_a_new_file(store_path, seed_report):
    exc = make_damaged(store_path, seed_report)
    broken = store_path.read_bytes()
    assert exc.good_backup is not None and "损坏" in str(exc)
    asked = []
    target = damaged.handle_damaged(exc, choose=lambda e: asked.append(e) or damaged.RESTORE)
    assert asked == [exc]
    assert target != store_path and target.parent == store_path.parent
    assert store_path.read_bytes() == broken                 # never written to
    with Store(target) as s:
        assert s.get(seed_report.unit, seed_report.year).cells == seed_report.cells
    # The next start on the damaged path opens the replacement without asking again.
    again = damaged.open_store(store_path, choose=lambda e: pytest.fail("asked twice"))
    assert again.path == target
    again.close()


def test_damaged_store_quit_and_new(store_path, seed_report):
    exc = make_damaged(store_path, seed_report)
    assert damaged.handle_damaged(exc, choose=lambda e: damaged.QUIT) is None
    assert damaged.open_store(store_path, choose=lambda e: damaged.QUIT) is None
    fresh = damaged.open_store(store_path, choose=lambda e: damaged.NEW)
    assert fresh is not None and fresh.path != store_path and fresh.list_reports() == []
    fresh.close()


_CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from report_desktop.ui import app
qapp = app.application()
def close():
    wins = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    print("WINDOWS", [w.__class__.__name__ for w in wins], flush=True)
    for w in wins:
        w.close()
QTimer.singleShot(300, close)
sys.exit(app.run(sys.argv[1]))
"""


def test_run_opens_window_on_given_store(store_path, seed_report, tmp_path):
    """run(db_path) in a real process: window shown, closed, exit code 0, log written."""
    import os
    import subprocess
    with Store(store_path) as s:
        s.save(seed_report)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", _CHILD, str(store_path)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "MainWindow" in out.stdout
    logs = list((tmp_path / "state").rglob("report-desktop.log"))
    assert logs and "started" in logs[0].read_text(encoding="utf-8")


def test_crash_handler_logs_flushes_and_names_the_log(tmp_path):
    log_path = setup_logging(tmp_path)
    shown, flushed = [], []
    handler = CrashHandler(log_path, flush=lambda: flushed.append(1),
                           show=lambda text, detail: shown.append((text, detail)))
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        handler(*sys.exc_info())
    assert flushed == [1]
    text, detail = shown[0]
    assert str(log_path) in text and "自动保存" in text and "RuntimeError: boom" in detail
    assert "boom" in log_path.read_text(encoding="utf-8")


def test_a_crash_before_the_window_is_ready_opens_the_log_itself(tmp_path, monkeypatch):
    """run() opens the log file only once the ready window is painted; a failure before
    then still reaches the log, and the message names it."""
    import logging
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    shown = []
    handler = CrashHandler(None, show=lambda text, detail: shown.append(text))
    handler.opens_log = True
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        try:
            raise RuntimeError("early boom")
        except RuntimeError:
            handler(*sys.exc_info())
        assert handler.log_path is not None and handler.log_path.is_file()
        assert str(handler.log_path) in shown[0]
        assert "early boom" in handler.log_path.read_text(encoding="utf-8")
    finally:
        for h in root.handlers[:]:
            if h not in before:
                root.removeHandler(h)
                h.close()


def test_the_window_has_the_program_icon():
    from report_desktop.ui.app import ICON, application
    assert ICON.is_file()
    assert not application().windowIcon().isNull()
