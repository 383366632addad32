"""使用说明 (F1): a list of topics beside a QTextBrowser; offline, from the package's files."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QListWidget,
                               QTextBrowser, QVBoxLayout)

from .topics import HELP_DIR, TOPICS, Topic

IMAGE_WIDTH = 620     # the pictures are ~900 px wide: shown smaller, sharp when scaled


def topic_html(topic: Topic) -> str:
    html = f"<h2>{escape(topic.title)}</h2>{topic.text}"
    if topic.image:
        html += f'<p><img src="{escape(topic.image)}" width="{IMAGE_WIDTH}"></p>'
    return html


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.topics = QListWidget(self)
        self.topics.addItems([t.title for t in TOPICS])
        self.topics.setMaximumWidth(170)
        self.page = QTextBrowser(self)
        self.page.setOpenLinks(False)
        self.page.setSearchPaths([str(HELP_DIR)])
        self.topics.currentRowChanged.connect(self.show_topic)
        buttons = QDialogButtonBox(self)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.topics)
        row.addWidget(self.page, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        screen = parent.screen().availableGeometry() if parent is not None else None
        width = min(880, screen.width() * 9 // 10) if screen else 880
        height = min(640, screen.height() * 85 // 100) if screen else 640
        self.resize(width, height)
        self.topics.setCurrentRow(0)

    def show_topic(self, row: int) -> None:
        if 0 <= row < len(TOPICS):
            self.page.setHtml(topic_html(TOPICS[row]))
