"""QAbstractTableModel adapter: one register (applications or cases) of the open report.

Rows are the register's rows plus one blank row at the end where a new entry is typed.
Values are shown and parsed by core.register.fields; every edit is a new Register put
through ``session.set_register`` (one undo step).  Rows the tally could not count are
tinted, with the reason in the tool tip.  It computes nothing itself.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from ...core.places import Place
from ...core.register import APPLICATION, APPLICATION_FIELDS, CASE_FIELDS, Application, Case, Register
from ...core.register import fields as reg_fields
from .. import theme
from ..session import follow

Role = Qt.ItemDataRole
_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# Fields typed elsewhere than in a grid cell (several date spans).
READ_ONLY_FIELDS = frozenset({"consultation"})
KIND_WORDS = {APPLICATION: "申请", "case": "案件"}


def field_titles(kind: str) -> dict[str, str]:
    return APPLICATION_FIELDS if kind == APPLICATION else CASE_FIELDS


def edited_row(kind: str, row, name: str, value, settings):
    """``row`` with field ``name`` set; a case's 表四 result follows its decision and date
    unless the clerk chose the result herself."""
    if kind == APPLICATION:
        return replace(row, **{name: value})
    if name == "decision":
        return reg_fields.with_decision(row, value, settings)
    row = replace(row, **{name: value})
    if name == "decided" and row.decision and (row.result is None or value is None):
        row = reg_fields.with_decision(row, row.decision, settings)
    return row


def blank_row(kind: str):
    return Application() if kind == APPLICATION else Case()


class RegisterModel(QAbstractTableModel):
    inputRefused = Signal(str, QModelIndex)   # Chinese reason, where

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.names = tuple(field_titles(kind))
        self.session: Any = None     # the open Session (ui/session.py) or None
        self._rows: tuple = ()     # the rows shown (the register's, as of the last change)
        self._flags: dict[int, list[tuple[str | None, str]]] = {}   # row → (field, reason)

    # -- binding ------------------------------------------------------------------------
    def set_session(self, session) -> None:
        self.beginResetModel()
        follow(self.session, session, registerChanged=self._register_changed,
               metaChanged=self._register_changed)
        self.session = session
        self._rows = self._register_rows()
        self._recount()
        self.endResetModel()

    def _register_rows(self) -> tuple:
        reg = self.register()
        return reg.rows(self.kind) if reg is not None else ()

    def _register_changed(self) -> None:
        """Rows added or removed at the end, the rest repainted: the view keeps its cursor
        (a reset would lose it after every entry)."""
        new = self._register_rows()
        old_n, new_n = len(self._rows), len(new)
        if new_n > old_n:
            self.beginInsertRows(QModelIndex(), old_n, new_n - 1)
            self._rows = new
            self.endInsertRows()
        elif new_n < old_n:
            self.beginRemoveRows(QModelIndex(), new_n, old_n - 1)
            self._rows = new
            self.endRemoveRows()
        self._rows = new
        self._recount()
        last = self.rowCount() - 1
        self.dataChanged.emit(self.index(0, 0), self.index(last, len(self.names) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, last)

    def _recount(self) -> None:
        flags: dict[int, list[tuple[str | None, str]]] = {}
        reg = self.register()
        if reg is not None:
            counted = self.session.tally()
            for u in counted.unclassified if counted is not None else ():
                if u.kind == self.kind:
                    flags.setdefault(u.row, []).append((None, u.reason))
            for p in self.session.register_problems():
                if p.kind == self.kind:
                    flags.setdefault(p.row, []).append((p.field, p.message))
        self._flags = flags

    def register(self) -> Register | None:
        return self.session.report.register if self.session is not None else None

    def rows(self) -> tuple:
        return self._rows

    def flagged(self, row: int) -> list[tuple[str | None, str]]:
        """What is wrong with a row: (field or None, reason), empty when nothing."""
        return self._flags.get(row, [])

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.session is None else len(self.rows()) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.names)

    def is_new_row(self, row: int) -> bool:
        return row == len(self.rows())

    def headerData(self, section, orientation, role=Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Role.DisplayRole:
                return field_titles(self.kind)[self.names[section]]
            if role == Role.ToolTipRole and self.names[section] == "consultation":
                return "征求意见期间不计入答复期限；请在导入的台账中填写开始和结束日期。"
            return None
        if role == Role.DisplayRole:
            return "新" if self.is_new_row(section) else str(section + 1)
        if role == Role.ToolTipRole and self.is_new_row(section):
            return f"在这一行输入，即新增一件{KIND_WORDS[self.kind]}"
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid() or self.session is None:
            return Qt.ItemFlag.NoItemFlags
        if self.names[index.column()] in READ_ONLY_FIELDS:
            return _READ_ONLY
        return _EDITABLE

    def value(self, row: int, name: str):
        rows = self.rows()
        return getattr(rows[row], name) if row < len(rows) else None

    def text(self, row: int, col: int) -> str:
        return reg_fields.shown(self.names[col], self.value(row, self.names[col]))

    def data(self, index, role=Role.DisplayRole):
        if not index.isValid() or self.session is None:
            return None
        row, name = index.row(), self.names[index.column()]
        if role in (Role.DisplayRole, Role.EditRole):
            if self.is_new_row(row):
                return ""
            return self.text(row, index.column())
        if role == Role.ToolTipRole:
            return self._tooltip(row, name)
        if role == Role.BackgroundRole:
            flagged = self.flagged(row)
            if any(f == name for f, _ in flagged):
                return theme.ERROR_BG
            if flagged:
                return theme.WARNING_BG
            return None
        if role == Role.ForegroundRole and name in READ_ONLY_FIELDS:
            return theme.MUTED_FG
        return None

    def _tooltip(self, row: int, name: str) -> str | None:
        text = self.text(row, self.names.index(name))
        lines = [f"{KIND_WORDS[self.kind]}第 {row + 1} 条：{field_titles(self.kind)[name]}"
                 + (f"\n{text}" if text else "")]
        if self.is_new_row(row):
            lines = [f"在这一行输入，即新增一件{KIND_WORDS[self.kind]}"]
        lines += [reason for _f, reason in self.flagged(row)]
        return "\n".join(lines)

    # -- editing ------------------------------------------------------------------------------
    def parse(self, row: int, col: int, text: str):
        """The value typed text gives (FieldError with a Chinese reason if none)."""
        reg = self.register()
        settings = reg.settings if reg is not None else None
        return reg_fields.parse(self.kind, self.names[col], text, settings)

    def with_values(self, reg: Register | None, edits: dict[tuple[int, int], object]) -> Register:
        """``reg`` with parsed values put in at (row, column); rows at or past the end are
        appended (in order), as typing in the blank row does."""
        reg = reg or Register()
        rows = list(reg.rows(self.kind))
        for (row, col), value in sorted(edits.items()):
            while row >= len(rows):
                rows.append(blank_row(self.kind))
            rows[row] = edited_row(self.kind, rows[row], self.names[col], value, reg.settings)
        return reg.with_rows(self.kind, rows)

    def setData(self, index, value, role=Role.EditRole) -> bool:
        if role != Role.EditRole or self.session is None or not index.isValid():
            return False
        row, col = index.row(), index.column()
        text = "" if value is None else str(value)
        if self.is_new_row(row) and not text.strip():
            return False
        if self.text(row, col) == text and not self.is_new_row(row):
            return False
        try:
            parsed = self.parse(row, col, text)
        except reg_fields.FieldError as exc:
            self.inputRefused.emit(str(exc), self.index(row, col))
            return False
        new = self.with_values(self.register(), {(row, col): parsed})
        title = field_titles(self.kind)[self.names[col]]
        verb = "新增" if self.is_new_row(row) else "填写"
        return self.session.set_register(new, f"{verb}{KIND_WORDS[self.kind]}第 {row + 1} 条的{title}",
                                         Place.REGISTER.at(self.kind, row))
