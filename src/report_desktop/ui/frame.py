"""The main window's frame: what the clerk sees from the very first frame.

Title, restored size and position, the menu bar and, until the report is open, a calm
placeholder.  This module imports nothing but a few Qt classes, so ``run()`` can show
the real main window right after QApplication and build the rest of it (``MainWindow
.populate``) once this frame is on screen.  It deliberately never touches the ``Qt``
namespace: PySide6 builds all of its enum classes (≈30 ms) on first use.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QPoint, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from .. import APP_NAME
from . import placement, theme

MENU_TITLES = {"file": "文件(&F)", "edit": "编辑(&E)", "check": "检查(&C)", "help": "帮助(&H)"}
OPENING = "正在打开数据文件…"
GEOMETRY_KEY, STATE_KEY = "window/geometry", "window/state"
# Our own record of the place: "x,y,w,h,maximised" of the normal geometry.  Qt's geometry blob
# is refused by restoreGeometry after a large screen change (Qt 6.11: 1024×768 → 1920×1080),
# which would make a window maximised on a laptop open as a first start on a big monitor.
PLACE_KEY = "window/place"
# Small enough for a 1024×768 screen at 150 % scaling (683×512 device-independent pixels).
MINIMUM = (640, 480)


class _Placeholder(QWidget):
    """The disabled central area shown until the report is open; calls ``painted()`` (a
    method of the window, which outlives it) once its first frame is on screen."""

    def __init__(self, painted, parent=None):
        super().__init__(parent)
        self.label = QLabel(OPENING, self)
        self.label.setStyleSheet(f"color: {theme.MUTED_FG.name()};")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.label)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(2)
        column.addLayout(row)
        column.addStretch(3)
        self.setEnabled(False)
        self._painted = painted

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._painted is not None:     # after this frame is flushed, not in the middle of it
            QTimer.singleShot(0, self._painted)
            self._painted = None


class _NextFrame(QObject):
    """Calls ``callback`` once ``window`` has painted (and flushed) its next frame, or after
    ``latest_ms`` if it paints none (a minimised window)."""

    def __init__(self, window, callback, latest_ms: int):
        super().__init__(window)
        self.callback = callback
        window.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._fire)

    def eventFilter(self, _watched, event) -> bool:
        if self.callback is not None and event.type() == event.Type.Paint:
            QTimer.singleShot(0, self, self._fire)    # after this frame is flushed
        return False

    def _fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            self.parent().removeEventFilter(self)
            self.deleteLater()
            callback()


def _saved_place(value: object) -> tuple[placement.Rect | None, bool]:
    """PLACE_KEY's value read back; (None, False) when missing or written by hand wrongly."""
    try:
        x, y, w, h, maximised = (int(part) for part in str(value).split(","))
    except ValueError:
        return None, False
    return placement.Rect(x, y, w, h), bool(maximised)


class WindowFrame(QMainWindow):
    """A QMainWindow that can be shown before it has content; MainWindow's base."""

    framePainted = Signal()    # the frame is on screen (deferred start only)
    ready = Signal()           # the window is complete: report open, checked, editable

    def _build_frame(self) -> None:
        self.is_ready = False
        self._early_keys: list = []   # QKeyEvent copies
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(*MINIMUM)
        bar = self.menuBar()
        self.menus = {key: bar.addMenu(title) for key, title in MENU_TITLES.items()}
        self.placeholder = _Placeholder(self.framePainted.emit, self)
        self.setCentralWidget(self.placeholder)
        self.statusBar()
        self._restore_geometry()

    def sizeHint(self) -> QSize:
        """Preferred size: what fits a 1366×768 screen with a task bar."""
        return super().sizeHint().boundedTo(QSize(1280, 680))

    # -- size, position and the layout of bars and panels --------------------------------
    def _restore_geometry(self) -> None:
        """The saved place fitted to the screen the window opens on (placement.py)."""
        saved, was_maximised = _saved_place(QSettings().value(PLACE_KEY))
        geometry = QSettings().value(GEOMETRY_KEY)
        if saved is None and isinstance(geometry, QByteArray) and not geometry.isEmpty() \
                and self.restoreGeometry(geometry):       # settings of an older version
            was_maximised = self.isMaximized() or self.isFullScreen()
            g = self.normalGeometry() if was_maximised else self.geometry()
            saved = placement.Rect(g.x(), g.y(), g.width(), g.height())
        screen = None
        if saved is not None:
            screen = QGuiApplication.screenAt(QPoint(saved.x + saved.w // 2, saved.y + saved.h // 2))
        screen = screen or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(*placement.PREFERRED)
            return
        a = screen.availableGeometry()
        rect, maximised = placement.fit(saved, was_maximised,
                                        placement.Rect(a.x(), a.y(), a.width(), a.height()))
        self.setGeometry(*rect)
        if maximised:
            from PySide6.QtCore import Qt     # its enums cost ms: only for a maximised start
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def _restore_state(self) -> None:
        """Tool bar and panel layout: only once they exist (restoreState ignores the rest)."""
        state = QSettings().value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def _save_layout(self) -> None:
        if self.is_ready:             # a frame closed early would forget the panel layout
            settings = QSettings()
            settings.setValue(GEOMETRY_KEY, self.saveGeometry())
            settings.setValue(STATE_KEY, self.saveState())
            maximised = self.isMaximized() or self.isFullScreen()
            g = self.normalGeometry() if maximised else self.geometry()
            settings.setValue(PLACE_KEY, f"{g.x()},{g.y()},{g.width()},{g.height()},{int(maximised)}")

    def _show_added_widgets(self) -> None:
        """Qt shows widgets added to a window already on screen one event-loop turn later;
        show them now, so that they can be sized, restored and focused in this turn."""
        if not self.isVisible():
            return
        from PySide6.QtCore import Qt
        explicit = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        # The window's own children (central widget, panels, tool bars) are the ones added
        # to a visible parent; showing them shows what they hold.  Deeper widgets were added
        # to hidden parents or are shown by their own (the status bar).  Not a walk of the
        # whole tree: wrapping its ≈130 widgets for Python costs ≈10 ms at start-up.
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not child.isVisible() and not child.isWindow() and not child.testAttribute(explicit):
                child.show()

    def after_next_frame(self, callback, latest_ms: int = 1000) -> None:
        """``callback()`` once the window's next frame is on screen (at the latest after
        ``latest_ms``; at once if it is not shown): work the clerk need not wait for, such
        as opening the log file, comes after the ready window is painted, not before."""
        if self.isVisible():
            _NextFrame(self, callback, latest_ms)
        else:
            callback()

    # -- becoming ready --------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        """Keys typed before the window is ready are kept and delivered once it is."""
        if self.is_ready:
            super().keyPressEvent(event)
            return
        from PySide6.QtGui import QKeyEvent   # its QEvent.Type enum costs ms: not at start
        self._early_keys.append(QKeyEvent(event.type(), event.key(), event.modifiers(),
                                          event.text(), event.isAutoRepeat(), event.count()))
        event.accept()

    def _become_ready(self) -> None:
        """Called last by populate(): focus as a freshly shown window has it, keys replayed."""
        self.placeholder = None       # replaced, and deleted, by the real central widget
        self.is_ready = True
        if self.isVisible() and self.focusWidget() is None:
            self.focusNextChild()     # what Qt does when a window without focus is activated
        keys, self._early_keys = self._early_keys, []
        target = QApplication.focusWidget() if self.isActiveWindow() else None
        for event in keys:
            QApplication.sendEvent(target or self, event)
        self.ready.emit()
