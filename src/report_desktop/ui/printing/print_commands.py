"""打印预览 (Ctrl+P) and 打印…: Qt's own preview and print dialogs (Chinese from Qt's zh_CN
catalogue and qt_words.py) over the paginated document of paged.py.

Laying out a whole report takes about 0.15 s (measured with the sample report), so it runs
on the GUI thread: a worker thread could not paint on the preview's printer anyway."""
from __future__ import annotations

from PySide6.QtCore import QObject

from ..actions import Needs, command
from ..context import WindowContext


class PrintCommands(QObject):
    def __init__(self, ctx: WindowContext, window, parent=None):
        super().__init__(parent)
        self.ctx, self.window = ctx, window

    # QtPrintSupport and the layout code load at the first use, not at every start.
    def _job(self):
        """(an A4 printer, paint(printer) of the report as it is now — a draft marked as one);
        None without a report."""
        session = self.ctx.session()
        if session is None:
            return None
        session.flush()
        from PySide6.QtPrintSupport import QPrinter

        from ...services.exporting import publish_check
        from . import paged
        report = session.report.copy()
        draft = publish_check(report, session.findings).draft_note()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        paged.prepare(printer)
        return printer, lambda p: paged.paint(report, p, draft)

    @command("print_preview", "打印预览(&V)…", ("file", 3, 10), keys=("Ctrl+P",), typed_first=True,
             needs=Needs.REPORT, tip="按正式格式（A4、页码）预览并打印当前报告")
    def preview(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog
        job = self._job()
        if job is None:
            return
        printer, paint = job
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle("打印预览")
        dialog.paintRequested.connect(paint)
        screen = self.window.screen().availableGeometry()
        dialog.resize(min(1000, screen.width() * 9 // 10), screen.height() * 9 // 10)
        dialog.exec()

    @command("print", "打印(&R)…", ("file", 3, 20), keys=("Ctrl+Shift+P",), typed_first=True,
             needs=Needs.REPORT, tip="选择打印机，按正式格式打印当前报告")
    def print_(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog
        job = self._job()
        if job is None:
            return
        printer, paint = job
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("打印")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            paint(printer)
