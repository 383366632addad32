"""Starting the window: ``run(db_path)`` is what ``report-desktop`` calls with no verb.

Only what the first frame needs is imported here; see startup.py for the order of things.
"""
from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..services.holder import Claim

from .qapp import ICON, application  # noqa: F401 - ICON: tests and tools read it here
from .startup import EXIT_NO_STORE, Startup  # noqa: F401 - EXIT_NO_STORE is run()'s too

EXIT_OK = 0


def run(db_path: str | Path | None = None) -> int:
    """Open the window on the store at ``db_path`` (default: the user data folder)."""
    gc.disable()        # start-up makes many objects and frees few: no collections until ready
    from .earlyinit import check, refuse
    problem = check()                  # before any Qt object that lives: see earlyinit
    if problem:
        return refuse(problem)
    claim: Claim | None = None
    if db_path is None or str(db_path).strip():       # "" is refused by Startup, not held
        from .single import acquire
        got = acquire(db_path)         # one window per data file: see single.py
        if isinstance(got, int):
            gc.enable()
            return got
        claim = got
    app = application()
    from .logs import CrashHandler
    handler = CrashHandler(None)       # the log file is opened once the window is ready
    handler.opens_log = True
    handler.install()
    start = Startup(db_path, handler, door=claim is not None)
    start.window.ready.connect(_collect_later)
    start.show()
    try:
        code = app.exec()
        return start.exit_code if start.exit_code is not None else code
    finally:
        sys.excepthook = sys.__excepthook__
        start.close()                  # the store first, then the data file is let go
        if claim is not None:
            claim.release()
        gc.enable()


def _collect_later() -> None:
    """Once the window is ready: what start-up made stays (gc.freeze keeps later collections
    from scanning it again while the clerk types), and collection resumes."""
    gc.freeze()
    gc.enable()
