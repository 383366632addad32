"""The pictures of 使用说明, taken from the real window (run through tools/screenshots.py).

usage: python tools/screenshots.py --help-images

Starts Xvfb at 1366×768 (a township clerk's screen), builds a store with the sample 2024
report, its 2025 draft (从上一年创建) and a named version, and saves one picture per help
topic into src/report_desktop/resources/help/ (ui/help/topics.py names them): the whole
screen, scaled to 900 px wide, in 8-bit colour so the folder stays a few hundred KB.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from xscreen import run_on_screen  # noqa: E402
OUT = ROOT / "src" / "report_desktop" / "resources" / "help"
SIZE, WIDTH = "1366x768", 900


def main() -> int:
    return run_on_screen(":97", SIZE, [__file__, "--child"])


def child() -> int:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QDialog

    from report_desktop.core import jsonio, rollover
    from report_desktop.core.store import Store
    from report_desktop.ui.app import application
    from report_desktop.ui.help.topics import TOPICS
    from report_desktop.ui.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="help-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    app = application()
    screen = app.primaryScreen().availableGeometry()
    wanted = {t.image for t in TOPICS if t.image}
    made: set[str] = set()

    def settle(ms: int = 200) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shoot(name: str) -> None:
        settle(150)
        image = app.primaryScreen().grabWindow(0).toImage().scaledToWidth(
            WIDTH, Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_Indexed8,
                                      Qt.ImageConversionFlag.ThresholdDither)
        image.save(str(OUT / name), "PNG", 0)
        made.add(name)

    def with_modal(start, name: str, wait_s: float = 20.0) -> None:
        """start(); shoot the modal dialog or popup that opens, then close it."""
        done = []

        def poll() -> None:
            w = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if w is None:
                QTimer.singleShot(100, poll)
                return
            settle(400)
            shoot(name)
            w.reject() if isinstance(w, QDialog) else w.close()
            done.append(True)
        QTimer.singleShot(100, poll)
        QTimer.singleShot(0, start)
        deadline = time.monotonic() + wait_s
        while not done and time.monotonic() < deadline:
            settle(50)

    store = Store(tmp / "reports.sqlite3")
    seed = jsonio.read(ROOT / "tests" / "data" / "shuozhou-2024.json")
    sys.path.insert(0, str(ROOT))
    from tests.registers import from_tables
    seed.register = from_tables(seed)          # the 台账 behind its 表三/表四
    seed_id = store.save(seed)
    draft_id = store.save(rollover.from_previous(seed))
    store.save_snapshot(draft_id, "送审稿")
    store.set_setting("last_report_id", str(seed_id))
    win = MainWindow.deferred()
    if win.isMaximized():
        win.setGeometry(screen)
    win.show()
    settle(200)
    win.populate(store)
    settle(500)
    ws = win.workspace

    with_modal(ws.actions["new"].trigger, "new.png")
    ws.tabs.show_page("applications")
    shoot("tables.png")
    ws.tabs.show_page("register")
    shoot("register.png")
    ws.tabs.show_page("overview")
    shoot("text.png")
    bar = win.menuBar()
    file_menu = bar.actions()[0]
    at = bar.mapToGlobal(bar.actionGeometry(file_menu).bottomLeft())
    with_modal(lambda: file_menu.menu().popup(at), "export.png")
    with_modal(ws.actions["work_calendar"].trigger, "deadlines.png")   # no register here
    with_modal(ws.summary.open, "summary.png")
    ws.open_report(draft_id)
    settle(500)
    ws.tabs.show_page("active")
    shoot("check.png")
    ws.tabs.show_page("overview")
    shoot("rollover.png")
    with_modal(ws.actions["restore"].trigger, "versions.png")
    win.close()
    store.close()
    missing = wanted - made
    if missing:
        print("not made: " + ", ".join(sorted(missing)), file=sys.stderr)
    for stale in OUT.glob("*.png"):
        if stale.name not in wanted:
            stale.unlink()
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(child() if sys.argv[1:] == ["--child"] else main())
