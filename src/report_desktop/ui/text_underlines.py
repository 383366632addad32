"""The wavy underlines of a text editor's marks (text_marks.py), made as few times as can be.

A keystroke shifts the marks; most underlines stay as they were: Qt moves the cursor of
each one with the edit, so only those the edit touched are made again.  A validation
that leaves a section's marks looking the same repaints nothing (``looks``).  The ranged
findings of all sections are sorted out once per validation (``ranged_by_section``).
"""
from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from ..core.rules import ERROR, Finding
from . import theme

Mark = tuple[int, int, Finding]        # (start, end, finding), in code points


def astral(text: str) -> bool:
    """Characters beyond the BMP, which Qt counts as two positions (rare CJK, emoji)."""
    return not text.isascii() and max(text) >= "\U00010000"


def utf16(text: str, i: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points."""
    return len(text[:i].encode("utf-16-le")) // 2


def looks(marks: list[Mark]) -> list[tuple]:
    """What the marks look like in the editor (and what the fix button counts)."""
    return [(a, b, f.severity, f.rule) for a, b, f in marks]


_RANGED: list = [None, {}]      # [the findings list last indexed, its index]


def ranged_by_section(findings: list) -> dict[str, list[Mark]]:
    """section → (start, end, finding) of its findings with a range, in order; worked out
    once per validation for all the sections' editors (the list is new each time)."""
    if _RANGED[0] is not findings:
        index: dict[str, list[Mark]] = {}
        for f in findings:
            if f.range is not None:
                key = f.text_key
                if key is not None:
                    index.setdefault(key, []).append((f.range[0], f.range[1], f))
        _RANGED[0], _RANGED[1] = findings, index
    return _RANGED[1]


_FORMATS: dict[tuple[bool, bool], QTextCharFormat] = {}


def _underline(error: bool, tinted: bool) -> QTextCharFormat:
    """A wavy underline, red for an error, amber for a warning; a mark of one or two
    characters or of blanks also gets a tint, or it would hardly be seen."""
    fmt = _FORMATS.get((error, tinted))
    if fmt is None:
        fmt = _FORMATS[(error, tinted)] = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(theme.ERROR_UNDERLINE if error else theme.WARNING_UNDERLINE)
        if tinted:
            fmt.setBackground(theme.ERROR_TINT if error else theme.WARNING_TINT)
    return fmt


class Underlines:
    """The underline of each (start, end, error, tinted) made for the text last drawn."""

    def __init__(self, document: QTextDocument):
        self.document = document
        self._made: dict[tuple, QTextEdit.ExtraSelection] = {}
        self._text: str | None = None
        self._edits: list[tuple[int, int, int]] = []     # the document's changes since
        document.contentsChange.connect(lambda *edit: self._edits.append(edit))

    def carry(self, old: str, text: str, start: int, end_old: int, end_new: int) -> None:
        """Keep the underlines the edit old[start:end_old] → text[start:end_new] did not
        touch: Qt has moved their cursors with it.  Only when the document's one change is
        that span (in a run of equal characters the two can differ) and no position is
        counted in UTF-16 units; else every underline is made again."""
        carried: dict[tuple, QTextEdit.ExtraSelection] = {}
        if (self._text == old and self._edits == [(start, end_old - start, end_new - start)]
                and not astral(old) and not astral(text)):
            delta, inserted = end_new - end_old, end_new > start
            for (a, b, error, tinted), sel in self._made.items():
                if b < start or (b == start and not inserted):     # before the edit
                    carried[(a, b, error, tinted)] = sel
                elif a >= end_old:                                  # after it: moved
                    carried[(a + delta, b + delta, error, tinted)] = sel
        self._made, self._text = carried, text
        self._edits = []

    def selections(self, text: str, marks: list[Mark]) -> list[QTextEdit.ExtraSelection]:
        """The underlines of ``marks`` in ``text`` (the document's text), made only where
        not made already."""
        self._edits = []
        if text != self._text:              # the underlines made for another text are void
            self._made, self._text = {}, text
        pos = (lambda i: utf16(text, i)) if astral(text) else (lambda i: i)
        made, out = self._made, []
        for a, b, f in marks:
            error = f.severity == ERROR
            tinted = b - a <= 2 or not text[a:b].strip()
            sel = made.get((a, b, error, tinted))
            if sel is None:
                sel = made[(a, b, error, tinted)] = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document)
                cursor.setPosition(pos(a))
                cursor.setPosition(pos(b), QTextCursor.MoveMode.KeepAnchor)
                sel.cursor, sel.format = cursor, _underline(error, tinted)
            out.append(sel)
        return out
