"""Findings shown in the text itself, as a spell checker does.

Each finding with a character range is underlined in its editor (red for 错误, amber for
提醒) with its message as the tooltip.  Half-width punctuation and stray spaces (P1/P2)
can be fixed from the right-click menu, one at a time or all of a section at once; each
fix is one undo step.  While the clerk types, the marks shift with the text until the
next validation replaces them.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QMenu, QPushButton, QTextEdit, QToolTip

from ..core import schema
from ..core.rollover import DRAFT_MARKER
from ..core.rules import SEVERITY_WORDS
from ..core.rules.proofread.fixes import Edit, apply, edit_for, safe_edits
from ..core.text_diff import changed_span
from . import theme
from .session import follow
from .text_underlines import Mark, Underlines, astral, looks, ranged_by_section, utf16

FIXABLE = ("P1", "P2")           # fixed all at once (全部修正标点)
ONE_BY_ONE = FIXABLE + ("P5",)   # offered one by one in the menu (P5: 其它 → 其他)
DRAFT_TIP = f"这一行“{DRAFT_MARKER}”是从上年创建时加的提示：按本年实际改完本部分后，删除这一行。"


# Qt's names for the standard context menu's entries → the window's actions that replace them.
_WINDOW_EDIT_ACTIONS = {"edit-undo": "undo", "edit-redo": "redo"}


class TextMarks(QObject):
    changed = Signal()          # the marks were repainted

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.session = None
        self.marks: list[Mark] = []                         # (start, end, finding)
        self._text = ""                                     # the text the marks refer to
        self._underlines = Underlines(editor.document())
        # The editor hands its viewport's events to viewport_event() (TextEditor.viewportEvent):
        # asking for the viewport widget here would make PySide6 look its plain-QWidget type
        # up against every widget class, initialising them all (≈15 ms at start-up).
        editor.textChanged.connect(self._text_edited)

    # -- findings → marks --------------------------------------------------------------
    def set_session(self, session) -> None:
        follow(self.session, session, findingsChanged=self.refresh)
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        """Take the ranged findings of this section from the last validation."""
        key = self.editor.key
        marks, text = [], self._text
        if self.session is not None:
            text = self.session.report.texts.get(key, "")
            marks = ranged_by_section(self.session.findings).get(key, [])
        if text == self._text == self.editor.toPlainText() and looks(marks) == looks(self.marks):
            self.marks = marks      # the same underlines (a keystroke's marks were shifted
            return                  # already): the new findings, no repaint
        self.marks, self._text = marks, text
        self._text_edited()

    def _text_edited(self) -> None:
        """Shift the marks over an edit (no validation yet); drop those it touched."""
        text = self.editor.toPlainText()
        old = self._text
        if text != old:
            start, end_old, end_new = changed_span(old, text)
            delta = end_new - end_old
            self.marks = [(a, b, f) if b <= start else (a + delta, b + delta, f)
                          for a, b, f in self.marks if b <= start or a >= end_old]
            self._text = text
            self._underlines.carry(old, text, start, end_old, end_new)
        self._paint()

    def draft_lines(self) -> list[tuple[int, int]]:
        """(start, end) of each draft-marker occurrence in the text."""
        out, text, i = [], self._text, self._text.find(DRAFT_MARKER)
        while i != -1:
            out.append((i, i + len(DRAFT_MARKER)))
            i = text.find(DRAFT_MARKER, i + 1)
        return out

    def _draft_selections(self, pos) -> list:
        """The draft-marker line painted across the editor, bold: it is to be deleted."""
        out = []
        for a, b in self.draft_lines():
            line = QTextEdit.ExtraSelection()          # the whole line's background
            line.cursor = QTextCursor(self.editor.document())
            line.cursor.setPosition(pos(a))
            line.format = QTextCharFormat()
            line.format.setBackground(theme.WARNING_BG)
            line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            words = QTextEdit.ExtraSelection()         # the marker itself, bold
            words.cursor = QTextCursor(self.editor.document())
            words.cursor.setPosition(pos(a))
            words.cursor.setPosition(pos(b), QTextCursor.MoveMode.KeepAnchor)
            words.format = QTextCharFormat()
            words.format.setForeground(theme.WARNING_FG)
            words.format.setFontWeight(QFont.Weight.Bold)
            out += [line, words]
        return out

    def _paint(self) -> None:
        text = self._text
        pos = (lambda i: utf16(text, i)) if astral(text) else (lambda i: i)
        self.editor.setExtraSelections(self._draft_selections(pos)
                                       + self._underlines.selections(text, self.marks))
        self.changed.emit()

    def select(self, finding) -> bool:
        """Select the span a finding is about (for a click in the findings panel)."""
        found = next(((a, b) for a, b, f in self.marks if f == finding), None)
        if found is None:
            return False
        text = self._text
        pos = (lambda i: utf16(text, i)) if astral(text) else (lambda i: i)
        cursor = self.editor.textCursor()
        cursor.setPosition(pos(found[0]))
        cursor.setPosition(pos(found[1]), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        return True

    # -- what is at a point ------------------------------------------------------------
    def findings_at(self, index: int) -> list:
        """Findings whose range covers the character at ``index`` (or just before it)."""
        exact = [f for a, b, f in self.marks if a <= index < b]
        return exact or [f for a, b, f in self.marks if a <= index - 1 < b]

    def _index_at(self, pos) -> int:
        q = self.editor.cursorForPosition(pos).position()
        text = self._text
        if not astral(text):
            return q
        units = 0
        for i, ch in enumerate(text):       # back from UTF-16 units to code points
            if units >= q:
                return i
            units += 2 if ord(ch) > 0xFFFF else 1
        return len(text)

    def fixes_at(self, index: int) -> list[Edit]:
        out = []
        for f in self.findings_at(index):
            if f.rule in ONE_BY_ONE:
                e = edit_for(self._text, f.range)
                if e is not None and e not in out:
                    out.append(e)
        return out

    # -- events ------------------------------------------------------------------------
    def viewport_event(self, event) -> bool:
        """Tool tips on marks, the menu with fixes; True when the event was handled."""
        if event.type() == QEvent.Type.ToolTip:
            index = self._index_at(event.pos())
            found = self.findings_at(index)
            if found:
                QToolTip.showText(event.globalPos(), "\n".join(
                    f"【{SEVERITY_WORDS[f.severity]}】{f.message}" for f in found),
                    self.editor.viewport())
            elif any(a <= index <= b for a, b in self.draft_lines()):
                QToolTip.showText(event.globalPos(), DRAFT_TIP, self.editor.viewport())
            else:
                QToolTip.hideText()
            return True
        if event.type() == QEvent.Type.ContextMenu and self.session is not None:
            menu = self.context_menu(event.pos())
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return False

    def context_menu(self, pos) -> QMenu:
        """The editor's own menu, with the fixes for the spot clicked on top and the
        window's 撤销/重做 (the report's undo history) in place of the editor's own, which
        is switched off and would always be grey."""
        menu = self.editor.createStandardContextMenu(pos)
        window_actions = getattr(getattr(self.editor.window(), "workspace", None), "actions", {})
        for own in menu.actions():
            key = _WINDOW_EDIT_ACTIONS.get(own.objectName())
            if key in window_actions:
                menu.insertAction(own, window_actions[key])
                menu.removeAction(own)
        first = menu.actions()[0] if menu.actions() else None
        added = []
        for e in self.fixes_at(self._index_at(pos)):
            act = menu.addAction(f"修正：{e.label()}")
            act.triggered.connect(lambda _=False, e=e: self.apply_one(e))
            added.append(act)
        fix_all = menu.addAction("全部修正本部分标点…")
        fix_all.setEnabled(bool(safe_edits(self._text)))
        fix_all.triggered.connect(self.fix_all)
        added.append(fix_all)
        for act in added:
            menu.removeAction(act)
        menu.insertActions(first, added)
        menu.insertSeparator(first)
        return menu

    # -- fixes ---------------------------------------------------------------------------
    def apply_one(self, edit: Edit) -> None:
        text = self.editor.toPlainText()
        if self.session is None or text[edit.start:edit.end] != edit.old:
            return
        self.session.set_text(self.editor.key, apply(text, [edit]), merge=False,
                              title=f"修正{edit.kind}：{edit.label()}")

    def fix_all(self) -> None:
        """Show every safe fix of this section, then apply them as one undo step."""
        if self.session is None:
            return
        text = self.editor.toPlainText()
        edits = safe_edits(text)
        if not edits:
            return
        changes = [f"第{e.start + 1}字　{e.label()}　…{text[max(0, e.start - 8):e.end + 8]}…"
                   .replace("\n", " ") for e in edits]
        section = schema.TEXTS.get(self.editor.key, self.editor.key)
        if not self._prompts().review_fixes(section, changes):
            return
        self.session.set_text(self.editor.key, apply(text, edits), merge=False,
                              title=f"修正“{section}”的标点（{len(edits)}处）")

    def _prompts(self):
        prompts = getattr(self.editor.window(), "prompts", None)
        if prompts is None:
            from .prompts import Prompts
            prompts = Prompts(self.editor.window())
        return prompts


def fix_all_button(editor, parent) -> QPushButton:
    """全部修正标点 for a text tab's button row; enabled while there is something to fix."""
    button = QPushButton("全部修正标点", parent)

    def update() -> None:
        n = sum(1 for _a, _b, f in editor.marks.marks if f.rule in FIXABLE)
        button.setEnabled(n > 0)
        button.setToolTip(f"把本部分的半角标点改为全角、删除多余空格和重复标点（{n} 处），修正前先列出"
                          if n else "本部分没有可自动修正的标点")

    button.clicked.connect(editor.marks.fix_all)
    editor.marks.changed.connect(update)
    update()
    return button
