"""答复期限: the applications answered late and those extended, from the report's register
(core/register/answer_time.py), the latest first.  Read-only: the register is edited in
the 台账; the figures are the same the check S17 and the drafted sentence of 五 use."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.calendar import missing_message
from ...core.register.answer_time import AnswerTime, AnswerTimes
from .. import theme

COLUMNS = ("登记编号", "收到日期", "期限", "答复日期", "逾期（工作日）", "延期", "补正")


def _day(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def summary(times: AnswerTimes) -> str:
    late, extended = times.overdue, times.extended
    head = (f"{times.year}年度台账中应在本年答复的申请 {len(times.rows)} 件：超过法定期限答复 {len(late)} 件"
            + (f"（最长逾期 {late[0].days_late} 个工作日）" if late else "")
            + f"，延期答复 {len(extended)} 件。")
    if times.as_of < dt.date(times.year, 12, 31):
        head += f"未答复的申请按截至{_day(times.as_of)}计算。"
    for year in times.uncovered_years:
        head += f"\n{missing_message(year)}（检查 → 工作日日历），相应申请的期限暂不计算。"
    return head


def listed(times: AnswerTimes) -> list[AnswerTime]:
    """Late ones first (most days late first), then the extended ones answered in time,
    then those whose deadline the calendar cannot count (a year without its notice)."""
    late = times.overdue
    return (late + [a for a in times.extended if not a.late]
            + [a for a in times.rows if a.uncovered is not None])


def row_texts(a: AnswerTime) -> tuple[str, ...]:
    deadline = _day(a.deadline) if a.deadline else (
        f"无法计算：{a.uncovered}年日历未录入" if a.uncovered else "等待补正")
    answered = _day(a.answered) if a.answered else "未答复"
    return (a.id or f"第{a.row + 1}条", _day(a.received), deadline, answered,
            str(a.days_late) if a.late else ("" if a.deadline is None else "按时"), "是" if a.extended else "",
            f"{_day(a.start)}收到补正" if a.corrected else "")


class AnswerTimeDialog(QDialog):
    def __init__(self, times: AnswerTimes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("答复期限")
        rows = listed(times)
        self.intro = theme.hint_label(summary(times), self)
        rule = theme.hint_label(
            "期限：收到申请（或补正）次日起20个工作日，期限内告知延期的再加20个工作日，征求第三方或其他机关意见期间不计入"
            "（《条例》第三十条、第三十三条）；工作日按“工作日日历”。", self)
        self.table = QTableWidget(len(rows), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, a in enumerate(rows):
            for c, text in enumerate(row_texts(a)):
                item = QTableWidgetItem(text)
                if c == 4 and a.late:
                    item.setForeground(theme.ERROR_FG)
                if c in (4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = theme.hint_label("没有超过法定期限或延期答复的申请。", self)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        close = QDialogButtonBox(self)
        close.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(rule)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(close)
        self.resize(860, 480)
