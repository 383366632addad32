"""The 汇总 dialog (文件 → 汇总各单位报告): the county 政府办 adds up its units' reports.

Choosing reports, files or the roster re-checks by itself a moment later; reading files,
checking and summing run on a pool thread (jobs.TaskJob) with a progress bar and 取消.
A cancelled or superseded run is dropped whole: only finished runs are shown or saved.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QSpinBox,
                               QSplitter, QVBoxLayout, QWidget)

from ...core import formats, summary, unitname
from ...core.files import ReportFileError
from ...core.report import FIRST_YEAR, LAST_YEAR
from ...core.store import StoreError
from .. import theme
from ...core.rollover import default_year
from ...core.unit_level import GOVERNMENT        # the level whose report a summary is
from ...services import summary as gather
from . import kept, save
from .footer import Footer
from .inputs import ReportsPanel, RosterPanel
from .results import ResultsPanel
from .runner import Runner

ROSTER_KEY = "summary_roster"
RECHECK_MS = 400


class SummaryDialog(QDialog):
    checked = Signal()     # a run ended: shown, cancelled or failed

    def __init__(self, ctx, files, parent=None):
        """``ctx``: the window's WindowContext; ``files``: its FileActions."""
        super().__init__(parent)
        self.ctx, self.files = ctx, files
        self.store, self.prompts = ctx.store, ctx.prompts
        self.outcome: gather.Outcome | None = None      # the last finished run
        self._then = None                                # what to do when the run finishes
        self.runner = Runner(self)
        self.runner.progressed.connect(lambda *a: self.footer.set_progress(*a))
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.setWindowTitle("汇总各单位报告")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._build()
        self._defaults()
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_MS, timeout=self.refresh)
        self._roster_timer = QTimer(self, singleShot=True, interval=RECHECK_MS,
                                    timeout=self.save_roster)
        self.unit.editTextChanged.connect(self._unit_or_year_changed)
        self.year.valueChanged.connect(self._unit_or_year_changed)
        self.reports.changed.connect(self._inputs_changed)
        self.reports.addFilesRequested.connect(lambda: self.add_files())
        self.reports.addFolderRequested.connect(lambda: self.add_folder())
        self.roster.changed.connect(self._roster_changed)
        self.roster.loadRequested.connect(lambda: self.load_roster())
        self.results.unitOpened.connect(self.open_unit)
        self.unit_dialog = None
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(1180, 680)     # fits a 1366×768 screen with a task bar

    def fit_screen(self) -> None:
        """Start at the preferred size, or at the screen's available room if that is smaller
        (1024×768: about 1000×690 inside the frame), the split shared in proportion."""
        screen = (self.parentWidget() or self).screen()
        room = screen.availableGeometry().size() - QSize(24, 48) if screen else self.sizeHint()
        size = self.sizeHint().boundedTo(room)
        self.resize(size)
        self.split.setSizes([size.width() * 4 // 9, size.width() * 5 // 9])

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.setMinimumContentsLength(22)
        self.unit.lineEdit().setPlaceholderText("例如：某某县人民政府")
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setSuffix(" 年")
        head = QHBoxLayout()
        head.addWidget(QLabel("汇总报告的单位：", self))
        head.addWidget(self.unit)
        head.addSpacing(16)
        head.addWidget(QLabel("统计年度：", self))
        head.addWidget(self.year)
        head.addStretch(1)
        intro = theme.hint_label("把各单位的年度报告逐格相加，得到本级政府的汇总数字；同时检查各单位的报告，"
                                 "核对应报单位名单，并与本级已有的报告比对。", self)
        self.reports = ReportsPanel(self)
        self.roster = RosterPanel(self)
        self.results = ResultsPanel(self)
        inputs = QWidget(self)       # ① over ②, beside ③: each list keeps its rows at 1024×768
        column = QVBoxLayout(inputs)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.reports, 3)
        column.addWidget(self.roster, 2)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        split.addWidget(inputs)
        split.addWidget(self.results)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        self.split = split
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        self.footer = Footer(self)
        layout.addWidget(self.footer)
        f = self.footer
        f.cancel_button.clicked.connect(self.cancel)
        f.recheck_button.clicked.connect(lambda: self.refresh())
        f.export_button.clicked.connect(lambda: self.export())
        f.generate_button.clicked.connect(self.generate)
        f.close_button.clicked.connect(self.reject)
        f.clear_button.clicked.connect(lambda: self.clear_inputs())

    def _defaults(self) -> None:
        """The target starts empty unless the open report is 本级政府's own: a township's or
        a department's report is never offered as the one the sums overwrite.  The list
        offers the store's government-level units."""
        infos = self.store.list_reports()
        session = self.ctx.session()
        current = session.report if session is not None else None
        governments = [i for i in infos if i.level == GOVERNMENT]
        self.unit.addItems(list(dict.fromkeys(i.unit for i in governments)))
        own = current is not None and current.level == GOVERNMENT
        self.unit.setCurrentIndex(-1)
        self.unit.setCurrentText(current.unit if own else "")
        self.year.setValue(current.year if current else governments[0].year if governments
                           else default_year())
        self.roster.set_names([n for n in (self.store.setting(ROSTER_KEY) or "").split("\n") if n])
        before = kept.load(self.store)       # what the clerk added last time, until 清空
        if not before.empty():
            self.unit.setCurrentText(before.unit)
            self.year.setValue(before.year or self.year.value())
            self.reports.add_paths(before.files)
        self._fill_stored()

    def unit_name(self) -> str:
        return unitname.display(self.unit.currentText())

    def _fill_stored(self) -> None:
        unit, year = self.unit_name(), self.year.value()
        self.reports.set_stored(gather.stored_candidates(self.store.list_reports(), unit, year), year)

    # -- inputs ------------------------------------------------------------------------
    def _unit_or_year_changed(self, *_args) -> None:
        self._fill_stored()
        self._inputs_changed()

    def _inputs_changed(self) -> None:
        """Whatever was running or asked for no longer matches: drop it, check again soon."""
        self.runner.stop()
        self._busy(False)
        self.results.setEnabled(False)      # greyed: about to be checked again
        self._then = None
        self._timer.start()

    def _roster_changed(self) -> None:
        self._roster_timer.start()
        if self.outcome is not None:
            self._show()

    def add_files(self, paths=None) -> int:
        if paths is None:
            names, _ = QFileDialog.getOpenFileNames(self, "添加各单位的报告文件",
                                                    str(self.files.folder()), formats.open_filter())
            paths = [Path(n) for n in names]
        if paths:
            self.files.remember(Path(paths[0]))
        return self.reports.add_paths(paths)

    def add_folder(self, folder=None) -> int:
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "添加文件夹中的全部报告文件",
                                                      str(self.files.folder()))
            if not folder:
                return 0
        folder = Path(folder)
        try:
            found = gather.files_in(folder)
        except OSError as exc:
            self.prompts.warn("无法打开文件夹", f"无法读取文件夹“{folder}”：{exc.strerror or exc}")
            return 0
        self.files.remember(folder)
        if not found:
            self.prompts.info("没有找到报告文件", f"文件夹“{folder.name}”中没有 Word、Excel 或 JSON 格式的报告文件。")
            return 0
        return self.reports.add_paths(found)

    def load_roster(self, path=None) -> bool:
        if path is None:
            path = self.prompts.open_path("载入应报单位名单", "文本文件 (*.txt);;所有文件 (*)",
                                          self.files.folder())
            if path is None:
                return False
        try:
            names = summary.read_roster(path)
        except ReportFileError as exc:
            self.prompts.warn("无法载入名单", str(exc))
            return False
        self.files.remember(Path(path))
        self.roster.set_names(names)
        self.save_roster()
        return True

    def save_roster(self) -> None:
        self._roster_timer.stop()
        try:
            self.store.set_setting(ROSTER_KEY, "\n".join(self.roster.names()))
        except StoreError:
            pass   # only a convenience; the roster on screen is still used

    def keep_inputs(self) -> None:
        kept.save(self.store, kept.Inputs(self.unit_name(), self.year.value(), self.reports.paths()))

    def clear_inputs(self, ask: bool = True) -> bool:
        """清空: the files, the unit and the roster go (here and in the data file)."""
        if not kept.clear(self, ask):
            return False
        self._inputs_changed()
        return True

    def roster_result(self):
        names = self.roster.names()
        return summary.check_roster(self.outcome.reports, names) if names and self.outcome else None

    # -- running -------------------------------------------------------------------------
    def idle(self) -> bool:
        """Nothing pending: no re-check waiting, no run in progress."""
        return not self._timer.isActive() and not self.runner.busy()

    def refresh(self, then=None) -> None:
        """Read and check now; ``then()`` runs after the run finishes (not if cancelled)."""
        self._timer.stop()
        self.runner.stop()
        self.outcome, self._then = None, then
        unit, year = self.unit_name(), self.year.value()
        self.keep_inputs()
        try:
            stored = [self.store.load(i) for i in self.reports.checked_ids()]
            parent = self.store.get(unit, year) if unit else None
        except StoreError as exc:
            self._busy(False)
            self.results.show_message(f"无法读取数据文件：{exc}")
            return
        self._busy(True, "正在核对…")
        self.runner.start(gather.Request(unit, year, stored, self.reports.paths(), parent))

    def cancel(self) -> None:
        self._timer.stop()
        self._then = self.outcome = None
        self.runner.stop()
        self._busy(False)
        self.results.show_message("已取消，数据文件没有任何改动。已读取的文件会被记住，点“重新核对”可以接着读取。")
        self.checked.emit()

    def _busy(self, busy: bool, text: str = "") -> None:
        self.footer.set_busy(busy, text)
        self.results.setEnabled(not busy)   # the last results stay readable, greyed

    def _finished(self, outcome: gather.Outcome) -> None:
        self._busy(False)
        self.outcome = outcome
        self._show()
        then, self._then = self._then, None
        self.checked.emit()
        if then is not None:
            then()

    def _failed(self, message: str) -> None:
        self._then = None
        self._busy(False)
        self.results.show_message(message)
        self.prompts.warn("核对时出错", message)
        self.checked.emit()

    def _show(self) -> None:
        unit, year = self.unit_name(), self.year.value()
        if not unit:
            note = "请先填写汇总报告的单位名称。"
        elif self.store.find(unit, year) is None:
            note = f"数据文件中还没有“{unit}”{year}年的报告，生成汇总时会新建。"
        else:
            note = "本级报告中还没有填写数字，无需比对。"
        self.results.show_outcome(self.outcome, self.roster_result(), note)

    def open_unit(self, index: int):
        """That unit's errors and 提醒 with their cells, beside the dialog (not modal)."""
        from .unit_findings import UnitFindingsDialog
        if self.outcome is None or not 0 <= index < len(self.outcome.checks):
            return None
        if self.unit_dialog is not None:
            self.unit_dialog.close()
        dlg = UnitFindingsDialog(self.outcome.checks[index], self.outcome.reports[index], self)
        room = self.size()
        dlg.resize(min(900, room.width() - 40), min(520, room.height() - 60))
        dlg.show()
        self.unit_dialog = dlg
        return dlg

    # -- actions -------------------------------------------------------------------------
    def generate(self) -> None:
        """生成汇总: check again (files may have changed), then save as the county's report."""
        self.refresh(then=lambda: save.generate(self))

    def export(self, path=None) -> None:
        """导出汇总: check again, then write the sum to a file."""
        self.refresh(then=lambda: save.export(self, path))

    def reject(self) -> None:
        """Esc, ✕ or 关闭: files added are kept for next time unless the clerk gives them up."""
        n = self.reports.files.count()
        if n and self.prompts.confirm(
                "关闭汇总", f"放弃已添加的 {n} 个文件？",
                "选“保留”，下次打开“汇总各单位报告”时，文件、汇总单位和名单都还在。",
                yes="放弃", no="保留"):
            self.clear_inputs(ask=False)
        super().reject()

    def done(self, result: int) -> None:
        self._timer.stop()
        self._then = None
        self.runner.stop()
        self.save_roster()
        self.keep_inputs()
        super().done(result)
