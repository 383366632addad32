"""A statistics tab: the section heading, a one-line legend and the grid."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from .. import theme

from ...core import schema
from ...core.table_slots import spec_for
from ...core.severity import Severity
from ..session import follow
from .model import GridModel
from .view import GridView

REGISTER_TABLES = ("applications", "review_litigation")   # counted from the 台账
SHORT_PAGE = 360     # px: below this the tips above the grid give way to the grid
LEGEND = "灰色为自动计算的合计；红色为错误，黄色为提醒，鼠标停在单元格上可看填报说明和问题。"
_TIPS = {
    "active": "所有单元格都要填数，没有发生的填0，不能填“/”或留空；收费金额单位为万元。",
    "applications": "每件申请只计一种办理结果。直接输入数字即可，回车下移，Tab 右移；可从 Excel 复制粘贴整块数字。",
    "review_litigation": "本部分统计因政府信息公开工作被申请行政复议、提起行政诉讼的案件数。",
}


class GridPage(QWidget):
    def __init__(self, table: str, heading: str, fill: bool, parent=None):
        super().__init__(parent)
        self.table = table
        self.model = GridModel(spec_for(table), self)
        self.view = GridView(self.model, self)
        self.fill = fill
        self.title = title = theme.heading_label(heading, self)
        title.setToolTip(f"{_TIPS[table]}{LEGEND}")
        self.tip = tip = theme.hint_label(f"{_TIPS[table]}{LEGEND}", self)
        tip.setToolTip(tip.text())
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 4)     # every pixel for 表二 at 1366×768
        layout.addWidget(title)
        layout.addWidget(tip)
        self.session = None
        self.banner = self._register_banner() if table in REGISTER_TABLES else None
        if self.banner is not None:
            layout.addWidget(self.banner)
        if fill:
            layout.addWidget(self.view, 1)
        else:
            row = QHBoxLayout()
            row.addWidget(self.view, 1)
            row.addStretch(0)          # packed: the view is no wider than its columns
            layout.addLayout(row)
            layout.addStretch(1)
            self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.view.auto_height = True
            self.view.relayout()

    def _register_banner(self) -> QWidget:
        """表三/表四 with a 台账: whether the numbers agree with its counts, and the button
        that makes them agree (one undo step)."""
        banner = QWidget(self)
        self.banner_text = QLabel(banner)
        self.banner_text.setWordWrap(True)
        self.fill_button = QPushButton("按台账填写表三、表四", banner)
        self.fill_button.clicked.connect(self.view.fillRequested.emit)
        row = QHBoxLayout(banner)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.fill_button)
        banner.hide()
        return banner

    def set_session(self, session) -> None:
        self.model.set_session(session)
        if self.banner is not None:
            follow(self.session, session, findingsChanged=self._update_banner)
        self.session = session
        self._update_banner()

    def _update_banner(self) -> None:
        counted = self.session.tally() if self.session is not None else None
        if self.banner is None:
            return
        if counted is None:
            self.banner.hide()
            return
        prefix = f"{self.table}."
        differ = [c for c, _t, _n in counted.differences(self.session.report)
                  if c.startswith(prefix) and c not in schema.TOTAL_IDS]
        word = "申请" if self.table == "applications" else "案件"
        if differ:
            text = (f"有 {len(differ)} 格与台账计数不同（黄色，见“检查结果”）。"
                    f"双击数字可查看台账中计入该格的{word}。")
            style = theme.BANNER_STYLE[Severity.WARNING]
        else:
            text = f"本表与台账计数一致。双击数字可查看台账中计入该格的{word}。"
            style = theme.BANNER_STYLE[Severity.NOTE]
        self.banner_text.setText(text)
        self.banner_text.setStyleSheet(style)
        self.fill_button.setEnabled(bool(differ))
        self.banner.show()

    def resizeEvent(self, event) -> None:
        """On a short screen (1024×768 at 150 %) the numbers need the room more than the
        two lines of tips, which the heading's tool tip and 帮助 still give."""
        super().resizeEvent(event)
        self.tip.setVisible(self.height() >= SHORT_PAGE and self._room_for_tip())

    def _room_for_tip(self) -> bool:
        """A short table (表二) is shown whole: its tips give way when both do not fit."""
        if self.fill:
            return True
        layout = self.column
        margins = layout.contentsMargins()
        spacing = layout.spacing()
        width = self.width() - margins.left() - margins.right()
        used = (margins.top() + margins.bottom() + self.title.sizeHint().height()
                + self.tip.heightForWidth(width) + 2 * spacing)
        return self.height() - used >= self.view.content_height()
