"""Smoke test of an installed copy: ``report-desktop --smoke [--db PATH]``.

Proves in a few seconds that the program as shipped works on this PC: opens a store
(a temporary one, or ``--db``), puts the bundled sample report into it, starts the real
main window on it, exports the report to Word, reads the Word file back, and reports
versions, platform, paths and the start-up time.  Exit code 0 means all of that worked;
otherwise 1, with the reason as the last line.

Every line goes to stdout (when there is one — pythonw.exe has none) and to a log file:
``$REPORT_DESKTOP_SMOKE_LOG``, else ``smoke.log`` beside the Word file.  Other settings:
``REPORT_DESKTOP_SMOKE_OUT`` (folder for the Word file, window picture and log; default a
new temporary folder), ``REPORT_DESKTOP_SMOKE_MS`` (how long the window stays, default
1500 ms), ``REPORT_DESKTOP_SAMPLE`` (the sample report; default the installed
``samples\\shuozhou-2024.json``, or the repository's tests/data copy).

Deliberately avoids ``platform.platform()``/``platform.win32_ver()``: under Wine they
reach WMI and hang.
"""
from __future__ import annotations

import os
import struct
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import APP_NAME, __version__

SAMPLE_NAME = "shuozhou-2024.json"
DOCX_NAME = "smoke-report.docx"
_START = time.time()


class SmokeFailure(Exception):
    pass


class _Out:
    """Print a line to stdout (if any) and append it, time-stamped from program start, to the log file."""

    def __init__(self) -> None:
        self.log_path: Path | None = None
        self._log = None
        self._pending: list[str] = []

    def open_log(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = path
        self._log = open(path, "w", encoding="utf-8")
        for line in self._pending:
            self._log.write(line + "\n")
        self._log.flush()

    def __call__(self, line: str) -> None:
        if sys.stdout is not None:
            try:
                print(line, flush=True)
            except (OSError, ValueError, UnicodeError):
                pass
        stamped = f"[{time.time() - _t0():6.2f}s] {line}"
        if self._log is None:
            self._pending.append(stamped)
        else:
            self._log.write(stamped + "\n")
            self._log.flush()

    def close(self) -> None:
        if self._log is not None:
            self._log.close()


def _t0() -> float:
    """When the program started: the launcher's stamp if it left one, else this module's import."""
    try:
        return float(os.environ["REPORT_DESKTOP_T0"])
    except (KeyError, ValueError):
        return _START


def find_sample() -> Path:
    candidates = []
    if os.environ.get("REPORT_DESKTOP_SAMPLE"):
        candidates.append(Path(os.environ["REPORT_DESKTOP_SAMPLE"]))
    here = Path(__file__).resolve().parent
    # installed: <INSTDIR>\lib\report_desktop\smoke.py -> <INSTDIR>\samples\
    candidates.append(here.parent.parent / "samples" / SAMPLE_NAME)
    # source tree: src/report_desktop/smoke.py -> tests/data/
    candidates.append(here.parent.parent / "tests" / "data" / SAMPLE_NAME)
    for path in candidates:
        if path.is_file():
            return path
    raise SmokeFailure("找不到示例报告：" + "；".join(str(p) for p in candidates))


def _platform_lines() -> list[str]:
    bits = struct.calcsize("P") * 8
    if sys.platform == "win32":
        v = sys.getwindowsversion()
        system = f"Windows {v.major}.{v.minor}.{v.build}"
        machine = os.environ.get("PROCESSOR_ARCHITECTURE", "?")
    else:
        u = os.uname()
        system, machine = f"{u.sysname} {u.release}", u.machine
    wine = ""
    if sys.platform == "win32":
        try:
            import ctypes
            ntdll = ctypes.WinDLL("ntdll")
            if hasattr(ntdll, "wine_get_version"):
                ntdll.wine_get_version.restype = ctypes.c_char_p
                wine = f" (Wine {ntdll.wine_get_version().decode()})"
        except Exception:
            pass
    return [f"platform: {sys.platform}, {system}{wine}, {machine}, {bits}-bit",
            f"python executable: {sys.executable}"]


def _version_lines() -> list[str]:
    import docx
    import lxml.etree
    import openpyxl
    import platformdirs
    import PySide6
    from PySide6 import QtCore
    try:
        from importlib.metadata import version
        docx_version = version("python-docx")
    except Exception:
        docx_version = getattr(docx, "__version__", "?")
    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise SmokeFailure("openpyxl 未使用 defusedxml（defusedxml 缺失？），读取 Excel 文件不安全")
    return [f"program: {APP_NAME} {__version__}",
            f"python: {sys.version.split()[0]} ({sys.version})",
            f"qt: {QtCore.qVersion()} (PySide6 {PySide6.__version__})",
            f"python-docx: {docx_version}",
            f"openpyxl: {openpyxl.__version__} (defusedxml: {openpyxl.DEFUSEDXML})",
            f"lxml: {'.'.join(map(str, lxml.etree.LXML_VERSION))}",
            f"platformdirs: {platformdirs.__version__}"]


def _export_docx(report, path: Path) -> str:
    """Write the Word file through core.formats (falling back to core.docx.writer); return how."""
    from .core import formats
    if ".docx" in formats.WRITERS:
        formats.write(report, path)
        return "core.formats.write"
    try:
        from .core.docx import writer
    except ImportError:
        path = path.with_suffix(".json")
        formats.write(report, path)
        return "core.formats.write (.json: no Word writer in this build)"
    writer.write(report, path)
    return "core.docx.writer.write (core.formats has no .docx entry yet)"


def _check_docx(path: Path, title: str) -> None:
    import docx
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    if not any(title in t.replace("\n", "") for t in texts):
        raise SmokeFailure(f"Word 文件中没有找到标题“{title}”")


def _install_qt_log(out: _Out) -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    names = {QtMsgType.QtDebugMsg: "debug", QtMsgType.QtInfoMsg: "info",
             QtMsgType.QtWarningMsg: "warning", QtMsgType.QtCriticalMsg: "critical",
             QtMsgType.QtFatalMsg: "fatal"}

    def handler(kind, _context, message):
        out(f"qt {names.get(kind, kind)}: {message}")
    qInstallMessageHandler(handler)


def _show_window(out: _Out, store, out_dir: Path, show_ms: int, t0: float):
    from PySide6.QtCore import QSettings
    from .ui.app import application
    app = application()
    # Keep the smoke run's window geometry etc. out of the clerk's real settings.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(out_dir / "settings"))
    from .ui.main_window import MainWindow
    window = MainWindow(store)
    window.show()
    deadline = time.monotonic() + 30
    while not (window.windowHandle() and window.windowHandle().isExposed()):
        app.processEvents()
        if time.monotonic() > deadline:
            raise SmokeFailure("窗口 30 秒内没有显示出来")
        time.sleep(0.01)
    app.processEvents()
    out(f"window shown: “{window.windowTitle()}” {window.width()}x{window.height()}, "
        f"qpa {app.platformName()}, startup_to_shown {time.time() - t0:.2f} s")
    out(f"qt buttons: {_standard_buttons()}")
    return app, window


def _standard_buttons() -> str:
    """The texts of a standard OK/Cancel button box: 确定/取消 once Qt's Chinese is loaded."""
    from PySide6.QtWidgets import QDialogButtonBox
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    try:
        return "/".join(box.button(b).text() for b in (QDialogButtonBox.StandardButton.Ok,
                                                      QDialogButtonBox.StandardButton.Cancel))
    finally:
        box.deleteLater()


def _wait(app, ms: int) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _smoke(out: _Out, db_path, out_dir: Path, show_ms: int) -> None:
    t0 = _t0()
    out(f"{APP_NAME} {__version__} smoke test")
    out(f"output folder: {out_dir}")
    for line in _platform_lines():
        out(line)
    for line in _version_lines():
        out(line)
    from .ui.earlyinit import check
    problem = check()
    if problem:
        raise SmokeFailure(problem)
    out("qt binding: no lost references (ui.earlyinit)")

    from .core import formats
    from .core.store import Store
    sample = find_sample()
    report = formats.read(sample)
    db = Path(db_path) if db_path else out_dir / "reports.sqlite3"
    claim = _claim(db)
    try:
        store = Store(db)
    except BaseException:
        claim.release()
        raise
    try:
        store.save(report)
        stored = store.get(report.unit, report.year)
        if stored is None or stored.title != report.title:
            raise SmokeFailure("示例报告存入数据文件后读不出来")
        out(f"store: {db} (sample {sample.name}: {report.title})")

        _install_qt_log(out)
        app, window = _show_window(out, store, out_dir, show_ms, t0)
        t_show = time.monotonic()

        docx_path = out_dir / DOCX_NAME
        how = _export_docx(stored, docx_path)
        if docx_path.exists():
            _check_docx(docx_path, stored.title)
            out(f"docx: {docx_path} ({docx_path.stat().st_size} bytes, via {how}; title found)")
        else:
            out(f"docx: NOT WRITTEN — {how}: {docx_path.with_suffix('.json')}")

        _wait(app, max(0, show_ms - int((time.monotonic() - t_show) * 1000)))
        picture = out_dir / "window.png"
        if window.grab().save(str(picture)):
            out(f"window picture: {picture}")
        window.close()
        app.processEvents()
    finally:
        store.close()
        claim.release()


def _claim(db: Path):
    """The smoke test writes the sample into ``db``: its turn with a window holding it."""
    from .services import holder
    got = holder.claim(db, holder.COMMAND, holder.WRITER_WAIT_S)
    if isinstance(got, holder.Holder):
        raise SmokeFailure(holder.held_message(db, got, holder.WRITER_WAIT_S))
    return got


def run(db_path: str | Path | None = None) -> int:
    """The --smoke mode; returns the process exit code."""
    out = _Out()
    code = 1
    try:
        out_dir = Path(os.environ.get("REPORT_DESKTOP_SMOKE_OUT") or
                       tempfile.mkdtemp(prefix="report-desktop-smoke-"))
        out_dir.mkdir(parents=True, exist_ok=True)
        out.open_log(Path(os.environ.get("REPORT_DESKTOP_SMOKE_LOG") or out_dir / "smoke.log"))
        show_ms = int(os.environ.get("REPORT_DESKTOP_SMOKE_MS") or 1500)
        _smoke(out, db_path, out_dir, show_ms)
        out(f"total {time.time() - _t0():.2f} s")
        out("SMOKE OK")
        code = 0
    except BaseException as exc:         # the reason must reach the log, whatever it is
        for line in traceback.format_exc().rstrip().splitlines():
            out(line)
        out(f"SMOKE FAILED: {type(exc).__name__}: {exc}")
        code = 1
    finally:
        out.close()
    return code
