"""基本信息: unit, year, report date, level, the 上级's deadline, the publication date and
the preamble."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from ..core.places import Place
from ..core import chinese, deadline, schema, textcheck, unitname
from ..core.report import FIRST_YEAR, LAST_YEAR
from ..core.rules import ERROR
from . import theme, unit_rename
from .session import follow
from .text_marks import fix_all_button
from .text_tabs import Banner, TextEditor, text_items

_NO_DATE = QDate(FIRST_YEAR, 1, 1)
_CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
_WEEKDAY = "一二三四五六日"


def deadline_hint(phrase: str, year: int) -> str:
    """What the helper under the 上级's deadline shows: the date the words name, or how to
    write them."""
    if not phrase.strip():
        return "上级（如县政务公开办）另定了报送期限时填写，如“元月第三周星期五”“1月20日”"
    if not year:
        return "先填统计年度"
    try:
        found = deadline.parse(phrase, year + 1)
    except deadline.DeadlineError as err:
        return str(err)
    text = f"即{deadline.date_text(found.date)}（星期{_WEEKDAY[found.date.weekday()]}）"
    return f"{text}；{found.note}" if found.note else text


class TypedDateEdit(QDateEdit):
    """A date box that also takes a date typed the usual ways ("2026-1-25", "2026/1/25",
    "2026.1.25", "20260125", "2026年1月25日"), applied on Enter or on leaving the field;
    what cannot be read is said (``unreadable``) and the date shown before comes back."""
    unreadable = Signal(str)

    def validate(self, text, pos):
        state = super().validate(text, pos)
        if (state[0] if isinstance(state, tuple) else state) == QValidator.State.Invalid:
            return QValidator.State.Intermediate, text, pos     # let her type it her way
        return state

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply_typed()
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self.apply_typed()
        super().focusOutEvent(event)

    def apply_typed(self) -> None:
        text = self.lineEdit().text()
        base = super().validate(text, len(text))
        if (base[0] if isinstance(base, tuple) else base) == QValidator.State.Acceptable \
                or not text.strip() or text == self.specialValueText():
            return                      # Qt's own format: Qt reads it
        try:
            typed = chinese.date(text)
            found = QDate(typed.year, typed.month, typed.day)
            if not self.minimumDate() < found <= self.maximumDate():
                raise ValueError(f"请填写{self.minimumDate().year() + 1}年以后的日期："
                                 f"“{text.strip()}”不在可选范围内。")
        except ValueError as exc:
            shown = self.date()         # the text goes back to the date it had
            with QSignalBlocker(self):
                self.setDate(self.maximumDate() if shown != self.maximumDate() else self.minimumDate())
                self.setDate(shown)
            self.unreadable.emit(str(exc))
            return
        self.setDate(found)


def _date_box(parent, empty: str) -> QDateEdit:
    box = TypedDateEdit(parent)
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy年M月d日")
    box.setMinimumDate(_NO_DATE)
    box.setSpecialValueText(empty)
    box.setKeyboardTracking(False)
    box.setLocale(_CHINESE)
    box.calendarWidget().setLocale(_CHINESE)
    box.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    return box


def date_refusal(year: int, date: dt.date) -> str:
    """Why ``date`` cannot be the report date of a ``year`` report ("" if it can): H9."""
    if not year or date.year == year + 1:
        return ""
    return f"请选{year + 1}年内的日期：报告日期在统计年度的下一年，{date.year}年不行"


class InfoTab(QWidget):
    refused = Signal(str)   # a meta edit that cannot be made, with the reason

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.prompts = None     # set by pages.py: a new unit name asks (unit_rename.py)
        self._loading = self._renaming = False
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("例如：某某县人民政府办公室")
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)
        self.date = _date_box(self, "（未填写）")
        self.date.calendarWidget().installEventFilter(self)   # to open on January of next year
        self.local_deadline = QLineEdit(self)
        self.local_deadline.setMaxLength(40)
        self.local_deadline.setPlaceholderText("如：元月第三周星期五、1月20日（可不填）")
        self.deadline_hint = theme.hint_label("", self)
        self.published = _date_box(self, "（尚未发布）")
        self.published.calendarWidget().installEventFilter(self)
        self.level = QComboBox(self)
        self.level.addItem("（请选择）", None)
        for key, name in schema.LEVELS.items():
            self.level.addItem(name, key)
        self.title = QLabel(self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.unit, self.year, self.date, self.level, self.local_deadline, self.published):
            w.setMaximumWidth(420)
        self.meta_banner = Banner(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("单位名称：", self.unit)
        form.addRow("统计年度：", self.year)
        form.addRow("报告日期：", self.date)
        form.addRow("单位层级：", self.level)
        form.addRow("上级规定期限：", self.local_deadline)
        form.addRow("", self.deadline_hint)
        form.addRow("发布日期：", self.published)
        form.addRow("报告标题：", self.title)
        heading = theme.heading_label("基本信息", self)
        pre = theme.hint_label(f"{schema.TEXTS['preamble']}：写明报告依据、全文结构和统计期限"
                               "（某年1月1日至12月31日）。", self)
        self.preamble = TextEditor("preamble", self)
        self.preamble.setMinimumHeight(96)    # 基本信息 whole on 1024×768 at 125 %
        self.pre_banner = Banner(self)
        # The page scrolls where a short screen cannot hold every row (1024×768 at 125 %):
        # rows never squeeze into each other.
        body = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.meta_banner)
        pre_row = QHBoxLayout()
        pre_row.addWidget(pre, 1)
        self.fix_preamble = fix_all_button(self.preamble, self)
        pre_row.addWidget(self.fix_preamble, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(pre_row)
        layout.addWidget(self.preamble, 1)
        layout.addWidget(self.pre_banner)
        scroll.setWidget(body)
        self.unit.editingFinished.connect(self._unit_edited)
        self.year.valueChanged.connect(self._year_edited)
        self.date.dateChanged.connect(self._date_edited)
        self.date.unreadable.connect(self.refused)
        self.published.unreadable.connect(self.refused)
        self.level.currentIndexChanged.connect(self._level_edited)
        self.local_deadline.textEdited.connect(self._show_deadline)
        self.local_deadline.editingFinished.connect(self._deadline_edited)
        self.published.dateChanged.connect(self._published_edited)
        self.preamble.textChanged.connect(self.refresh_findings)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and watched is self.date.calendarWidget():
            self._calendar_page(self.date)
        if event.type() == QEvent.Type.Show and watched is self.published.calendarWidget():
            self._calendar_page(self.published)
        return super().eventFilter(watched, event)

    def _calendar_page(self, box: QDateEdit) -> None:
        """An undated report's calendar opens on January of the year after the statistics
        year, where its date belongs, not on the placeholder's January 2000."""
        rep = self.session.report if self.session else None
        if rep is not None and rep.year and box.date() == _NO_DATE:
            box.calendarWidget().setCurrentPage(rep.year + 1, 1)

    def set_session(self, session) -> None:
        follow(self.session, session, metaChanged=self.load,
               findingsChanged=self.refresh_findings)
        self.session = session
        self.preamble.set_session(session)
        self.load()
        self.refresh_findings()

    def load(self) -> None:
        rep = self.session.report if self.session else None
        self._loading = True
        self.unit.setText(rep.unit if rep else "")
        self.year.setValue(rep.year if rep and rep.year else FIRST_YEAR)
        d = rep.report_date if rep else None
        self.date.setDate(QDate(d.year, d.month, d.day) if d else _NO_DATE)
        self.local_deadline.setText(rep.local_deadline if rep else "")
        self._show_deadline()
        p = rep.published_date if rep else None
        self.published.setDate(QDate(p.year, p.month, p.day) if p else _NO_DATE)
        idx = self.level.findData(rep.level if rep else None)
        self.level.setCurrentIndex(max(idx, 0))
        self.title.setText(rep.title if rep else "")
        self._loading = False

    def refresh_findings(self) -> None:
        items = []
        if self.session is not None:
            items = [(f.severity, f.message) for f in self.session.findings
                     if any(Place.of(c) == Place.META for c in f.cells)]
        self.meta_banner.show_items(items)
        self.pre_banner.show_items(text_items(self.session, "preamble",
                                              self.preamble.toPlainText()))
        marks = self.session.marks if self.session else {}
        for name, widget in (("unit", self.unit), ("year", self.year),
                             ("report_date", self.date), ("local_deadline", self.local_deadline),
                             ("published_date", self.published)):
            mark = marks.get(Place.META.at(name))
            colour = "" if not mark else (theme.ERROR_BG if mark[0] == ERROR else theme.WARNING_BG).name()
            # By type: a bare rule would cascade into the date's calendar popup as well.
            kind = type(widget).__name__
            style = f"{kind} {{ background: {colour}; }}" if colour else ""
            if widget.styleSheet() != style:      # each one re-polishes the field
                widget.setStyleSheet(style)
            widget.setToolTip("\n".join(mark[1]) if mark else "")

    def focus_field(self, name: str) -> None:
        widget = {"unit": self.unit, "year": self.year, "report_date": self.date,
                  "level": self.level, "local_deadline": self.local_deadline,
                  "published_date": self.published}.get(name, self.preamble)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- edits ----------------------------------------------------------------------------
    def _unit_edited(self) -> None:
        if self._loading or self._renaming or self.session is None:
            return
        unit = unitname.display(self.unit.text())    # invisible characters and stray spaces go
        rep = self.session.report
        if unit == rep.unit:
            self.unit.setText(rep.unit)     # shown as it is kept
            return
        why = textcheck.problem(unit, name=True) if unit else None
        reason = ("单位名称不能为空。" if not unit else f"单位名称{why}。" if why
                  else self.session.meta_conflict(unit, rep.year))
        if reason:
            self.load()
            self.refused.emit(reason)
            return
        if self.prompts is None:
            self.session.set_meta("unit", unit)
            return
        self._renaming = True       # the prompt takes the focus: no second editingFinished
        try:
            reason = unit_rename.rename(self.session, self.prompts, unit)
        finally:
            self._renaming = False
        if reason:
            self.load()
            self.refused.emit(reason)

    def _year_edited(self, year: int) -> None:
        if self._loading or self.session is None or year == self.session.report.year:
            return
        reason = self.session.meta_conflict(self.session.report.unit, year)
        if reason:
            self.load()
            self.refused.emit(reason)
            return
        self.session.set_meta("year", year)

    def _date_edited(self, qdate: QDate) -> None:
        if self._loading or self.session is None:
            return
        value = None if qdate == _NO_DATE else dt.date(qdate.year(), qdate.month(), qdate.day())
        if value == self.session.report.report_date:
            return
        reason = date_refusal(self.session.report.year, value) if value else ""
        if reason:
            self.load()
            self.refused.emit(reason)
            return
        self.session.set_meta("report_date", value)

    def _show_deadline(self, _text: str = "") -> None:
        year = self.session.report.year if self.session else 0
        self.deadline_hint.setText(deadline_hint(self.local_deadline.text(), year))

    def _deadline_edited(self) -> None:
        if self._loading or self.session is None:
            return
        phrase = " ".join(self.local_deadline.text().split())
        why = textcheck.problem(phrase) if phrase else None
        if why:
            self.load()
            self.refused.emit(f"上级规定的报送期限{why}。")
            return
        self.session.set_meta("local_deadline", phrase)

    def _published_edited(self, qdate: QDate) -> None:
        if self._loading or self.session is None:
            return
        value = None if qdate == _NO_DATE else dt.date(qdate.year(), qdate.month(), qdate.day())
        self.session.set_meta("published_date", value)

    def _level_edited(self, _index: int) -> None:
        if not self._loading and self.session is not None:
            self.session.set_meta("level", self.level.currentData())
