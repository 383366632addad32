"""Which register rows the 台账 view shows: a filter box (any column contains the words)
and a choice (办理结果 / 申请人类别 / 未答复 / 未能归类 …).  The blank row for a new entry
is always shown."""
from __future__ import annotations

from typing import cast

from PySide6.QtCore import QSortFilterProxyModel

from ...core.register import APPLICANT_TYPES, APPLICATION, CASE_RESULTS, OUTCOMES
from ...core.register import fields as reg_fields
from ...core.register.words import fold
from .model import RegisterModel

ALL = ("全部", None)
UNANSWERED = "unanswered"
FLAGGED = "flagged"


def choices(kind: str) -> list[tuple[str, tuple[str, str] | None]]:
    """(label, (field, value) or a special key) of the 筛选 combo, in order."""
    out: list = [ALL, ("未能归类或有问题的", (FLAGGED, "")),
                 ("未答复" if kind == APPLICATION else "尚未审结", (UNANSWERED, ""))]
    if kind == APPLICATION:
        out += [(f"申请人：{reg_fields.shown('applicant_type', t)}", ("applicant_type", t))
                for t in APPLICANT_TYPES]
        out += [(f"结果：{reg_fields.shown('outcome', o)}", ("outcome", o)) for o in OUTCOMES]
    else:
        out += [(f"结果：{reg_fields.shown('result', r)}", ("result", r)) for r in CASE_RESULTS]
    return out


class RegisterFilter(QSortFilterProxyModel):
    def __init__(self, model: RegisterModel, parent=None):
        super().__init__(parent)
        self.setSourceModel(model)
        # Filtered when the filter changes, not after every edit: an entry being corrected
        # stays in view (and 10,000 rows are not filtered again per keystroke).
        self.setDynamicSortFilter(False)
        self.words = ""
        self.choice: tuple[str, str] | None = None
        self._texts: dict[int, tuple[object, str]] = {}   # id(row) → (row, its folded text)

    def source(self) -> RegisterModel:
        return cast(RegisterModel, self.sourceModel())

    def set_filter(self, words: str | None = None, choice=False) -> None:
        self.beginFilterChange()
        if words is not None:
            self.words = fold(words).lower()
        if choice is not False:
            self.choice = choice
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def active(self) -> bool:
        return bool(self.words or self.choice)

    def filterAcceptsRow(self, row: int, _parent) -> bool:
        model = self.source()
        if model.is_new_row(row) or not self.active():
            return True
        if self.choice is not None:
            name, value = self.choice
            if name == FLAGGED:
                if not model.flagged(row):
                    return False
            elif name == UNANSWERED:
                field = "answered" if model.kind == APPLICATION else "decided"
                if model.value(row, field) is not None:
                    return False
            elif model.value(row, name) != value:
                return False
        if self.words:
            return self.words in self._text(model, row)
        return True

    def _text(self, model: RegisterModel, row: int) -> str:
        """A row's shown texts, folded, kept per row object (rows are immutable)."""
        entry = model.rows()[row]
        kept = self._texts.get(id(entry))
        if kept is None or kept[0] is not entry:
            if len(self._texts) > 4 * len(model.rows()) + 1000:
                self._texts.clear()
            text = "\x1f".join(fold(model.text(row, c)).lower() for c in range(len(model.names)))
            kept = self._texts[id(entry)] = (entry, text)
        return kept[1]
