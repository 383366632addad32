"""政务公开年报助手 — the windowed launcher the shortcuts run (``pythonw.exe report-desktop.pyw``).

Installed as ``<INSTDIR>\\report-desktop.pyw`` next to ``python\\`` (the embeddable CPython,
whose ``python313._pth`` puts ``<INSTDIR>\\lib`` on the path) and ``lib\\`` (the program
and its packages).  pythonw.exe has no console, so stdout/stderr go to a log file in
the user data folder, and an error that escapes the program is shown in a message box
instead of vanishing.  Arguments are passed on: ``report-desktop.pyw --smoke`` works.
"""
import os
import sys
import time

T0 = time.perf_counter()
os.environ.setdefault("REPORT_DESKTOP_T0", repr(time.time()))
APP_ID = "report-desktop"          # the user data folder name, as core.store uses it


def _log_dir():
    """The program's log folder (what platformdirs.user_log_dir gives on Windows)."""
    base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    path = os.path.join(base, APP_ID, "Logs")
    os.makedirs(path, exist_ok=True)
    return path


def _redirect_streams():
    """pythonw.exe: sys.stdout/stderr are None; give them a file so print() and tracebacks land somewhere."""
    if sys.stdout is not None and sys.stderr is not None:
        return None
    try:
        path = os.path.join(_log_dir(), "launcher.log")
        log = open(path, "a", encoding="utf-8", buffering=1)
    except OSError:
        log = open(os.devnull, "w", encoding="utf-8")
        path = None
    log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {sys.argv!r}\n")
    if sys.stdout is None:
        sys.stdout = log
    if sys.stderr is None:
        sys.stderr = log
    return path


def _message_box(text):
    try:
        import ctypes
        ctypes.windll.user32.MessageBoxW(None, text, "政务公开年报助手", 0x10)   # MB_ICONERROR
    except Exception:        # not on Windows, or no user32: the log has it
        pass


def main():
    log_path = _redirect_streams()
    if sys.platform == "win32":
        try:                 # own taskbar group and icon instead of "pythonw"
            import ctypes
            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)
        except Exception:
            pass
    try:
        from report_desktop.entry import main as program
        code = program(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        import traceback
        traceback.print_exc()
        where = f"\n\n详细信息已写入：{log_path}" if log_path else ""
        _message_box(f"政务公开年报助手遇到错误，无法继续运行。{where}")
        code = 3
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
