"""How much a finding matters, and how the clerk is told: typed here once.

A module of its own (no imports) so the window's colours (ui/theme.py) can key on it
without loading the rules at start-up; core.rules re-exports it.
"""
from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """Most first; the value is the ``severity`` of docs/interchange.md's findings."""
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"       # not a finding: a reminder the window shows (e.g. a draft to finish)

    @property
    def rank(self) -> int:
        """Errors 0, warnings 1, notes 2: the order findings are listed in."""
        return _RANK[self]


ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE
# How the clerk is told each, in the window and on the command line.
SEVERITY_WORDS: dict[str, str] = {ERROR: "错误", WARNING: "提醒", NOTE: "提示"}
_RANK = {s: i for i, s in enumerate(Severity)}
