"""Child of test_window_size.py: the window started as ``run()`` starts it, on an offscreen
screen of a given size (QT_QPA_PLATFORM=offscreen:configfile=…), measured, then closed
as the clerk closes it (so that it saves its place).

usage: python sized_window.py STORE SETTINGS_DIR RESULT.json [SHOT.png]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(store_path: str, settings: str, result: str, shot: str | None = None) -> int:
    from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from report_desktop.core import jsonio
    from report_desktop.core.store import Store
    from report_desktop.ui.app import application
    from report_desktop.ui.main_window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    app = application()

    def settle(ms: int = 200) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    fresh = not Path(store_path).exists()
    store = Store(Path(store_path))
    if fresh:
        store.save(jsonio.read(Path(__file__).parents[1] / "data" / "shuozhou-2024.json"))
    win = MainWindow.deferred()
    win.show()
    settle(200)
    win.populate(store)
    settle(300)
    ws = win.workspace
    screen = win.screen().availableGeometry()
    bar = win.statusBar()
    bar_rect = bar.rect().translated(bar.mapToGlobal(QPoint(0, 0)))
    out: dict = {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": list(win.frameGeometry().getRect()),
        "geometry": list(win.geometry().getRect()),
        "maximised": win.isMaximized(),
        "status_bar": list(bar_rect.getRect()),
        "status_bar_visible": bar.isVisible(),
    }
    info = ws.tabs.show_page("info")
    settle(100)
    out["info"] = {"height": info.height(), "needs": info.minimumSizeHint().height()}
    page = ws.tabs.show_page("active")
    settle(200)
    view = page.view
    header = view.model().index(1, 3)            # 现行有效件数, the last column's label
    cell = view.visualRect(header)
    out["active"] = {
        "hbar": view.horizontalScrollBar().isVisible(),
        "vbar": view.verticalScrollBar().isVisible(),
        "last_label_right": cell.right(), "viewport_width": view.viewport().width(),
        "rows": view.content_height(), "height": view.height(),
        "label": view.model().index(1, 3).data(),
    }
    if shot:
        win.grab().save(shot)
    win.close()
    settle(100)
    store.close()
    Path(result).write_text(json.dumps(out), encoding="utf-8")
    QApplication.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
