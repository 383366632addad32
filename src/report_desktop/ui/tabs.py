"""The tabs of a report (seven parts and the 台账).  Only 基本信息 is built at start-up; the others are
built the first time they are shown or used, which keeps the window quick to open."""
from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QTabBar, QTabWidget, QVBoxLayout, QWidget

from ..core import schema
from . import theme

TAB_KEYS = ("info", "overview", "active", "applications", "review_litigation", "register",
            "problems", "other")
TAB_LABELS = ("基本信息", schema.TEXTS["overview"], "二、主动公开", "三、依申请公开", "四、复议诉讼",
              "台账", "五、问题及改进", "六、其他事项")
REGISTER_KEY = "register"      # the 台账 behind 表三 and 表四 (ui/register/)
TEXT_KEYS = schema.PROSE_KEYS
GUIDANCE = {s.text: s.guidance for s in schema.SECTIONS if s.text}
TABLE_KEYS = tuple(s.table for s in schema.SECTIONS if s.table)
HEADINGS = {s.text or s.table: s.heading for s in schema.SECTIONS}


class LazyPages(Mapping):
    """key → page, each page made by ``tabs.page(key)`` on first access."""

    def __init__(self, tabs: "ReportTabs", keys: tuple[str, ...]):
        self._tabs, self._keys = tabs, keys

    def __getitem__(self, key: str):
        if key not in self._keys:
            raise KeyError(key)
        return self._tabs.page(key)

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def built(self) -> list:
        return [self._tabs.built[k] for k in self._keys if k in self._tabs.built]


# The widest usual state a label carries (progress.py): room for it is kept in every tab.
STATE_ROOM = " 提醒 88"


class SteadyTabBar(QTabBar):
    """Each tab as wide as its label with STATE_ROOM at least, so a state that changes
    while the clerk types (完成 → 错误 1 → 未填 12) leaves the tabs beside it in place.
    Seven such tabs and the 台账's (its label carries no state words, only a colour) fit a
    1024-pixel window; a three-digit count widens only its own tab."""

    _widths: dict[tuple[str, str], int] = {}     # (font@dpi, text) → width: asked on every relayout

    def tabSizeHint(self, index: int):
        hint = super().tabSizeHint(index)
        if 0 <= index < len(TAB_LABELS) and TAB_KEYS[index] != REGISTER_KEY:
            padding = hint.width() - self._width(self.tabText(index))
            hint.setWidth(max(hint.width(), padding + self._width(TAB_LABELS[index] + STATE_ROOM)))
        return hint

    def _width(self, text: str) -> int:
        """The width QTabBar measures ``text`` at (with its mnemonic) in the bar's font."""
        key = (f"{self.font().key()}@{self.logicalDpiX()}", text)
        width = self._widths.get(key)
        if width is None:
            from PySide6.QtCore import Qt
            width = self._widths[key] = self.fontMetrics().size(
                Qt.TextFlag.TextShowMnemonic, text).width()
        return width


class ReportTabs(QTabWidget):
    def __init__(self, make_page, parent=None):
        """make_page(key) returns the widget of a tab (called once per key)."""
        super().__init__(parent)
        self.setTabBar(SteadyTabBar(self))
        self.setDocumentMode(True)
        self.tabBar().setStyleSheet(theme.TAB_STYLE)     # labels carry states (progress.py)
        self._make_page = make_page
        self.built: dict[str, QWidget] = {}
        self.holders: dict[str, QWidget] = {}
        for key, label in zip(TAB_KEYS, TAB_LABELS):
            holder = QWidget(self)
            # Opaque (it paints the window's own background): a label that changes while the
            # clerk types lays the tab bar out and repaints the tab widget, but not the page
            # under the holder — its scroll bars and labels cost half a keystroke.
            holder.setAutoFillBackground(True)
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.holders[key] = holder
            self.addTab(holder, label)
        self.currentChanged.connect(lambda i: self.page(TAB_KEYS[i]) if i >= 0 else None)

    def page(self, key: str) -> QWidget:
        if key not in self.built:
            widget = self._make_page(key)
            self.built[key] = widget
            self.holders[key].layout().addWidget(widget)
        return self.built[key]

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.setCurrentWidget(self.holders[key])
        return page

    def current_key(self) -> str:
        return TAB_KEYS[self.currentIndex()]

    def current_page(self) -> QWidget:
        return self.page(self.current_key())
