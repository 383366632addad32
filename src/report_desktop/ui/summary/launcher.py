"""文件 → 汇总各单位报告: opens the 汇总 dialog (window-modal, not blocking)."""
from __future__ import annotations

from ...core.schema import Level
from ..actions import Tool, command
from ..context import WindowContext


class SummaryLauncher:
    def __init__(self, ctx: WindowContext, files, parent):
        """``files``: the window's FileActions (folders remembered, exports)."""
        self.ctx, self.files, self.parent = ctx, files, parent
        self.dialog = None

    @command("summary", "汇总各单位报告(&M)…", ("file", 4, 10), keys=("Ctrl+M",), typed_first=True,
             tip="把各单位的报告逐格相加，生成本级政府的汇总报告",
             tool=Tool("汇总", 3, 20, levels=(Level.GOVERNMENT,)))     # only those who make the summary
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
