"""The log file (platformdirs' user log folder, rotating) and the crash dialog.

The crash handler is installed before the window's first frame; the log file is opened
once the ready window is painted (or by the crash handler, if something fails first), so
platformdirs and logging.handlers are not imported before then."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Callable

from .. import APP_NAME, __version__

log = logging.getLogger("report_desktop")
LOG_NAME = "report-desktop.log"


def log_dir() -> Path:
    import platformdirs
    return Path(platformdirs.user_log_dir("report-desktop", appauthor=False))


def setup_logging(folder: Path | None = None) -> Path:
    """Log to a rotating file; returns its path."""
    import logging.handlers
    folder = Path(folder) if folder else log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    log.info("%s %s started (Python %s)", APP_NAME, __version__, sys.version.split()[0])
    return path


def crash_message(log_path: Path | None) -> str:
    where = f"错误详情已记录在日志文件：\n{log_path}" if log_path else "错误详情未能写入日志。"
    return ("程序遇到了一个意外错误。您已填写的内容都已自动保存在数据文件中，不会丢失。\n\n"
            f"{where}\n\n如果问题反复出现，请把这个日志文件发给技术支持人员。")


def _show_crash(text: str, detail: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox
    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} - 意外错误", text)
    box.setDetailedText(detail)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _show_store_error(title: str, text: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox
    if QApplication.instance() is not None:
        QMessageBox.warning(QApplication.activeWindow(), title, text)


class CrashHandler:
    """sys.excepthook: log, save pending edits, tell the clerk where the log is.
    A store error that reached it is no crash: its own diagnosis is shown instead."""

    def __init__(self, log_path: Path | None, flush: Callable[[], object] | None = None,
                 show: Callable[[str, str], None] = _show_crash,
                 warn: Callable[[str, str], None] = _show_store_error):
        self.log_path = log_path
        self.flush = flush
        self.show = show
        self.warn = warn
        self._busy = False
        self.opens_log = False    # run() sets it: the program's own log, opened late

    def __call__(self, exc_type, exc, tb) -> None:
        import traceback

        from ..core.store.errors import StoreError
        if isinstance(exc, StoreError):
            log.error("store error reached the event loop (%s): %s", exc.kind, exc)
            self.warn(f"数据文件：{exc.kind}", str(exc))
            return
        detail = "".join(traceback.format_exception(exc_type, exc, tb))
        self.open_log()           # a failure before the start-up opened it
        log.error("unexpected exception\n%s", detail)
        if self._busy:           # an error while reporting an error: do not loop
            sys.__stderr__ and sys.__stderr__.write(detail)
            return
        self._busy = True
        try:
            if self.flush is not None:
                try:
                    self.flush()
                except Exception:   # noqa: BLE001 - reporting must go on
                    log.exception("flush after crash failed")
            self.show(crash_message(self.log_path), detail)
        finally:
            self._busy = False

    def open_log(self) -> None:
        """Start logging to the file (once, when ``opens_log``); the crash message names it."""
        if self.log_path is None and self.opens_log:
            self.opens_log = False
            try:
                self.log_path = setup_logging()
            except OSError:
                pass

    def install(self) -> None:
        sys.excepthook = self
