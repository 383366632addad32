"""The 台账 tab: the applications (依申请公开) and the cases (复议诉讼) behind 表三 and
表四, each in a grid with a filter, the buttons that import, export and fill the tables,
and a line that says what the register counts."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QProgressBar,
                               QPushButton, QTabWidget, QVBoxLayout, QWidget)

from ...core.register import APPLICATION, CASE, CountingSettings, explanation
from ...core.register.settings import SETTING_TITLES
from .. import theme
from ..session import follow
from .filtering import choices
from .model import RegisterModel
from .view import RegisterView

KINDS = (APPLICATION, CASE)
SHORT_PAGE = 560     # px: below this the tip above the grid gives way to rows
SUB_LABELS = {APPLICATION: "依申请公开", CASE: "复议诉讼"}
TIP = ("每行一件申请或案件：直接输入，回车下移，Tab 右移；可从 Excel 复制粘贴整块；在最后一行（“新”）输入即新增。"
       "办理结果、申请人类别可从列表中选择，也可直接输入。黄色为未能计入表格的记录，鼠标停留可看原因。")


class KindPane(QWidget):
    """One register: the filter row and the grid."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.model = RegisterModel(kind, self)
        self.view = RegisterView(self.model, self)
        self.words = QLineEdit(self)
        self.words.setPlaceholderText("筛选：编号、申请人、内容、日期…" if kind == APPLICATION
                                      else "筛选：案号、决定内容、日期…")
        self.words.setClearButtonEnabled(True)
        self.choice = QComboBox(self)
        for label, value in choices(kind):
            self.choice.addItem(label, value)
        self.choice.setMinimumContentsLength(10)
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.shown = QLabel(self)
        self.shown.setStyleSheet(theme.MUTED_TEXT_STYLE)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.words, 3)
        row.addWidget(self.choice, 2)
        row.addWidget(self.shown, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.words.textChanged.connect(lambda t: self._filter(words=t))
        self.choice.currentIndexChanged.connect(lambda _i: self._filter(choice=self.choice.currentData()))
        self.model.modelReset.connect(self._count)
        self.model.rowsInserted.connect(self._count)
        self.model.rowsRemoved.connect(self._count)
        self.model.dataChanged.connect(self._count)

    def _filter(self, words: str | None = None, choice=False) -> None:
        self.view.proxy.set_filter(words, choice)
        self._count()

    def clear_filter(self) -> None:
        self.words.clear()
        self.choice.setCurrentIndex(0)

    def show_flagged(self) -> None:
        self.words.clear()
        self.choice.setCurrentIndex(1)

    def _count(self, *_args) -> None:
        total = self.model.rowCount() - 1 if self.model.session is not None else 0
        shown = self.view.proxy.rowCount() - 1 if self.model.session is not None else 0
        self.shown.setText(f"显示 {shown} / {total} 件" if self.view.proxy.active()
                           else f"共 {max(total, 0)} 件")


class RegisterPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.panes = {k: KindPane(k, self) for k in KINDS}
        title = theme.heading_label("台账（依申请公开、复议诉讼）", self)
        title.setToolTip(TIP)
        self.tip = theme.hint_label(TIP, self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.import_button = QPushButton("导入台账…", self)
        self.export_button = QPushButton("导出台账", self)
        menu = QMenu(self.export_button)
        self.export_full = menu.addAction("导出台账（.xlsx）…")
        self.export_plain = menu.addAction("导出台账（不含个人信息）…")
        self.export_explanation = menu.addAction("导出统计口径说明…")
        self.export_button.setMenu(menu)
        self.settings_button = QPushButton("统计口径…", self)
        self.fill_button = QPushButton("按台账填写表三、表四", self)
        self.fill_button.setToolTip("把表三、表四中与台账计数不同的数字改为台账计数（一步，可撤销）")
        self.delete_button = QPushButton("删除所选记录", self)
        bar = QHBoxLayout()
        for b in (self.import_button, self.export_button, self.settings_button,
                  self.fill_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        # An import in progress: what is being read, how far, and 取消.
        self.busy = QWidget(self)
        self.busy_label = QLabel(self.busy)
        self.busy_bar = QProgressBar(self.busy)
        self.cancel_button = QPushButton("取消", self.busy)
        busy = QHBoxLayout(self.busy)
        busy.setContentsMargins(0, 0, 0, 0)
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar, 1)
        busy.addWidget(self.cancel_button)
        self.busy.hide()
        self.sub = QTabWidget(self)
        self.sub.setDocumentMode(True)
        for k in KINDS:
            self.sub.addTab(self.panes[k], SUB_LABELS[k])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(title)
        layout.addWidget(self.tip)
        layout.addLayout(bar)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.sub, 1)

    # -- binding ------------------------------------------------------------------------------
    def set_session(self, session) -> None:
        follow(self.session, session, registerChanged=self.refresh, metaChanged=self.refresh)
        self.session = session
        for pane in self.panes.values():
            pane.model.set_session(session)
        self.refresh()

    def views(self) -> list[RegisterView]:
        return [p.view for p in self.panes.values()]

    def current_kind(self) -> str:
        return KINDS[self.sub.currentIndex()]

    def show_kind(self, kind: str) -> KindPane:
        self.sub.setCurrentWidget(self.panes[kind])
        return self.panes[kind]

    def flagged_first(self) -> None:
        """Show the rows the tally could not count, applications first."""
        counted = self.session.tally() if self.session is not None else None
        lost = counted.unclassified if counted is not None else ()
        kind = lost[0].kind if lost else self.current_kind()
        self.show_kind(kind).show_flagged()
        self.panes[kind].view.setFocus()

    def go_to_row(self, kind: str, row: int) -> bool:
        return self.show_kind(kind).view.go_to_row(row)

    def refresh(self) -> None:
        session = self.session
        reg = session.report.register if session is not None else None
        for i, k in enumerate(KINDS):
            n = len(reg.rows(k)) if reg is not None else 0
            self.sub.setTabText(i, f"{SUB_LABELS[k]}（{n}）")
        for b in (self.export_button, self.fill_button, self.delete_button):
            b.setEnabled(reg is not None)
        self.summary.setText(self._summary())
        settings = reg.settings if reg is not None else CountingSettings()
        changed = [n for n in SETTING_TITLES if getattr(settings, n) != getattr(CountingSettings(), n)]
        self.settings_button.setText(f"统计口径（{'改动 ' + str(len(changed)) + ' 项' if changed else '默认'}）…")
        self.settings_button.setToolTip("\n".join(explanation(settings)[-len(SETTING_TITLES):]))

    def resizeEvent(self, event) -> None:
        """On a short screen the rows need the room more than the tip (the heading's tool
        tip still gives it), as on the table tabs."""
        super().resizeEvent(event)
        self.tip.setVisible(self.height() >= SHORT_PAGE)

    def _summary(self) -> str:
        counted = self.session.tally() if self.session is not None else None
        if counted is None:
            return ("还没有台账。可以“导入台账…”（Excel 或 CSV），或在下面直接录入；"
                    "有了台账，表三、表四即可按台账计数填写和核对。")
        c = counted.cells
        year = counted.year
        text = (f"按{year}年度统计：本年新收 {c['applications.new.total']} 件，"
                f"上年结转 {c['applications.carried_over.total']} 件，"
                f"办结 {c['applications.total.total']} 件，"
                f"结转下年度 {c['applications.carry_forward.total']} 件；"
                f"复议 {c['review_litigation.review.total']} 件，"
                f"诉讼 {c['review_litigation.direct.total'] + c['review_litigation.after_review.total']} 件。")
        if counted.unclassified:
            text += (f"<span style='color:{theme.WARNING_FG.name()}'>另有 {len(counted.unclassified)} "
                     "条记录未能归类，没有计入（黄色行，可用筛选“未能归类或有问题的”查看）。</span>")
        return text
