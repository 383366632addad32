"""Keys of the whole window, whatever field has the focus.

Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PgDn / Ctrl+PgUp change tabs from anywhere (a grid
would read Ctrl+Tab as "next cell", a text editor keeps it).  The commands' shortcuts
(Ctrl+E 导出 Word …) win over a field's own use of the key: a line edit or a date box
takes Ctrl+E as "end of line" on Linux and swallows it.  The editing keys (Ctrl+C, Ctrl+V,
Ctrl+X, Ctrl+Z, Ctrl+Y: the commands declared ``field_key``) stay with the field.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from .actions import COMMANDS

NEXT_TAB = ("Ctrl+Tab", "Ctrl+PgDown")
PREVIOUS_TAB = ("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+Backtab", "Ctrl+PgUp")


def _text(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


class WindowKeys(QObject):
    def __init__(self, window, tabs, actions: dict, parent=None):
        super().__init__(parent or window)
        self.window, self.tabs, self.actions = window, tabs, actions
        for keys, step in ((NEXT_TAB, 1), (PREVIOUS_TAB, -1)):
            shortcut = QShortcut(window)
            shortcut.setKeys([QKeySequence(k) for k in keys])
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda step=step: self.switch(step))
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def switch(self, step: int) -> None:
        """The next (previous) tab, the keyboard in it."""
        tabs = self.tabs
        if not tabs.isVisible():        # the welcome page: no report, no tabs to change
            return
        tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
        page = tabs.current_page()
        target = next((w for w in (getattr(page, "view", None), getattr(page, "editor", None),
                                   getattr(page, "unit", None)) if w is not None), page)
        if tabs.currentWidget().isAncestorOf(target):    # not when a refused entry held it back
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _window_keys(self) -> set[str]:
        """The sequences the window itself answers (read each time: actions can be added)."""
        keys = {_text(QKeySequence(k)) for k in NEXT_TAB + PREVIOUS_TAB}
        for name, action in self.actions.items():
            if not COMMANDS[name].field_key and action.isEnabled():
                keys.update(_text(s) for s in action.shortcuts())
        return keys

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False            # a dialog's fields keep their keys
        pressed = _text(QKeySequence(event.keyCombination()))
        if pressed in self._window_keys():
            event.ignore()          # not the field's: the window's shortcut runs
            return True
        return False
