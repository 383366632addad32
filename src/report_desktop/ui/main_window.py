"""The main window: its frame (frame.py) at once, the workspace (workspace.py) after it.

``MainWindow(store)`` builds the whole window at once (tests, the smoke test).  ``run()``
shows ``MainWindow.deferred()`` instead — only the frame — and calls ``populate(store)``
once that frame is on screen; ``populate`` imports the workspace, the one import that
brings in the rest of the program, so the frame appears before any of it is loaded.
"""
from __future__ import annotations

from . import theme
from .frame import WindowFrame
from .prompts import Prompts


class MainWindow(WindowFrame):
    def __init__(self, store, prompts: Prompts | None = None):
        """The complete window on ``store``; with ``store=None`` only its frame (see deferred)."""
        super().__init__()
        self.prompts = prompts or Prompts(self)
        self.workspace = None
        self._build_frame()
        if store is not None:
            self.populate(store)

    @classmethod
    def deferred(cls, prompts: Prompts | None = None) -> "MainWindow":
        """The frame alone (title, size, menu bar, a placeholder), cheap enough to show
        before the rest of the program is imported; ``populate(store)`` completes it."""
        return cls(None, prompts)

    def populate(self, store) -> None:
        """Build the tabs, panels, menus and tool bar and open the last report."""
        from .workspace import Workspace   # the boundary: everything past the frame
        self.workspace = Workspace(self, store, self.prompts)
        self._show_added_widgets()
        self.workspace.size_panels()
        self._restore_state()
        self.workspace.open_last()
        self._become_ready()

    # -- what others ask of the window ---------------------------------------------------------
    @property
    def session(self):
        return self.workspace.session if self.workspace is not None else None

    @property
    def store(self):
        return self.workspace.store if self.workspace is not None else None

    def open_report(self, report_id: int, force: bool = False) -> bool:
        return self.workspace.open_report(report_id, force)

    def flush(self) -> bool:
        """Write pending edits (the crash handler calls this); True when all is saved."""
        return self.workspace is None or self.workspace.flush()

    def status(self, text: str, refusal: bool = False) -> None:
        bar = self.statusBar()
        bar.setStyleSheet(f"QStatusBar {{ color: {theme.ERROR_FG.name()}; }}" if refusal else "")
        bar.showMessage(text, 10000 if refusal else 6000)

    # -- closing --------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self.workspace is not None and not self.workspace.entries.commit_open_editors():
            event.ignore()         # the clerk chose to correct an entry that was refused
            return
        if not self.flush():
            if not self.prompts.confirm("保存失败", "最近的修改还没能写入数据文件。仍然退出吗？",
                                        yes="仍然退出", no="不退出"):
                event.ignore()
                return
        self._save_layout()
        if self.workspace is not None:
            self.workspace.close_report()
        super().closeEvent(event)
