"""What the parts of the main window are given: the store, the prompts, the status line
and the open report, passed explicitly (no part reaches back into the window)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..core.store import Store
from .prompts import Prompts


@dataclass(frozen=True)
class WindowContext:
    store: Store
    prompts: Prompts
    status: Callable[..., None]            # status(text, refusal=False)
    session: Callable[[], object]          # the open report's Session, or None
    open_report: Callable[..., bool]       # open_report(report_id, force=False)
    close_report: Callable[[], None]       # close the open report (its undo history too)
    show_welcome: Callable[[], None]       # the page shown when the store has no report
    visible: Callable[[], bool]            # the window is still open (results may be dropped)

    def flush(self) -> None:
        """Write the open report's pending edits before anything reads the store."""
        session = self.session()
        if session is not None:
            session.flush()
