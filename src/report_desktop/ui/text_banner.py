"""The compact line(s) under a text editor: what the section still needs, never the editor's room.

At most two lines: the draft-marker hint (never cut: it says which line to delete) and a
count of the section's findings with the most important message, elided to the width.
Every message is in the tool tip; the findings themselves are underlined in the text and
listed in the findings panel.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from ..core.places import Place
from ..core.rollover import has_draft_marker
from ..core.rules import ERROR, NOTE, SEVERITY_WORDS, WARNING
from . import theme

DRAFT_HINT = "本部分是上年内容的草稿：按本年实际改完后，删除标黄的第一行提示。"


def banner_lines(session, key: str, text: str) -> tuple[list[tuple[str, str]], str, str]:
    """(lines, severity, tool tip) for section ``key``: lines are (severity, text), at most two."""
    place = Place.TEXT.at(key)
    mine = [f for f in session.findings if place in f.cells] if session is not None else []
    lines: list[tuple[str, str]] = []
    if has_draft_marker(text):
        lines.append((NOTE, DRAFT_HINT))
    errors = sum(f.severity == ERROR for f in mine)
    warnings = len(mine) - errors
    if mine:
        counts = "、".join(f"{SEVERITY_WORDS[s]} {n} 处" for s, n in ((ERROR, errors), (WARNING, warnings))
                          if n)
        marked = sum(f.range is not None for f in mine)
        # The most important message the text does not already show with a wavy line.
        unmarked = sorted((f for f in mine if f.range is None and not f.rule.startswith("P")),
                          key=lambda f: f.severity.rank)
        top = unmarked[0].message if unmarked else ""
        where = f"（{marked} 处已在文中用波浪线标出，鼠标停在上面查看）" if marked else ""
        lines.append((ERROR if errors else WARNING, f"{counts}{where}{'：' + top if top else ''}"))
    tip = "\n".join(f"【{SEVERITY_WORDS[f.severity]}】{f.message}" for f in mine
                    if not f.rule.startswith("P"))
    severity = ERROR if errors else (WARNING if mine else NOTE)
    return lines, severity, tip


class CompactBanner(QLabel):
    """At most two lines, each cut to the width with "…" except the draft hint."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(False)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._lines: list[tuple[str, str]] = []
        self._shown: tuple | None = None      # what the last show_lines drew
        self.hide()

    def show_lines(self, lines: list[tuple[str, str]], severity: str, tip: str = "") -> None:
        if self._shown == (lines[:2], severity, tip):
            return          # a style sheet set again costs a keystroke's budget
        self._shown = (lines[:2], severity, tip)
        self._lines = lines[:2]
        if not self._lines:
            self.hide()
            return
        self.setStyleSheet(theme.BANNER_STYLE.get(severity, theme.BANNER_STYLE[WARNING]))
        self.setToolTip(tip)
        self._fit()
        self.show()

    def full_text(self) -> str:
        return "\n".join(t for _s, t in self._lines)

    def _fit(self) -> None:
        room = max(80, self.contentsRect().width() - 4)
        metrics = self.fontMetrics()
        shown = [t if s == NOTE else metrics.elidedText(t, Qt.TextElideMode.ElideRight, room)
                 for s, t in self._lines]
        self.setText("\n".join(shown))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._lines:
            self._fit()
