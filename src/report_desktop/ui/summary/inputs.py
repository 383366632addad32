"""The two input panels of the 汇总 view: which reports to add up, and the roster of
units the county expects."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QVBoxLayout)

from .. import theme
from .footer import button

_ID = Qt.ItemDataRole.UserRole
FILES_LABEL = "各单位报送的文件"
ROSTER_NOTE = "本县应当报送年度报告的单位。名单会保存在数据文件中，下次自动带出。"


class ReportsPanel(QGroupBox):
    """① 要汇总的报告: that year's reports of the other units in the store (ticked), and files."""
    changed = Signal()
    addFilesRequested = Signal()
    addFolderRequested = Signal()

    def __init__(self, parent=None):
        super().__init__("① 要汇总的各单位报告", parent)
        self.stored_label = QLabel(self)
        self.all_button = button("全选", "勾选数据文件中的全部报告", self)
        self.none_button = button("全不选", "取消全部勾选", self)
        self.stored = QListWidget(self)
        self.stored.setAlternatingRowColors(True)
        self.files_label = QLabel(FILES_LABEL + "：", self)
        self.files_label.setToolTip("Word、Excel 或 JSON 格式的年度报告文件")
        self.add_files_button = button("添加文件…", "选择一个或多个报告文件（可按住 Ctrl 多选）", self)
        self.add_folder_button = button("添加文件夹…", "添加一个文件夹中的全部报告文件", self)
        self.remove_button = button("移除", "从列表中移除所选的文件（不会删除文件本身）", self)
        self.files = QListWidget(self)
        self.files.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.files.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._row(self.stored_label, self.all_button, self.none_button))
        layout.addWidget(self.stored, 3)
        layout.addLayout(self._row(self.files_label, self.add_files_button, self.add_folder_button,
                                   self.remove_button))
        layout.addWidget(self.files, 2)
        for lst in (self.stored, self.files):
            lst.setMinimumHeight(3 * (self.fontMetrics().height() + 4) + 4)
        self.all_button.clicked.connect(lambda: self.check_all(True))
        self.none_button.clicked.connect(lambda: self.check_all(False))
        self.add_files_button.clicked.connect(self.addFilesRequested.emit)
        self.add_folder_button.clicked.connect(self.addFolderRequested.emit)
        self.remove_button.clicked.connect(self.remove_selected)
        self.stored.itemChanged.connect(lambda _item: self.changed.emit())
        self._unticked: set[str] = set()     # units the clerk unticked, kept across years

    @staticmethod
    def _row(label, *buttons) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(label, 1)
        for b in buttons:
            row.addWidget(b)
        return row

    # -- reports in the store ----------------------------------------------------------
    def set_stored(self, infos, year: int) -> None:
        """infos: store.list_reports() entries of ``year``, the summary's own unit left out."""
        self._remember_unticked()
        with QSignalBlocker(self.stored):
            self.stored.clear()
            for info in infos:
                item = QListWidgetItem(info.unit, self.stored)
                item.setData(_ID, info.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked if info.unit in self._unticked
                                   else Qt.CheckState.Checked)
                item.setToolTip(f"{info.unit} {info.year}年，最后修改于 {info.modified.replace('T', ' ')}")
            if not infos:
                item = QListWidgetItem(f"数据文件中没有其他单位{year}年的报告。", self.stored)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.stored_label.setText(f"数据文件中{year}年的报告（{len(infos)} 份）：")
        self.stored_label.setToolTip(f"数据文件中其他单位{year}年的报告（汇总报告的单位本身除外）")

    def _remember_unticked(self) -> None:
        for i in range(self.stored.count()):
            item = self.stored.item(i)
            if item.data(_ID) is not None:
                (self._unticked.add if item.checkState() == Qt.CheckState.Unchecked
                 else self._unticked.discard)(item.text())

    def checked_ids(self) -> list[int]:
        return [self.stored.item(i).data(_ID) for i in range(self.stored.count())
                if self.stored.item(i).data(_ID) is not None
                and self.stored.item(i).checkState() == Qt.CheckState.Checked]

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        with QSignalBlocker(self.stored):
            for i in range(self.stored.count()):
                if self.stored.item(i).data(_ID) is not None:
                    self.stored.item(i).setCheckState(state)
        self.changed.emit()

    def set_checked(self, unit: str, checked: bool) -> None:
        for item in self.stored.findItems(unit, Qt.MatchFlag.MatchExactly):
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # -- files ---------------------------------------------------------------------------
    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(_ID)) for i in range(self.files.count())]

    def add_paths(self, paths) -> int:
        """Add files not listed yet; how many were added."""
        have = set(self.paths())
        added = 0
        for path in paths:
            path = Path(path)
            if path in have:
                continue
            have.add(path)
            item = QListWidgetItem(f"{path.name}    {path.parent}", self.files)
            item.setData(_ID, str(path))
            item.setToolTip(str(path))
            added += 1
        if added:
            self.changed.emit()
        self._files_count()
        return added

    def remove_selected(self) -> None:
        rows = sorted((self.files.row(i) for i in self.files.selectedItems()), reverse=True)
        for row in rows:
            self.files.takeItem(row)
        if rows:
            self._files_count()
            self.changed.emit()

    def _files_count(self) -> None:
        n = self.files.count()
        self.files_label.setText(FILES_LABEL + (f"（{n} 个）：" if n else "："))


class RosterPanel(QGroupBox):
    """② 应报单位名单: one unit a line, typed here or loaded from a text file."""
    changed = Signal()
    loadRequested = Signal()

    def __init__(self, parent=None):
        super().__init__("② 应报单位名单", parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText("每行一个本县应报单位的名称，例如：\n某某镇人民政府\n某某县教育局\n"
                                     "填写后，核对结果会列出还没有报送的单位；名单保存在数据文件中。")
        self.count = theme.hint_label("", self)
        self.load_button = button("从文件载入…", "从文本文件（UTF-8 或 GBK 编码，每行一个单位）载入名单", self)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        self.setToolTip(ROSTER_NOTE)        # a hint line here would wrap into the list's room
        layout.addWidget(self.edit, 1)
        layout.addLayout(row)
        self.edit.textChanged.connect(self._edited)
        self.load_button.clicked.connect(self.loadRequested.emit)
        self._edited()

    def names(self) -> list[str]:
        lines = (line.strip(" \t\u3000") for line in self.edit.toPlainText().splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def set_names(self, names: list[str]) -> None:
        self.edit.setPlainText("\n".join(names))

    def _edited(self) -> None:
        n = len(self.names())
        self.count.setText(f"名单中共 {n} 个单位。" if n else "还没有填写名单。")
        self.changed.emit()
