"""Everything of the main window past its frame: the tabs, the findings panel, the report
picker, the status line, the open report (a Session) and the parts that act on it —
navigation, file actions, report actions, the summary — each given what it needs.

MainWindow (main_window.py) shows its frame first and imports this module once that
frame is on screen: it is the one boundary between "on screen at once" and "the rest".
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QStackedWidget

from .. import APP_NAME
from ..core.store import Store, StoreError
from . import menus, theme
from .actions import COMMANDS, Needs, Tool, bind, command, enabled
from .context import WindowContext
from .file_actions import FileActions
from .final_actions import FinalActions
from .findings_panel import FindingsPanel
from .grid.entries import GridEntries
from .logs import log_dir
from .navigation import Navigation
from .pages import make_page
from .picker import ReportPicker
from .progress import Progress
from .printing.print_commands import PrintCommands
from .prompts import Prompts
from .report_actions import ReportActions
from .session import Session, save_status
from .summary.launcher import SummaryLauncher
from .tabs import TAB_KEYS, TABLE_KEYS, TEXT_KEYS, LazyPages, ReportTabs
from .toolbar_levels import LevelTools
from .web import WebActions
from .window_keys import WindowKeys

log = logging.getLogger(__name__)
LAST_TAB_KEY = "last_tab"


class Workspace(QObject):
    def __init__(self, window, store: Store, prompts: Prompts):
        super().__init__(window)
        self.window, self.store, self.prompts = window, store, prompts
        self.session: Session | None = None
        self.welcome = None          # built only for an empty store
        self.locations: QDialog | None = None    # 数据文件和日志位置 while it is open
        self.help: QDialog | None = None         # 使用说明 while it is open
        self.undo_group = QUndoGroup(self)
        self.ctx = WindowContext(store, prompts, window.status, lambda: self.session,
                                 self.open_report, self.close_report, self.show_welcome,
                                 window.isVisible)
        self._build_widgets()
        self.navigation = Navigation(self.tabs, self.findings, lambda: self.session, window.status)
        self.files = FileActions(self.ctx, self)
        self.reports = ReportActions(self.ctx, lambda: self.tabs.setCurrentIndex(0),
                                     lambda key, text: self.text_tabs[key].editor.insert_block(text))
        self.summary = SummaryLauncher(self.ctx, self.files, window)
        self.web = WebActions(self.ctx, self.files, self)
        self.finals = FinalActions(self.ctx, self.files, self)
        self.finals.stateChanged.connect(self.final_state.setText)
        self.web.stamp_of = self.finals.current_stamp
        self.printing = PrintCommands(self.ctx, window, self)
        self.entries = GridEntries(self.tabs, lambda: self.session, prompts, window.status, self)
        from .register.register_actions import RegisterActions
        self.registers = RegisterActions(self.ctx, self.tabs, self.entries.commit_open_editors,
                                         self.files.folder, self.files.remember, self)
        self.findings.activated.connect(self.navigation.go_to_finding)
        self.progress = Progress(self.tabs, window.statusBar(), self.navigation.go_to_finding,
                                 self.navigation.go_to, self)
        self.files.busyChanged.connect(self._busy)
        handlers = bind((self, self.reports, self.files, self.navigation, self.summary, self.web,
                         self.finals, self.printing, self.entries, self.registers),
                        self.entries.commit_open_editors)
        self.actions = menus.build(window, handlers, self.undo_group, self.picker, self.findings)
        self.level_tools = LevelTools(window, self.actions)   # 汇总 for 本级政府 only
        self.keys = WindowKeys(window, self.tabs, self.actions, self)   # from any field

    def _build_widgets(self) -> None:
        win = self.window
        self.stack = QStackedWidget(win)
        self.tabs = ReportTabs(lambda key: make_page(key, self), win)
        self.pages = LazyPages(self.tabs, TABLE_KEYS)
        self.text_tabs = LazyPages(self.tabs, TEXT_KEYS)
        self.info = self.tabs.page("info")
        self.tabs.currentChanged.connect(lambda _i: self.flush())
        self.stack.addWidget(self.tabs)
        win.setCentralWidget(self.stack)          # deletes the frame's placeholder
        self.findings = FindingsPanel(win)
        win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings)
        self.picker = ReportPicker(win)
        self.picker.chosen.connect(self.open_report)
        bar = win.statusBar()
        self.busy = QProgressBar(win)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.counts = QLabel(win)
        self.saved = QLabel(win)
        self.final_state = QLabel(win)     # 定稿第N版（已修改）
        self.final_state.setToolTip("本报告的定稿版本。“已修改”表示定稿后又改过："
                                    "导出 Word 文档时再标记为定稿，即成为新的版本。")
        for w in (self.busy, self.final_state, self.counts, self.saved):
            bar.addPermanentWidget(w)

    # -- commands of the window itself (the others are its parts': actions.bind) ---------------
    @command("undo", "撤销", ("edit", 1, 10), keys=("Undo",), tool=Tool("撤销", 2, 10),
             needs=Needs.UNDO_STEP, typed_first=True, field_key=True)
    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()      # a 定稿 asks first (ui/final_actions.py)

    @command("redo", "重做", ("edit", 1, 20), keys=("Ctrl+Y", "Redo"), tool=Tool("重做", 2, 20),
             needs=Needs.REDO_STEP, typed_first=True, field_key=True)
    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    @command("quit", "退出(&X)", ("file", 7, 10), keys=("Quit",))
    def quit(self) -> None:
        self.window.close()

    def size_panels(self) -> None:
        """The findings panel's first height (a restored layout overrides it): five rows on a
        768-pixel screen, more on a taller one, never at the editor's expense."""
        height = max(120, self.window.height() * 18 // 100)
        self.window.resizeDocks([self.findings], [height], Qt.Orientation.Vertical)

    def open_last(self) -> None:
        """The report the clerk had open last time, else the first one, else the welcome page."""
        reports = self.store.list_reports()
        if not reports:
            self.show_welcome()
            return
        last = self.store.setting("last_report_id")
        ids = {r.id for r in reports}
        self.open_report(int(last) if last and last.isdigit() and int(last) in ids
                         else reports[0].id, reports=reports)
        tab = self.store.setting(LAST_TAB_KEY)
        if tab in TAB_KEYS and tab != self.tabs.current_key():
            self.tabs.show_page(tab)            # where the clerk was when she closed it

    # -- the open report --------------------------------------------------------------------
    def show_welcome(self) -> None:
        if self.welcome is None:
            from .welcome import WelcomePage     # an empty store only: not at every start
            self.welcome = WelcomePage(self.window)
            self.welcome.createRequested.connect(self.reports.create_report)
            self.welcome.importRequested.connect(lambda: self.files.import_file())
            self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.unit.setFocus()        # the first thing to type: the unit's name
        self.findings.hide()
        self.picker.set_reports([], None)   # after the last report was deleted: nothing left
        self.window.setWindowTitle(APP_NAME)
        self.counts.clear()
        self.saved.clear()
        self.final_state.clear()
        self.progress.update(None)
        self._enable_commands()
        self.level_tools.show_for(None)

    def _enable_commands(self) -> None:
        """Each command enabled as its declaration asks (actions.Needs), for the window now."""
        have = Needs.NOTHING
        if self.session is not None:
            have |= Needs.REPORT
        if not self.files.jobs:
            have |= Needs.NOT_WRITING
        if self.files.reading is None:
            have |= Needs.NOT_READING
        for key, spec in COMMANDS.items():
            state = enabled(spec, have)
            if state is not None:
                self.actions[key].setEnabled(state)

    def open_report(self, report_id: int, force: bool = False, reports=None) -> bool:
        """``reports``: store.list_reports() when the caller has just read it."""
        if self.session is not None:
            if self.session.report_id == report_id and not force:
                return True
            if not self.entries.commit_open_editors():
                return False            # the clerk is correcting a refused entry
            self.close_report()
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
        session.located.connect(self.navigation.go_to)
        session.metaChanged.connect(self._meta_changed)
        session.aboutToFlush.connect(self.entries.commit_open_editors)
        session.storeFailed.connect(lambda m: self.prompts.warn("保存失败", m))
        session.findingsChanged.connect(self.finals.refresh)
        self.finals.follow(session)
        self.stack.setCurrentWidget(self.tabs)
        self.findings.show()
        self._enable_commands()
        if self.store.setting("last_report_id") != str(report_id):   # no disk write at start
            self.store.set_setting("last_report_id", str(report_id))
        self._meta_changed(reports)
        self._update_status()
        return True

    def close_report(self) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        self._remember_tab()
        session.close()
        self.finals.follow(None)
        self.final_state.clear()
        self.undo_group.removeStack(session.undo_stack)
        for w in (*self.tabs.built.values(), self.findings):
            w.set_session(None)
        session.deleteLater()

    def _remember_tab(self) -> None:
        """The tab in use, for the next start (written only when it changed)."""
        key = self.tabs.current_key()
        try:
            if self.store.setting(LAST_TAB_KEY) != key:
                self.store.set_setting(LAST_TAB_KEY, key)
        except StoreError:
            log.info("last tab not remembered", exc_info=True)   # a read-only data file

    def _meta_changed(self, reports=None) -> None:
        self.picker.set_reports(self.store.list_reports() if reports is None else reports,
                                self.session.report_id if self.session else None)
        if self.session is not None:
            rep = self.session.report
            self.window.setWindowTitle(f"{rep.unit} {rep.year}年 - {APP_NAME}")
            self.level_tools.show_for(rep.level)

    # -- saving and the status line ----------------------------------------------------------
    @command("save", "保存(&S)", ("file", 5, 10), keys=("Save",), needs=Needs.REPORT,
             tip="所有修改都会自动保存；此命令立即写入并确认")
    def save_now(self) -> None:
        if self.session is not None and self.session.flush():
            self.window.status("已保存。所有修改都会自动保存，不需要手动保存。")

    def flush(self) -> bool:
        """Write pending edits; True when everything is in the store."""
        return self.session is None or self.session.flush()

    def _update_status(self, *_args) -> None:
        if self.session is None:
            return
        self.progress.update(self.session)
        left = self.progress.state             # the counts of the panel and the tabs
        if left is not None:
            colour = theme.severity_colour(len(left.errors) + len(left.blanks), len(left.warnings))
            self.counts.setText(f"<span style='color:{colour}'>{left.counts()}</span>")
        self.saved.setText(save_status(self.session.save_state))

    def _busy(self, busy: bool) -> None:
        """A file is being written (exports wait) or read (a second import waits)."""
        self.busy.setVisible(busy)
        self._enable_commands()
        if self.files.jobs:
            self.window.statusBar().showMessage("正在导出…")

    # -- help ---------------------------------------------------------------------------------
    @command("about", f"关于{APP_NAME}(&A)", ("help", 2, 10))
    def about(self) -> None:
        self.prompts.info(f"关于{APP_NAME}", menus.about_text())

    @command("work_calendar", "工作日日历(&K)…", ("check", 2, 30),
             tip="各年的法定节假日和调休上班日（按国务院办公厅通知），新一年的通知发布后在此录入")
    def edit_calendar(self) -> None:
        """工作日日历: the shipped years and the clerk's, saved as she clicks."""
        from ..core import calendar as work_days
        from ..services import calendar as store_calendar
        try:
            entered = store_calendar.entered(self.store)
        except work_days.CalendarDataError as err:
            entered = {}
            self.prompts.info("工作日日历", f"{err}。本机录入的年份无法读取，程序自带的年份不受影响。")
        self.prompts.work_calendar(work_days.shipped().years, entered,
                                   lambda year: store_calendar.save_year(self.store, year),
                                   lambda year: store_calendar.remove_year(self.store, year))
        if self.session is not None:
            self.session.reload_calendar()      # S17 counts with the years just entered

    @command("answer_times", "答复期限(&Q)…", ("check", 2, 10), needs=Needs.REPORT,
             tip="列出台账中超过法定期限答复和延期答复的申请（按工作日计算）")
    def show_answer_times(self) -> None:
        """答复期限: the register's late and extended applications, counted by the store's
        working-day calendar (the figures S17 and the drafted sentence of 五 use)."""
        from ..core.register.answer_time import answer_times
        if self.session is None:
            return
        rep = self.session.report
        if rep.register is None or not rep.register.applications:
            self.prompts.info("答复期限", "先导入依申请公开台账：本报告没有台账，无法计算答复期限。")
            return
        self.prompts.answer_times(answer_times(rep.register, rep.year, self.session.calendar))

    @command("help", "使用说明(&H)", ("help", 1, 10), keys=("HelpContents",))
    def show_help(self) -> None:
        from .help.dialog import HelpDialog
        dialog = self.help = HelpDialog(self.window)   # kept while open: the tests click topics
        dialog.exec()
        self.help = None

    @command("where", "数据文件和日志位置(&D)", ("help", 1, 20))
    def show_locations(self) -> None:
        from .dialogs.locations import LocationsDialog
        path = Path(self.store.path)
        dialog = self.locations = LocationsDialog(     # kept while open: the tests press buttons
            [("数据文件", path, path.parent),
             ("自动备份", Path(self.store.backup_dir), Path(self.store.backup_dir)),
             ("日志", Path(log_dir()), Path(log_dir()))], self.window)
        dialog.exec()
        self.locations = None
