"""A slip found in one text: where it is, what to do, and the safe fix if there is one."""
from __future__ import annotations

from typing import NamedTuple


class Slip(NamedTuple):          # a tuple: a long text makes hundreds, created fast
    rule: str
    start: int
    end: int
    message: str
    # The text that replaces [start, end) when the fix is unambiguous (P1/P2), else None.
    replacement: str | None = None
