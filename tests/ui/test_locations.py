"""数据文件和日志位置: 打开文件夹 asks the system to open the folder (seen through a handler for
the file scheme), 复制路径 puts the path on the real clipboard."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication

from report_desktop.ui.logs import log_dir

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Opened(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url)


@pytest.fixture
def opened():
    handler = Opened()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def _in_dialog(qtbot, window, script):
    done = []

    def run():
        dialog = window.workspace.locations
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, run)
            return
        try:
            script(dialog)
        finally:
            done.append(True)
            dialog.reject()
    QTimer.singleShot(50, run)
    window.workspace.actions["where"].trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=10000)


def test_open_folder_opens_the_data_files_folder(qtbot, window, store, opened):
    notes = []

    def script(dialog):
        open_button, _copy = dialog.buttons["数据文件"]
        qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
        notes.append(dialog.note.text())
    _in_dialog(qtbot, window, script)
    assert [Path(u.toLocalFile()) for u in opened.urls] == [Path(store.path).parent]
    assert notes == ["已打开数据文件所在的文件夹。"]


def test_copy_path_puts_each_path_on_the_clipboard(qtbot, window, store):
    copied = []

    def script(dialog):
        for label in ("数据文件", "日志"):
            QGuiApplication.clipboard().clear()
            qtbot.mouseClick(dialog.buttons[label][1], Qt.MouseButton.LeftButton)
            copied.append(QGuiApplication.clipboard().text())
    _in_dialog(qtbot, window, script)
    assert copied[0] == str(store.path)
    assert copied[1] == str(log_dir())


def test_a_folder_not_made_yet_cannot_be_opened_and_says_why(qtbot, window, store, opened):
    states = []

    def script(dialog):
        open_button, _copy = dialog.buttons["自动备份"]
        states.append((open_button.isEnabled(), open_button.toolTip()))
        qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    backups = Path(store.backup_dir)
    assert not backups.exists()            # a new data file: no backup yet
    _in_dialog(qtbot, window, script)
    assert states == [(False, "这个文件夹还没有建立（第一次用到时自动建立）")]
    assert opened.urls == []
    assert QApplication.activeModalWidget() is None
