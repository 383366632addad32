"""导入台账 — 核对列: which column of the file holds which field, as guessed from the
header words, with the first values of each column to check by; the clerk corrects a
combo and the mapping is remembered for the next file of the same layout."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QGridLayout, QLabel,
                               QScrollArea, QVBoxLayout, QWidget)

from .. import theme

NOT_IMPORTED = "（不导入）"


def column_letter(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class RegisterMappingDialog(QDialog):
    def __init__(self, source: str, titles: dict[str, str], needed: tuple[str, ...],
                 headers: tuple[str, ...], samples: list[list[str]], columns: dict[str, int],
                 parent=None):
        """titles: field → what the clerk reads; headers: the file's column titles;
        samples: the first values of each column; columns: the guess, field → column."""
        super().__init__(parent)
        self.setWindowTitle("导入台账：核对各列")
        self.titles, self.needed, self.samples = titles, needed, samples
        intro = theme.hint_label(
            f"{source}：下面是按表头文字猜测的对应关系，右边是该列的前几个值。"
            "请逐项核对，不对的从列表中改选；标 * 的必须指定。下次导入表头相同的文件时会沿用这次的选择。", self)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        for c, text in enumerate(("台账项目", "文件中的列", "该列的值（前几行）")):
            head = QLabel(f"<b>{text}</b>", grid_host)
            grid.addWidget(head, 0, c)
        self.combos: dict[str, QComboBox] = {}
        self.sample_labels: dict[str, QLabel] = {}
        for r, (name, title) in enumerate(titles.items(), 1):
            grid.addWidget(QLabel(title + (" *" if name in needed else ""), grid_host), r, 0)
            combo = QComboBox(grid_host)
            combo.addItem(NOT_IMPORTED, -1)
            for i, h in enumerate(headers):
                combo.addItem(f"{column_letter(i)} 列：{h or '（无表头）'}", i)
            combo.setCurrentIndex(max(combo.findData(columns.get(name, -1)), 0))
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            label = QLabel(grid_host)
            label.setStyleSheet(theme.MUTED_TEXT_STYLE)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._show_samples(n))
            self.combos[name], self.sample_labels[name] = combo, label
            grid.addWidget(combo, r, 1)
            grid.addWidget(label, r, 2)
            self._show_samples(name)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(theme.ERROR_TEXT_STYLE)
        box = QDialogButtonBox(self)
        box.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(box)
        self.resize(760, 560)

    def _show_samples(self, name: str) -> None:
        col = self.combos[name].currentData()
        values = self.samples[col] if 0 <= col < len(self.samples) else []
        text = "；".join(v for v in values if v) or ("（空）" if col >= 0 else "")
        self.sample_labels[name].setText(text[:60])
        self.sample_labels[name].setToolTip(text)

    def problem_text(self) -> str | None:
        cols = self.columns()
        missing = [self.titles[n] for n in self.needed if n not in cols]
        if missing:
            return f"请指定“{'”“'.join(missing)}”在哪一列。"
        used: dict[int, str] = {}
        for name, col in cols.items():
            if col in used:
                return f"“{self.titles[used[col]]}”和“{self.titles[name]}”选了同一列，请改正其中一个。"
            used[col] = name
        return None

    def _accept(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem or "")
        if problem is None:
            self.accept()

    def columns(self) -> dict[str, int]:
        return {n: c.currentData() for n, c in self.combos.items() if c.currentData() >= 0}
