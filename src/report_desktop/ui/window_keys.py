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


def _sequence(text: str) -> QKeySequence:
    # Parsed as portable text: the native parse asks the translators for every key name
    # (a thousand calls into Python per parse), and this runs on every key press.
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)


_TAB_SEQUENCES = [_sequence(k) for k in NEXT_TAB + PREVIOUS_TAB]
_PORTABLE = QKeySequence.SequenceFormat.PortableText


def _text(seq: QKeySequence) -> str:
    return seq.toString(_PORTABLE)


class WindowKeys(QObject):
    def __init__(self, window, tabs, actions: dict, parent=None):
        super().__init__(parent or window)
        self.window, self.tabs, self.actions = window, tabs, actions
        self._keys: frozenset[str] | None = None      # _window_keys(), while still true
        self._watched: set = set()                    # the actions whose changes void it
        self._counted = 0                             # how many actions it was made from
        for keys, step in ((NEXT_TAB, 1), (PREVIOUS_TAB, -1)):
            shortcut = QShortcut(window)
            shortcut.setKeys([_sequence(k) for k in keys])
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

    def _is_window_key(self, pressed: QKeySequence) -> bool:
        """Whether the window itself answers ``pressed``."""
        return pressed.toString(_PORTABLE) in self._window_keys()

    def _window_keys(self) -> frozenset[str]:
        """The sequences the window answers, worked out again once an action changes
        (switched on or off, another shortcut) or is added: asked on every key press, as
        each field up the focus chain is offered the key."""
        if self._keys is None or self._counted != len(self.actions):
            self._counted = len(self.actions)
            for action in self.actions.values():
                if action not in self._watched:
                    self._watched.add(action)
                    action.changed.connect(self._forget)
            keys = {_text(s) for s in _TAB_SEQUENCES}
            for name, action in self.actions.items():
                declared = COMMANDS.get(name)      # None: an action not declared as a command
                if not (declared is not None and declared.field_key) and action.isEnabled():
                    keys.update(_text(s) for s in action.shortcuts())
            self._keys = frozenset(keys)
        return self._keys

    def _forget(self) -> None:
        self._keys = None

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False            # a dialog's fields keep their keys
        if self._is_window_key(QKeySequence(event.keyCombination())):
            event.ignore()          # not the field's: the window's shortcut runs
            return True
        return False
