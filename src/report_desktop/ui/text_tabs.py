"""The prose parts: a comfortable plain-text editor bound to one text of the report.

The editor's own undo is off: every change is a step on the report's undo stack, so
Ctrl+Z / Ctrl+Y work across tabs and cells alike.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from ..core.places import Place
from ..core import drafts
from ..core.register.answer_time import answer_times
from ..core.rollover import DRAFT_MARKER, has_draft_marker
from ..core.rules import ERROR, NOTE, SEVERITY_WORDS, WARNING
from ..core.text_diff import changed_span
from . import theme
from .session import follow
from .text_banner import CompactBanner, banner_lines
from .text_marks import TextMarks, fix_all_button

# The editor keeps at least this share of the window's height, whatever is listed below it
# (from 1024×768 up; a smaller window is the clerk's choice and may shrink the editor).
EDITOR_SHARE = 0.5
SHARE_FROM_HEIGHT = 700


class TextEditor(QPlainTextEdit):
    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.session = None
        self._syncing = False
        self.setUndoRedoEnabled(False)
        self.setFont(theme.editor_font())
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(10)
        self.textChanged.connect(self._edited)
        self.marks = TextMarks(self)      # findings underlined in the text

    def viewportEvent(self, event) -> bool:
        marks = getattr(self, "marks", None)      # events arrive during __init__ too
        return (marks is not None and marks.viewport_event(event)) or super().viewportEvent(event)

    def set_session(self, session) -> None:
        follow(self.session, session, textChanged=self._session_changed)
        self.session = session
        self.setReadOnly(session is None)
        self._syncing = True
        self.setPlainText(session.report.texts.get(self.key, "") if session else "")
        self._syncing = False
        self.marks.set_session(session)

    def _edited(self) -> None:
        if not self._syncing and self.session is not None:
            if not self.session.set_text(self.key, self.toPlainText()):
                # Refused (a 定稿 kept as it is): the text kept comes back once Qt has
                # finished the edit under way (changing it from inside that edit aborts).
                QTimer.singleShot(0, lambda: self._session_changed(self.key))

    def _session_changed(self, key: str) -> None:
        if key == self.key:
            self.sync(self.session.report.texts.get(key, ""))

    def sync(self, text: str) -> None:
        """Show ``text`` by replacing only the part that differs (keeps the cursor sensible)."""
        current = self.toPlainText()
        if current == text:
            return
        start, end_cur, end_new = changed_span(current, text)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end_cur, QTextCursor.MoveMode.KeepAnchor)
        self._syncing = True
        cursor.insertText(text[start:end_new])
        self._syncing = False
        self.setTextCursor(cursor)

    def insert_block(self, text: str, position: int | None = None) -> None:
        """Insert a drafted paragraph as one undo step, on its own line."""
        if self.session is None:
            return
        body = self.toPlainText()
        pos = self.textCursor().position() if position is None else position
        before = "" if pos == 0 or body[pos - 1:pos] == "\n" else "\n"
        after = "" if pos >= len(body) or body[pos:pos + 1] == "\n" else "\n"
        new = body[:pos] + before + text + after + body[pos:]
        self.session.set_text(self.key, new, merge=False, title="插入草稿")
        cursor = self.textCursor()
        cursor.setPosition(pos + len(before) + len(text))
        self.setTextCursor(cursor)

    def select_phrase(self, phrase: str) -> bool:
        found = self.document().find(phrase)
        if found.isNull():
            return False
        self.setTextCursor(found)
        return True

    def keyPressEvent(self, event) -> None:
        if self.session is not None:
            if event.matches(QKeySequence.StandardKey.Undo):
                self.session.undo()
                return
            if event.matches(QKeySequence.StandardKey.Redo) or (
                    event.key() == Qt.Key.Key_Y
                    and event.modifiers() == Qt.KeyboardModifier.ControlModifier):
                self.session.redo()
                return
        super().keyPressEvent(event)


class Banner(QLabel):
    """Findings (and reminders) about one text, shown under its editor."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_items(self, items: list[tuple[str, str]]) -> None:
        """items: (core.severity.Severity, message)."""
        if not items:
            self.hide()
            return
        severity = ERROR if any(s == ERROR for s, _ in items) else items[0][0]
        self.setText("\n".join(f"【{SEVERITY_WORDS[s]}】{m}" for s, m in items))
        style = theme.BANNER_STYLE.get(severity, theme.BANNER_STYLE[WARNING])
        if self.styleSheet() != style:       # a style sheet set again costs a keystroke's budget
            self.setStyleSheet(style)
        self.show()


def text_items(session, key: str, text: str) -> list[tuple[str, str]]:
    items = []
    if session is not None:
        place = Place.TEXT.at(key)
        mine = [f for f in session.findings if place in f.cells]
        # Proofreading findings are underlined in the text; the banner only counts them.
        items = [(f.severity, f.message) for f in mine if not f.rule.startswith("P")]
        proofread = sum(f.rule.startswith("P") for f in mine)
        if proofread:
            items.append((WARNING, f"文中有 {proofread} 处标点、用语等问题，已用波浪线标出："
                                     "鼠标停在上面查看，右键可修正。"))
    if has_draft_marker(text):
        items.append((NOTE, f"本部分是从上年报告复制的草稿。请按本年实际修改，改完后删除第一行"
                              f"“{DRAFT_MARKER}”。"))
    return items


class TextTab(QWidget):
    """一、五、六: heading, guidance, helper buttons, editor, findings."""
    feeRequested = Signal()

    def __init__(self, key: str, heading: str, guidance: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.session = None
        title = theme.heading_label(heading, self)
        hint = theme.hint_label(guidance, self)
        self.editor = TextEditor(key, self)
        self.banner = CompactBanner(self)
        # The heading shares its row with the helper buttons: every line above the editor
        # is a line less to write in.
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        self.buttons.addWidget(title)
        self.buttons.addSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(4)
        layout.addLayout(self.buttons)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.banner)
        if key == "overview":
            self._button("插入提纲", "插入常用的小标题：（一）主动公开……（五）监督保障", self.insert_outline)
            self._button("生成依申请公开段落", "根据表三的数字写出受理、办结、结转等情况的句子",
                         self.insert_applications)
        self.buttons.addWidget(fix_all_button(self.editor, self))
        if key == "problems":
            self.late_button = self._button(
                "生成逾期答复说明", "根据台账计算超过法定期限答复的件数和最长逾期天数，写出说明和改进措施",
                self.insert_late_answers)
        if key == "other":
            self._button("信息处理费…", "填写收费通知件数和金额，生成信息处理费情况的句子",
                         self.feeRequested.emit)
        self.buttons.addStretch(1)
        self.editor.textChanged.connect(self.refresh_banner)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        self.buttons.addWidget(b)
        return b

    def set_session(self, session) -> None:
        follow(self.session, session, findingsChanged=self.refresh_banner)
        self.session = session
        self.editor.set_session(session)
        self.refresh_banner()

    def refresh_banner(self) -> None:
        if self.key == "problems":
            self.late_button.setEnabled(self.session is not None
                                        and self.session.report.register is not None)
        self.banner.show_lines(*banner_lines(self.session, self.key, self.editor.toPlainText()))

    def resizeEvent(self, event) -> None:
        """Half the window for writing: the findings panel gives way, not the editor."""
        super().resizeEvent(event)
        height = self.window().height()
        want = int(height * EDITOR_SHARE) if height >= SHARE_FROM_HEIGHT else 120
        if self.editor.minimumHeight() != want:
            self.editor.setMinimumHeight(want)

    def insert_outline(self) -> None:
        missing = drafts.missing_outline(self.editor.toPlainText())
        if missing:
            end = len(self.editor.toPlainText())
            self.editor.insert_block("\n".join(missing), end)

    def insert_late_answers(self) -> None:
        rep = self.session.report if self.session is not None else None
        if rep is None or rep.register is None:
            return
        times = answer_times(rep.register, rep.year, self.session.calendar)
        self.editor.insert_block(drafts.late_answers_sentence(times))

    def insert_applications(self) -> None:
        if self.session is None:
            return
        sentence = drafts.applications_sentence(self.session.report)
        body = self.editor.toPlainText()
        anchor = drafts.applications_anchor(body)
        if anchor is None:
            self.editor.insert_block(sentence)
            return
        line_start = body.rfind("\n", 0, anchor) + 1
        line = body[line_start:anchor]
        if len(re.sub(r"\s", "", line)) <= 12:      # a bare sub-heading: new paragraph
            self.editor.insert_block(sentence, anchor)
        else:                                        # a paragraph: add the sentence to it
            self.session.set_text(self.key, body[:anchor] + sentence + body[anchor:],
                                  merge=False, title="插入草稿")
