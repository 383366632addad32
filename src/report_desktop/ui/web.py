"""Publishing on the government website from the window: 导出网页, 复制网页版 (the page's
HTML and its plain text on the clipboard at once, for the site's rich-text editor),
导入网页 and 从网页粘贴 (a report read back from a page, imported like a file)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QStandardItemModel

from ..core.rules import ERROR
from .files import WEB_FILTER

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
    from ..core.html.reader import from_html
    return from_html(html, CLIPBOARD)


class WebActions(QObject):
    copied = Signal(str)       # status text after 复制网页版
    imported = Signal(int)     # report id read from the clipboard
    refused = Signal(str)      # Chinese message, already shown

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.reading = None    # the TaskJob reading the clipboard

    # -- publishing ----------------------------------------------------------------------
    def _report(self, what: str):
        """A copy of the open report to publish, or None (no report, or the clerk stops
        at the errors listed first: what goes on the website must be right)."""
        session = self.window.session
        if session is None:
            self.window.status("请先打开一份报告。", refusal=True)
            return None
        session.flush()
        report = session.report.copy()
        problems = [f"[{f.rule}] {f.message}" for f in session.findings if f.severity == ERROR]
        if problems and not self.window.prompts.confirm(
                "报告还有问题", f"报告还有 {len(problems)} 个错误。仍然{what}吗？"
                "（网页是要向社会公布的，建议改正后再发布。）", "\n".join(problems[:12]),
                yes=f"仍然{what}", no="取消"):
            return None
        return report

    def export_page(self, path: Path | None = None):
        """导出网页: the page written off the GUI thread, like every export."""
        report = self._report("导出网页")
        if report is None:
            return None
        return self.window.files.export_report(report, ".html", path, findings=[])

    def copy_page(self) -> bool:
        """复制网页版: text/html for the site's editor and text/plain (tables as tab-separated
        rows, for Excel/WPS or a plain editor) on the clipboard together."""
        from ..core.html import writer
        report = self._report("复制")
        if report is None:
            return False
        mime = qt_mime_data()
        mime.setHtml(writer.body(report))
        mime.setText(writer.plain_text(report))
        QGuiApplication.clipboard().setMimeData(mime)
        text = "已复制网页版：在网站编辑器中粘贴即可，表格的合并单元格和格式都会保留。"
        self.window.status(text)
        self.copied.emit(text)
        return True

    # -- reading back ------------------------------------------------------------------------
    def import_page(self, path: Path | None = None):
        """导入网页: a saved .html/.htm page, read like any report file."""
        files = self.window.files
        if path is None:
            path = self.window.prompts.open_path("导入网页", f"{WEB_FILTER};;{_ALL}", files.folder())
            if path is None:
                return None
        return files.import_file(Path(path))

    def paste_page(self):
        """从网页粘贴: the HTML on the clipboard read on a pool thread, then imported."""
        from ..core.files import ReportFileError
        from .jobs import TaskJob
        if self.reading is not None or self.window.files.reading is not None:
            self.window.status("正在导入另一份报告，请稍候。", refusal=True)
            return None
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasHtml():
            self._refuse("剪贴板中没有网页内容。请在浏览器中打开年度报告的网页，全选（Ctrl+A）"
                         "并复制（Ctrl+C）后，再选择“从网页粘贴”。")
            return None
        html = mime.html()
        job = TaskJob(lambda _progress, _cancel: _read_clipboard_html(html),
                      f"读取{CLIPBOARD}时出错", expected=(ReportFileError,))
        job.signals.done.connect(self._read_done)
        job.signals.failed.connect(self._read_failed)
        self.reading = job
        self.window.status(f"正在读取{CLIPBOARD}…")
        job.start()
        return job

    def _finished(self, number: int) -> bool:
        if self.reading is None or self.reading.number != number:
            return False
        self.reading = None
        return self.window.isVisible()

    def _read_done(self, number: int, report) -> None:
        if self._finished(number):
            report_id = self.window.files.store_import(report, CLIPBOARD)
            if report_id is not None:
                self.imported.emit(report_id)

    def _read_failed(self, number: int, message: str) -> None:
        if self._finished(number):
            self._refuse(message)

    def _refuse(self, message: str) -> None:
        self.window.prompts.warn("无法导入", message)
        self.refused.emit(message)


def actions(window) -> dict[str, QAction]:
    """The four menu actions; the WebActions behind them is ``window.web``."""
    from .menus import _action
    window.web = web = WebActions(window)
    return {
        "export_web": _action(window, "导出网页(&H)…", web.export_page, None,
                              "把当前报告导出为网页（.html），用于在政府网站上公开"),
        "copy_web": _action(window, "复制网页版(&Y)", web.copy_page, "Ctrl+Shift+C",
                            "复制当前报告的网页版，可直接粘贴到政府网站的编辑器中，表格保持原样"),
        "import_web": _action(window, "导入网页(&O)…", web.import_page, None,
                              "从保存的网页文件（.html）中读取一份报告"),
        "paste_web": _action(window, "从网页粘贴(&G)", web.paste_page, None,
                             "把在浏览器中复制的年度报告网页读入为一份报告"),
    }
