"""A slip found in one text: where it is, what to do, and the safe fix if there is one."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slip:
    rule: str
    start: int
    end: int
    message: str
    # The text that replaces [start, end) when the fix is unambiguous (P1/P2), else None.
    replacement: str | None = None
