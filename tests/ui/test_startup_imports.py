"""What start-up does not load: the window is ready (last report open, checked, painted)
without python-docx, openpyxl, the 汇总 dialog, the welcome page or the grid of a table
tab it does not show — each is imported when first used.  In a subprocess: a fresh
interpreter is the only honest sys.modules."""
import json
import os
import subprocess
import sys

from report_desktop.core.store import Store

_CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from report_desktop.ui import app, main_window

watched = ["docx", "openpyxl", "report_desktop.core.html.writer", "report_desktop.ui.summary.view",
           "report_desktop.ui.welcome", "report_desktop.ui.grid.page"]
seen = {}
_populate = main_window.MainWindow.populate
def populate(self, store):
    _populate(self, store)
    seen["loaded"] = [m for m in watched if m in sys.modules]
    seen["tab"] = self.workspace.tabs.currentIndex()
    seen["title"] = self.windowTitle()
    self.workspace.actions["summary"].trigger()        # used: now it is imported
    seen["after_summary"] = "report_desktop.ui.summary.view" in sys.modules
    QTimer.singleShot(0, self.close)
main_window.MainWindow.populate = populate
code = app.run(sys.argv[1])
print(json.dumps(seen))
sys.exit(code)
"""


def test_ready_window_has_not_loaded_what_it_does_not_show(tmp_path, seed_report):
    db = tmp_path / "reports.sqlite3"
    with Store(db) as store:
        store.save(seed_report)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "s"),
               XDG_CONFIG_HOME=str(tmp_path / "c"), XDG_DATA_HOME=str(tmp_path / "d"))
    done = subprocess.run([sys.executable, "-c", _CHILD, str(db)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seed_report.unit in seen["title"] and seen["tab"] == 0     # 基本信息, the report open
    assert seen["loaded"] == []
    assert seen["after_summary"]
