"""The main window: report picker, the seven tabs, the findings panel, the status bar.

``MainWindow(store)`` builds the whole window at once (tests, the smoke test).  ``run()``
shows ``MainWindow.deferred()`` instead — only the frame (frame.py) — and calls
``populate(store)`` once that frame is on screen.  So this module imports only what the
frame needs; the rest is imported by ``populate`` and by the methods that use it.
"""
from __future__ import annotations

import logging

from PySide6.QtGui import QUndoGroup

from .. import APP_NAME
from .frame import WindowFrame
from .navigation import Navigation
from .prompts import Prompts
from .report_actions import ReportActions

log = logging.getLogger(__name__)
# Actions that need an open report.
REPORT_ACTIONS = ("from_previous", "export_word", "export_excel", "export_json", "snapshot",
                  "restore", "save", "delete")


class MainWindow(Navigation, ReportActions, WindowFrame):
    def __init__(self, store, prompts: Prompts | None = None):
        """The complete window on ``store``; with ``store=None`` only its frame (see deferred)."""
        super().__init__()
        self.store = None
        self.session = None
        self.prompts = prompts or Prompts(self)
        self.undo_group = QUndoGroup(self)
        self._build_frame()
        if store is not None:
            self.populate(store)

    @classmethod
    def deferred(cls, prompts: Prompts | None = None) -> "MainWindow":
        """The frame alone (title, size, menu bar, a placeholder), cheap enough to show
        before the rest of the program is imported; ``populate(store)`` completes it."""
        return cls(None, prompts)

    def populate(self, store) -> None:
        """Build the tabs, panels, menus and tool bar and open the last report."""
        from PySide6.QtCore import Qt

        from . import menus
        from .files import FileActions
        self.store = store
        self.files = FileActions(self)
        self._build()
        self.actions = menus.build(self)
        self._show_added_widgets()
        self.resizeDocks([self.findings], [120], Qt.Orientation.Vertical)
        self._restore_state()
        reports = store.list_reports()
        if reports:
            last = store.setting("last_report_id")
            ids = {r.id for r in reports}
            self.open_report(int(last) if last and last.isdigit() and int(last) in ids
                             else reports[0].id, reports=reports)
        else:
            self._show_welcome()
        self._become_ready()

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QProgressBar, QStackedWidget

        from .findings import FindingsPanel
        from .picker import ReportPicker
        from .tabs import TABLE_KEYS, TEXT_KEYS, LazyPages, ReportTabs
        self.stack = QStackedWidget(self)
        self.welcome = None          # built only for an empty store
        self.tabs = ReportTabs(self._make_page, self)
        self.pages = LazyPages(self.tabs, TABLE_KEYS)
        self.text_tabs = LazyPages(self.tabs, TEXT_KEYS)
        self.info = self.tabs.page("info")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)          # deletes the frame's placeholder
        self.findings = FindingsPanel(self)
        self.findings.activated.connect(self.go_to_finding)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings)
        self.picker = ReportPicker(self)
        self.picker.chosen.connect(self.open_report)
        bar = self.statusBar()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.counts = QLabel(self)
        self.saved = QLabel(self)
        for w in (self.busy, self.counts, self.saved):
            bar.addPermanentWidget(w)
        self.files.busyChanged.connect(self._busy)

    def _make_page(self, key: str):
        from .tabs import GUIDANCE, HEADINGS, TEXT_KEYS
        if key == "info":
            from .info_tab import InfoTab
            page = InfoTab(self)
            page.refused.connect(lambda m: self.prompts.warn("无法修改", m))
        elif key in TEXT_KEYS:
            from .text_tabs import TextTab
            page = TextTab(key, HEADINGS[key], GUIDANCE[key], self)
            if key == "other":
                page.feeRequested.connect(self.fee_helper)
        else:
            from .grid.page import GridPage
            page = GridPage(key, HEADINGS[key], key == "applications", self)
            page.view.message.connect(self.status)
            page.view.pasteRefused.connect(lambda m: self.prompts.warn("无法粘贴", m))
        if self.session is not None:
            page.set_session(self.session)
        return page

    # -- reports -------------------------------------------------------------------------
    def _show_welcome(self) -> None:
        if self.welcome is None:
            from .welcome import WelcomePage
            self.welcome = WelcomePage(self)
            self.welcome.createRequested.connect(self._create_first)
            self.welcome.importRequested.connect(lambda: self.files.import_file())
            self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.unit.setFocus()        # the first thing to type: the unit's name
        self.findings.hide()
        self.picker.set_reports([], None)   # after the last report was deleted: nothing left
        self.setWindowTitle(APP_NAME)
        self.counts.clear()
        self.saved.clear()
        for key in REPORT_ACTIONS:
            self.actions[key].setEnabled(False)

    def open_report(self, report_id: int, force: bool = False, reports=None) -> bool:
        """``reports``: store.list_reports() when the caller has just read it."""
        from ..core.store import StoreError
        from .session import Session
        if self.session is not None:
            if self.session.report_id == report_id and not force:
                return True
            self._close_session()
        try:
            session = Session(self.store, report_id, self)
        except StoreError as exc:
            self.prompts.warn("无法打开报告", str(exc))
            return False
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        for w in (*self.tabs.built.values(), self.findings):
            w.set_session(session)
        session.findingsChanged.connect(self._update_status)
        session.saveStateChanged.connect(self._update_status)
        session.located.connect(self.go_to)
        session.metaChanged.connect(self._meta_changed)
        session.storeFailed.connect(lambda m: self.prompts.warn("保存失败", m))
        self.stack.setCurrentWidget(self.tabs)
        self.findings.show()
        for key in REPORT_ACTIONS:
            self.actions[key].setEnabled(True)
        if self.store.setting("last_report_id") != str(report_id):   # no disk write at start
            self.store.set_setting("last_report_id", str(report_id))
        self._meta_changed(reports)
        self._update_status()
        return True

    def _close_session(self) -> None:
        session, self.session = self.session, None
        session.close()
        self.undo_group.removeStack(session.undo_stack)
        for w in (*self.tabs.built.values(), self.findings):
            w.set_session(None)
        session.deleteLater()

    def _meta_changed(self, reports=None) -> None:
        self.picker.set_reports(self.store.list_reports() if reports is None else reports,
                                self.session.report_id if self.session else None)
        if self.session is not None:
            rep = self.session.report
            self.setWindowTitle(f"{rep.unit} {rep.year}年 - {APP_NAME}")

    # -- saving --------------------------------------------------------------------------------
    def save_now(self) -> None:
        if self.session is not None and self.session.flush():
            self.status("已保存。所有修改都会自动保存，不需要手动保存。")

    def flush(self) -> None:
        if self.session is not None:
            self.session.flush()

    # -- status bar ----------------------------------------------------------------------------------
    def status(self, text: str, refusal: bool = False) -> None:
        bar = self.statusBar()
        bar.setStyleSheet("QStatusBar { color: #b3261e; }" if refusal else "")
        bar.showMessage(text, 10000 if refusal else 6000)

    def _update_status(self, *_args) -> None:
        from .session import FAILED, PENDING, WAITING
        if self.session is None:
            return
        errors, warnings = self.session.counts()
        colour = "#b3261e" if errors else ("#8a5a00" if warnings else "#2e7d32")
        self.counts.setText(f"<span style='color:{colour}'>错误 {errors} 个，提醒 {warnings} 个</span>")
        state = self.session.save_state
        self.saved.setText({PENDING: "正在保存…", FAILED: "<span style='color:#b3261e'>保存失败</span>",
                            WAITING: "<span style='color:#8a5a00'>数据文件被占用，正在重试…</span>"}
                           .get(state, "已自动保存"))

    def _busy(self, busy: bool) -> None:
        """A file is being written (exports wait) or read (a second import waits)."""
        self.busy.setVisible(busy)
        writing = bool(self.files.jobs)
        for key in ("export_word", "export_excel", "export_json"):
            self.actions[key].setEnabled(not writing and self.session is not None)
        self.actions["import"].setEnabled(self.files.reading is None)
        if writing:
            self.statusBar().showMessage("正在导出…")

    def _tab_changed(self, _index: int) -> None:
        if self.session is not None:
            self.session.flush()

    # -- help ---------------------------------------------------------------------------------------------
    def about(self) -> None:
        from . import menus
        self.prompts.info(f"关于{APP_NAME}", menus.about_text())

    def show_locations(self) -> None:
        from .logs import log_dir
        self.prompts.info("数据文件和日志位置", f"数据文件：\n{self.store.path}\n\n自动备份：\n"
                          f"{self.store.path.parent / 'backups'}\n\n日志：\n{log_dir()}")

    # -- closing --------------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self.session is not None and not self.session.flush():
            if not self.prompts.confirm("保存失败", "最近的修改还没能写入数据文件。仍然退出吗？",
                                        yes="仍然退出", no="不退出"):
                event.ignore()
                return
        self._save_layout()
        if self.session is not None:
            self._close_session()
        super().closeEvent(event)
