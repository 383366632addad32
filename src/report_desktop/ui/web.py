"""Publishing on the government website from the window: 导出网页, 复制网页版 (the page's
HTML and its plain text on the clipboard at once, for the site's rich-text editor),
导入网页 and 从网页粘贴 (a report read back from a page, imported like a file)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QGuiApplication, QStandardItemModel

from ..core.files import ReportFileError
from ..core.final import Stamp
from .actions import Needs, command
from .context import WindowContext
from .file_actions import WEB_FILTER, FileActions
from .jobs import TaskJob, finished_reading, start_reading

CLIPBOARD = "剪贴板中的网页"
_ALL = "所有文件 (*)"


def qt_mime_data() -> QMimeData:
    """An empty QMimeData made by Qt, not by Python.

    A QMimeData constructed in Python is a shiboken subclass whose destructor calls into
    Python.  The clipboard keeps what it is given until the process ends — after Python
    has shut down — and deleting such an object then crashes the program on exit
    (PySide6 6.12, measured: exit status 139).  A model's ``mimeData`` is a plain Qt object.
    """
    model = QStandardItemModel(1, 1)
    mime = model.mimeData([model.index(0, 0)])
    for fmt in mime.formats():
        mime.removeFormat(fmt)
    return mime


def _read_clipboard_html(html: str):
    """On a pool thread: the report a page copied from a browser or Word holds."""
    from ..core.html.reader import from_html     # not at start-up (see startup.py)
    return from_html(html, CLIPBOARD)


class WebActions(QObject):
    copied = Signal(str)       # status text after 复制网页版
    imported = Signal(int)     # report id read from the clipboard
    refused = Signal(str)      # Chinese message, already shown

    def __init__(self, ctx: WindowContext, files: FileActions, parent=None):
        super().__init__(parent)
        self.ctx, self.files = ctx, files
        self.reading = None    # the TaskJob reading the clipboard
        # the 定稿 a report still is (ui/final_actions.py sets it)
        self.stamp_of: Callable[[Any], Stamp | None] = lambda _report: None

    # -- publishing ----------------------------------------------------------------------
    @command("export_web", "导出网页(&H)…", ("file", 2, 80), typed_first=True,
             needs=Needs.REPORT | Needs.NOT_WRITING,
             tip="把当前报告导出为网页（.html），用于在政府网站上公开")
    def export_page(self, path: Path | None = None):
        """导出网页: the page written off the GUI thread, like every export, under the
        export policy (what goes on the website must be right: problems are listed first)."""
        session = self.ctx.session()
        if session is None:
            return None
        session.flush()
        report = session.report.copy()
        stamp = self.stamp_of(report)      # a page of an unchanged 定稿 carries its stamp
        return self.files.export_report(report, ".html", path, session.findings,
                                        stamp=(lambda: stamp) if stamp is not None else None)

    @command("copy_web", "复制网页版(&Y)", ("file", 2, 90), keys=("Ctrl+Shift+C",), typed_first=True,
             needs=Needs.REPORT, tip="复制当前报告的网页版，可直接粘贴到政府网站的编辑器中，表格保持原样")
    def copy_page(self) -> bool:
        """复制网页版: text/html for the site's editor and text/plain (tables as tab-separated
        rows, for Excel/WPS or a plain editor) on the clipboard together."""
        session = self.ctx.session()
        if session is None:
            self.ctx.status("请先打开一份报告。", refusal=True)
            return False
        session.flush()
        report = session.report.copy()
        if not self.files.may_publish(report, Path("网页.html"), session.findings, "复制"):
            return False
        from ..core.html import writer     # loads python-docx: not at start-up (startup.py)
        mime = qt_mime_data()
        mime.setHtml(writer.body(report))
        mime.setText(writer.plain_text(report))
        QGuiApplication.clipboard().setMimeData(mime)
        text = "已复制网页版：在网站编辑器中粘贴即可，表格的合并单元格和格式都会保留。"
        self.ctx.status(text)
        self.copied.emit(text)
        return True

    # -- reading back ------------------------------------------------------------------------
    @command("import_web", "导入网页(&O)…", ("file", 2, 20),
             tip="从保存的网页文件（.html）中读取一份报告")
    def import_page(self, path: Path | None = None):
        """导入网页: a saved .html/.htm page, read like any report file."""
        if path is None:
            path = self.ctx.prompts.open_path("导入网页", f"{WEB_FILTER};;{_ALL}", self.files.folder())
            if path is None:
                return None
        return self.files.import_file(Path(path))

    @command("paste_web", "从网页粘贴(&G)", ("file", 2, 30),
             tip="把在浏览器中复制的年度报告网页读入为一份报告")
    def paste_page(self):
        """从网页粘贴: the HTML on the clipboard read on a pool thread, then imported."""
        if self.reading is not None or self.files.reading is not None:
            self.ctx.status("正在导入另一份报告，请稍候。", refusal=True)
            return None
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasHtml():
            self._refuse("剪贴板中没有网页内容。请在浏览器中打开年度报告的网页，全选（Ctrl+A）"
                         "并复制（Ctrl+C）后，再选择“从网页粘贴”。")
            return None
        html = mime.html()
        job = TaskJob(lambda _progress, _cancel: _read_clipboard_html(html),
                      f"读取{CLIPBOARD}时出错", expected=(ReportFileError,))
        self.ctx.status(f"正在读取{CLIPBOARD}…")
        return start_reading(self, job, self._read_done, self._read_failed)

    def _finished(self, number: int) -> bool:
        return finished_reading(self, number) is not None and self.ctx.visible()

    def _read_done(self, number: int, report) -> None:
        if self._finished(number):
            report_id = self.files.store_import(report, CLIPBOARD)
            if report_id is not None:
                self.imported.emit(report_id)

    def _read_failed(self, number: int, message: str) -> None:
        if self._finished(number):
            self._refuse(message)

    def _refuse(self, message: str) -> None:
        self.ctx.prompts.warn("无法导入", message)
        self.refused.emit(message)
