"""工作日日历: the years the program counts working days for, each with its notice; the
clerk adds next year's when the 国务院办公厅 notice is out, or corrects one.  Saving and
removing go through the callables given (services/calendar.py), so the store is written
the moment the clerk clicks, like every other edit."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QSpinBox, QVBoxLayout)

from ...core.calendar import CalendarDataError, YearCalendar
from ...core.calendar.year_text import year_from_text, year_to_text
from ...core.report import LAST_YEAR
from .. import theme

HOLIDAY_HINT = "每行一个节日，照通知抄写，如“春节：1月28日至2月4日”“元旦：1月1日”。"
WORKDAY_HINT = "需要上班的周六、周日，用顿号隔开，如“1月26日、2月8日”；没有就空着。"


class WorkCalendarDialog(QDialog):
    def __init__(self, shipped: dict[int, YearCalendar], entered: dict[int, YearCalendar],
                 save: Callable[[YearCalendar], None], remove: Callable[[int], None], parent=None):
        super().__init__(parent)
        self.setWindowTitle("工作日日历")
        self.shipped, self.entered = shipped, dict(entered)
        self._save, self._remove = save, remove
        intro = theme.hint_label(
            "计算答复期限（20个工作日）时，按国务院办公厅每年的节假日安排通知扣除节假日、计入调休上班日。"
            "没有录入的年份不计算工作日。新一年的通知发布后，请在这里录入。", self)
        self.years = QListWidget(self)
        self.years.setMinimumWidth(300)
        self.new_year = QSpinBox(self)
        self.new_year.setRange(min(shipped), LAST_YEAR)
        self.new_year.setSuffix(" 年")
        add = QPushButton("录入新年份", self)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText("如：国办发明电〔2026〕N号")
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("如：2026-11-04")
        self.holidays = QPlainTextEdit(self)
        self.holidays.setPlaceholderText(HOLIDAY_HINT)
        self.workdays = QLineEdit(self)
        self.workdays.setPlaceholderText(WORKDAY_HINT)
        self.source = theme.hint_label("", self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.save_button = QPushButton("保存本年", self)
        self.remove_button = QPushButton("恢复程序自带", self)
        form = QFormLayout()
        form.addRow("通知文号：", self.number)
        form.addRow("通知日期：", self.date)
        form.addRow("放假安排：", self.holidays)
        form.addRow("", theme.hint_label(HOLIDAY_HINT, self))
        form.addRow("调休上班：", self.workdays)
        form.addRow("", theme.hint_label(WORKDAY_HINT, self))
        left = QVBoxLayout()
        left.addWidget(self.years, 1)
        adding = QHBoxLayout()
        adding.addWidget(self.new_year)
        adding.addWidget(add)
        left.addLayout(adding)
        right = QVBoxLayout()
        right.addWidget(self.source)
        right.addLayout(form, 1)
        right.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        close = QDialogButtonBox(self)
        close.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.years.currentItemChanged.connect(lambda *_: self._show())
        add.clicked.connect(self._add_year)
        self.save_button.clicked.connect(self.save_year)
        self.remove_button.clicked.connect(self._remove_year)
        self._fill()
        self.new_year.setValue(max(self._all()) + 1)
        self.resize(900, 560)

    def _all(self) -> dict[int, YearCalendar]:
        return {**self.shipped, **self.entered}

    def _fill(self, select: int | None = None) -> None:
        self.years.blockSignals(True)
        self.years.clear()
        for year, cal in sorted(self._all().items(), reverse=True):
            how = "本机录入" if year in self.entered else "程序自带"
            item = QListWidgetItem(f"{year}年　{cal.notice.number}（{how}）", self.years)
            item.setData(Qt.ItemDataRole.UserRole, year)
        self.years.blockSignals(False)
        rows = [self.years.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.years.count())]
        self.years.setCurrentRow(rows.index(select) if select in rows else 0)
        self._show()

    def current_year(self) -> int:
        item = self.years.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else self.new_year.value()

    def _show(self) -> None:
        year = self.current_year()
        cal = self._all().get(year)
        self.problem.clear()
        if cal is None:
            self.source.setText(f"{year}年：尚未录入。请按《国务院办公厅关于{year}年部分节假日安排的通知》填写。")
            for w in (self.number, self.date, self.workdays):
                w.clear()
            self.holidays.clear()
        else:
            how = "本机录入" if year in self.entered else "程序自带"
            self.source.setText(f"{year}年（{how}）：依据《{cal.notice.title}》{cal.notice.number}"
                                + (f"，{cal.notice.date}" if cal.notice.date else ""))
            self.number.setText(cal.notice.number)
            self.date.setText(cal.notice.date)
            holidays, workdays = year_to_text(cal)
            self.holidays.setPlainText(holidays)
            self.workdays.setText(workdays)
        self.remove_button.setEnabled(year in self.entered)
        self.remove_button.setText("恢复程序自带" if year in self.shipped else "删除本年")

    def _add_year(self) -> None:
        year = self.new_year.value()
        if year not in self._all():
            item = QListWidgetItem(f"{year}年　（新录入）")
            item.setData(Qt.ItemDataRole.UserRole, year)
            self.years.insertItem(0, item)
        rows = [self.years.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.years.count())]
        self.years.setCurrentRow(rows.index(year))
        self.number.setFocus()

    def save_year(self) -> bool:
        year = self.current_year()
        try:
            cal = year_from_text(year, self.number.text(), self.date.text(),
                                 self.holidays.toPlainText(), self.workdays.text())
        except CalendarDataError as err:
            self.problem.setText(str(err))
            return False
        self._save(cal)
        self.entered[year] = cal
        self._fill(year)
        self.problem.setText("")
        self.source.setText(self.source.text() + "　已保存")
        return True

    def _remove_year(self) -> None:
        year = self.current_year()
        if year in self.entered:
            self._remove(year)
            del self.entered[year]
            self._fill(year)
