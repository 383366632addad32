"""The deferred start of run(): the real main window's frame first, then the report.

In a subprocess (run() itself, with a real event loop) and in process (Startup, the
object run() uses), compared with the synchronous MainWindow(store) of the other tests.
"""
import json
import os
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject, QSettings, Qt

from report_desktop.core.store import Store
from report_desktop.ui import startup
from report_desktop.ui.dialogs import damaged
from report_desktop.ui.frame import MENU_TITLES, OPENING

from conftest import open_window
from test_startup import make_damaged

_CHILD = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication
from report_desktop.ui import app

seen = {"qt": [], "events": []}
def qt_message(kind, _context, text):
    if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
        seen["qt"].append(text)
qInstallMessageHandler(qt_message)
qapp = app.application()

def state(w, event):
    label = w.placeholder.label.text() if w.placeholder is not None else None
    seen["events"].append({"event": event, "window": id(w), "ready": w.is_ready,
                           "central_enabled": w.centralWidget().isEnabled(), "placeholder": label,
                           "title": w.windowTitle(), "visible": w.isVisible(),
                           "menus": [a.text() for a in w.menuBar().actions()]})

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not any(e["event"] == "painted" for e in seen["events"]):
            state(obj, "painted")
        return False
first_paint = FirstPaint()

def first_turn():        # the first event-loop turn: the frame is shown, not painted yet
    (w,) = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    state(w, "shown")
    w.installEventFilter(first_paint)
    def ready():
        state(w, "ready")
        seen["unit_field"] = w.workspace.info.unit.text()
        seen["report"] = [w.session.report.unit, w.session.report.year]
        seen["findings_rows"] = w.workspace.findings.tree.topLevelItemCount()
        seen["tab"] = w.workspace.tabs.current_key()
        QTimer.singleShot(50, w.close)
    w.ready.connect(ready)
QTimer.singleShot(0, first_turn)
QTimer.singleShot(20000, lambda: qapp.exit(5))     # a watchdog, should anything block
code = app.run(sys.argv[1])
print("RESULT", json.dumps(seen, ensure_ascii=False), flush=True)
sys.exit(code)
"""


def test_run_shows_the_frame_then_the_same_window_becomes_ready(store_path, seed_report, tmp_path):
    with Store(store_path) as s:
        s.save(seed_report)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", _CHILD, str(store_path)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")][0]
    seen = json.loads(line[len("RESULT "):])
    assert seen["qt"] == []
    shown, painted, ready = seen["events"]
    assert [shown["event"], painted["event"], ready["event"]] == ["shown", "painted", "ready"]
    assert shown["window"] == painted["window"] == ready["window"]      # one window throughout
    for early in (shown, painted):       # the frame: real menus, calm placeholder, disabled
        assert not early["ready"] and not early["central_enabled"]
        assert early["placeholder"] == OPENING and early["title"] == "政务公开年报助手"
        assert early["menus"] == list(MENU_TITLES.values())
    assert ready["ready"] and ready["central_enabled"] and ready["placeholder"] is None
    assert ready["menus"] == list(MENU_TITLES.values())
    assert ready["title"].startswith(f"{seed_report.unit} {seed_report.year}年")
    assert seen["unit_field"] == seed_report.unit
    assert seen["report"] == [seed_report.unit, seed_report.year]
    assert seen["findings_rows"] >= 1 and seen["tab"] == "info"
    logs = list((tmp_path / "state").rglob("report-desktop.log"))
    assert "start-up: window frame painted" in logs[0].read_text(encoding="utf-8")


class FirstPaint(QObject):
    """(is_ready, the store) when the window's first frame was painted."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.state = window, None
        window.installEventFilter(self)

    def eventFilter(self, obj, event):
        if self.state is None and obj is self.window and event.type() == QEvent.Type.Paint:
            self.state = (self.window.is_ready, self.window.store)
        return False


def start(qtbot, path, prompts):
    begun = startup.Startup(path, prompts=prompts)
    qtbot.addWidget(begun.window)
    begun.window.resize(1366, 768)
    begun.show()
    return begun


def test_deferred_window_matches_the_synchronous_one(qtbot, store, store_path, prompts):
    sync = open_window(qtbot, store, prompts)
    qtbot.waitUntil(lambda: sync.focusWidget() is not None, timeout=2000)   # on activation
    sync_state = (type(sync.focusWidget()).__name__, sync.workspace.findings.height(),
                  {k: a.isEnabled() for k, a in sync.workspace.actions.items()}, sync.windowTitle())
    sync.close()
    begun = start(qtbot, store_path, prompts)
    w = begun.window
    first_paint = FirstPaint(w)
    with qtbot.waitSignal(w.ready, timeout=5000):
        pass
    assert first_paint.state == (False, None)   # painted before the store was opened
    qtbot.wait(20)
    assert w.is_ready and w.centralWidget() is w.workspace.stack and w.centralWidget().isEnabled()
    state = (type(w.focusWidget()).__name__, w.workspace.findings.height(),
             {k: a.isEnabled() for k, a in w.workspace.actions.items()}, w.windowTitle())
    assert state == sync_state
    assert w.workspace.info.unit.text() == store.list_reports()[0].unit
    w.close()
    begun.close()


def test_keys_pressed_before_ready_reach_the_ready_window(qtbot, store, store_path, prompts):
    begun = start(qtbot, store_path, prompts)
    w = begun.window
    qtbot.waitExposed(w)
    assert not w.is_ready
    qtbot.keyClick(w, Qt.Key.Key_Right)          # to the bare frame: kept, not lost
    with qtbot.waitSignal(w.ready, timeout=5000):
        pass
    assert w.workspace.tabs.current_key() == "overview"    # the tab bar got the key once ready
    w.close()
    begun.close()


def test_first_start_text_typed_early_lands_in_the_unit_field(qtbot, store_path, prompts):
    begun = start(qtbot, store_path, prompts)        # no data file yet: the welcome page
    w = begun.window
    qtbot.waitExposed(w)
    qtbot.keyClicks(w, "Xian")
    with qtbot.waitSignal(w.ready, timeout=5000):
        pass
    assert w.focusWidget() is w.workspace.welcome.unit and w.workspace.welcome.unit.text() == "Xian"
    w.close()
    begun.close()


def test_closed_before_ready_opens_nothing(qtbot, store_path, prompts):
    begun = start(qtbot, store_path, prompts)
    begun.window.close()
    qtbot.wait(startup.FALLBACK_MS + 100)
    assert begun.store is None and not begun.window.is_ready and begun.exit_code is None
    assert QSettings().value("window/state") is None


def test_damaged_store_and_quit_closes_the_frame(qtbot, store_path, seed_report, prompts,
                                                 monkeypatch):
    make_damaged(store_path, seed_report)
    monkeypatch.setattr(damaged, "ask", lambda exc, parent=None: damaged.QUIT)
    begun = start(qtbot, store_path, prompts)
    qtbot.waitUntil(lambda: not begun.window.isVisible(), timeout=5000)
    assert begun.exit_code == startup.EXIT_NO_STORE and begun.store is None
    assert QSettings().value("window/state") is None     # the saved layout is kept


def test_after_next_frame_waits_for_a_frame_and_not_forever(qtbot, window):
    """The log file is opened after the ready window's next frame; a window that paints
    none (minimised) still gets it, after the time limit."""
    called = []
    window.after_next_frame(lambda: called.append("painted"), latest_ms=60_000)
    assert called == []
    window.update()
    qtbot.waitUntil(lambda: called == ["painted"], timeout=3000)
    window.setUpdatesEnabled(False)               # no frame comes, as when minimised
    window.after_next_frame(lambda: called.append("late"), latest_ms=50)
    qtbot.wait(20)
    assert called == ["painted"]
    qtbot.waitUntil(lambda: called == ["painted", "late"], timeout=3000)
    window.setUpdatesEnabled(True)
    window.repaint()
    qtbot.wait(100)
    assert called == ["painted", "late"]          # each once only
