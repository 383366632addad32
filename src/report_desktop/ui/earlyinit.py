"""Refuse to start on a Qt binding known to corrupt the interpreter (as qutebrowser's earlyinit does).

PySide6 6.12.0 returns ``None`` from void calls, and ``True``/``False`` from ``Signal.emit``,
without taking a reference.  On Python < 3.12 every such call drops one reference to the
singleton, and after a few minutes of editing Python aborts ("none_dealloc") and takes the
clerk's unsaved typing with it.  Python 3.12 made these singletons immortal, which makes the
bug harmless there.  pyproject.toml excludes the release; this check catches an environment
that got it anyway (a hand-made venv, a distribution package), before any window is made.

Two tests, both cheap: the known-bad versions, and a probe (a few void calls on a QObject,
which needs no QApplication) that catches a leaking release not named here.
"""
from __future__ import annotations

import sys

EXIT_BAD_BINDING = 4
# PySide6 releases that lose references to None/True/False; harmless on Python >= 3.12.
LEAKING_PYSIDE = frozenset({"6.12.0"})
PROBE_CALLS = 16


def version_problem(python: tuple[int, int], pyside: str) -> bool:
    """Whether this PySide6 release is known to break this Python."""
    return python < (3, 12) and pyside in LEAKING_PYSIDE


def none_lost_per_call(calls: int = PROBE_CALLS) -> float:
    """References to None lost per void PySide6 call (0 for a sound binding or Python >= 3.12)."""
    from PySide6.QtCore import QObject
    probe = QObject()
    probe.setObjectName("")            # first call: one-off caches settle outside the count
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("")
    return max(0, before - sys.getrefcount(None)) / calls


def message(pyside: str) -> str:
    python = ".".join(map(str, sys.version_info[:3]))
    return (f"请更换 PySide6 版本后再启动：PySide6 {pyside} 与 Python {python} 一起使用时会使程序"
            f"在编辑几分钟后突然退出并丢失未保存的内容。请安装 PySide6-Essentials 6.11.3，"
            f"或改用 Python 3.12 及以上版本（pip install \"PySide6-Essentials!=6.12.0\"）。")


def check() -> str | None:
    """The Chinese message explaining why this binding must not run, or None if it may."""
    import PySide6
    version = PySide6.__version__
    if version_problem(sys.version_info[:2], version) or none_lost_per_call() >= 0.5:
        return message(version)
    return None


def refuse(text: str) -> int:
    """Tell the user (stderr and, on Windows, a message box: pythonw has no console); the exit code."""
    if sys.stderr is not None:
        try:
            print(text, file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass
    if sys.platform == "win32":
        try:
            import ctypes
            ctypes.windll.user32.MessageBoxW(None, text, "政务公开年报助手", 0x10)   # MB_ICONERROR
        except Exception:     # no user32 (a service session): stderr, the launcher's log, has it
            pass
    return EXIT_BAD_BINDING
