"""The seven tabs of a report.  Only 基本信息 is built at start-up; the others are
built the first time they are shown or used, which keeps the window quick to open."""
from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..core import schema

TAB_KEYS = ("info", "overview", "active", "applications", "review_litigation", "problems", "other")
TAB_LABELS = ("基本信息", "一、总体情况", "二、主动公开", "三、依申请公开", "四、复议诉讼",
              "五、问题及改进", "六、其他事项")
TEXT_KEYS = ("overview", "problems", "other")
TABLE_KEYS = ("active", "applications", "review_litigation")

GUIDANCE = {
    "overview": "综述本机关贯彻落实《条例》的情况，一般包括主动公开、依申请公开、政府信息管理、"
                "政府信息公开平台建设、监督保障等方面。正文中的申请、复议、诉讼数字应与表三、表四一致。",
    "problems": "写明本年度政府信息公开工作存在的主要问题和改进措施，以及上年度问题的改进情况。",
    "other": "写明收取信息处理费的情况（发出收费通知的件数和总金额、实际收取的总金额），"
             "以及本机关认为需要报告的其他事项。",
}
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


class ReportTabs(QTabWidget):
    def __init__(self, make_page, parent=None):
        """make_page(key) returns the widget of a tab (called once per key)."""
        super().__init__(parent)
        self.setDocumentMode(True)
        self._make_page = make_page
        self.built: dict[str, QWidget] = {}
        self.holders: dict[str, QWidget] = {}
        for key, label in zip(TAB_KEYS, TAB_LABELS):
            holder = QWidget(self)
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
