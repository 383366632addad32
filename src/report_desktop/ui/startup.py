"""How ``run()`` starts: the real main window's frame first, everything else after it.

0. ``run()`` first claims the data file (single.py): a second start on a file a window
   holds brings that window to the front and exits before making anything of its own.
1. ``Startup(...)`` + ``show()``: ``MainWindow.deferred()`` — title, restored size and
   position, menu bar, "正在打开数据文件…" — shown right after QApplication, with only
   the few modules the frame needs imported.
2. Once that frame is painted (``framePainted``; or after FALLBACK_MS if the platform
   never paints it, e.g. a minimised start), ``finish()`` opens the door a second start
   knocks on, opens the store
   (asking about a damaged one, in front of the frame; any other unusable store is named
   with its own diagnosis and the window closes; a store on a network share is announced
   once) and calls ``populate``: the tabs,
   panels, menus and the last report, checked.  It runs in one event-loop turn, so keys
   pressed meanwhile wait in the system's queue and reach the finished window; keys that
   reached the bare frame are replayed to it (frame.py).
3. Once the ready window is painted, the log file is opened (logs.py).
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from .single import Keeper

log = logging.getLogger(__name__)

EXIT_NO_STORE = 2
NETWORK_NOTE_KEY = "network_note_shown"
FALLBACK_MS = 400


class Startup:
    def __init__(self, db_path: str | Path | None = None, handler=None, prompts=None,
                 door: bool = False):
        """``handler``: the installed logs.CrashHandler, told the log file and the flush;
        ``door``: this start holds the data file, so it answers a second start (single.py)."""
        from .main_window import MainWindow
        self.began = time.perf_counter()
        self.requested = None if db_path is None else db_path   # "" is refused, not the default
        self.handler = handler
        self.store = None
        self.exit_code: int | None = None      # set when there is nothing to run
        self.times: dict[str, float] = {}      # seconds after __init__: "painted", "ready"
        self._finishing = False
        self.holds_file = door
        self.keeper: Keeper | None = None   # once the frame is shown
        self.window = MainWindow.deferred(prompts)
        self.window.framePainted.connect(self._painted)

    def show(self) -> None:
        self.window.show()
        QTimer.singleShot(FALLBACK_MS, self.finish)

    def _painted(self) -> None:
        self.times["painted"] = time.perf_counter() - self.began
        self.finish()

    def finish(self) -> None:
        """Open the store and complete the window (once; nothing if it was closed meanwhile)."""
        if self._finishing or not self.window.isVisible():
            return
        self._finishing = True
        self._open_door()
        from ..core.store import default_path
        from .dialogs.damaged import open_store
        requested = default_path() if self.requested is None else self.requested
        store = open_store(requested, parent=self.window,
                           warn=lambda title, text: self.window.prompts.warn(title, text))
        if store is None:
            self.exit_code = EXIT_NO_STORE
            self.window.close()                  # not ready: its saved layout is kept
            return
        if store.path != Path(requested) and not self._hold_replacement(store):
            return
        self.store = store
        self.window.populate(store)
        if self.handler is not None:
            self.handler.flush = self.window.flush
        if store.path != Path(requested):
            self.window.status(f"原数据文件已损坏，现在使用的是“{store.path}”。", refusal=True)
        elif store.network:
            self._tell_network(store)
        self.times["ready"] = time.perf_counter() - self.began
        self.window.after_next_frame(self._open_log)

    def _open_door(self) -> None:
        """Answer a second start on this data file (before the store is opened: a dialog
        asking about a damaged store must come to the front as well)."""
        if not self.holds_file or self.keeper is not None:
            return
        from .single import Keeper
        self.keeper = Keeper(self.window)
        self.keeper.open_door(self.requested)

    def _hold_replacement(self, store) -> bool:
        """The file that replaced a damaged store is held too; if a window has it open
        already (started on it by name), that window comes to the front and this one closes."""
        if self.keeper is None:
            return True
        who = self.keeper.hold_also(store.path)
        if who is None:
            return True
        from ..services.holder import server_name
        from .single import EXIT_HELD, EXIT_SHOWN, KNOCK_MS, held_text, knock
        store.close()
        if knock(server_name(store.path), who.pid):
            self.exit_code = EXIT_SHOWN
        else:
            self.window.prompts.warn("数据文件正被使用", held_text(store.path, who, KNOCK_MS / 1000))
            self.exit_code = EXIT_HELD
        self.window.close()
        return False

    def _open_log(self) -> None:
        """The log file, once the ready window is on screen (the crash handler opens it
        itself if something fails before then)."""
        if self.handler is not None:
            self.handler.open_log()
        log.info("start-up: window frame painted %.0f ms, window ready %.0f ms after it was created",
                 self.times.get("painted", float("nan")) * 1000, self.times["ready"] * 1000)

    def _tell_network(self, store) -> None:
        """Say once per data file that a store on a network share is one person's at a time."""
        from ..core.store import StoreError, netfs
        self.window.status(netfs.NOTE)
        try:
            if store.setting(NETWORK_NOTE_KEY):
                return
            store.set_setting(NETWORK_NOTE_KEY, "1")
        except StoreError:
            return
        self.window.prompts.info("数据文件在网络共享文件夹上", netfs.NOTE)

    def close(self) -> None:
        if self.keeper is not None:
            self.keeper.close_doors()
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.keeper is not None:
            self.keeper.release()
