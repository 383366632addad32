"""文件 → 汇总各单位报告: opens the 汇总 dialog (window-modal, not blocking)."""
from __future__ import annotations

from ..context import WindowContext


class SummaryLauncher:
    def __init__(self, ctx: WindowContext, files, parent):
        """``files``: the window's FileActions (folders remembered, exports)."""
        self.ctx, self.files, self.parent = ctx, files, parent
        self.dialog = None

    def open(self):
        """The SummaryDialog, opened (its modules are imported here, not at start-up)."""
        from .view import SummaryDialog
        self.ctx.flush()
        if self.dialog is not None:
            self.dialog.deleteLater()     # the one opened before, closed since
        self.dialog = SummaryDialog(self.ctx, self.files, self.parent)
        self.dialog.fit_screen()
        self.dialog.show()
        return self.dialog
