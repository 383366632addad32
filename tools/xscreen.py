"""Run one of our tools' child processes on its own Xvfb screen (tools/screenshots.py,
tools/help_images.py): the real window under X11, at a given size and scale factor."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_on_screen(display: str, size: str, args: list[str], scale: str = "",
                  timeout: int = 600) -> int:
    """``python args…`` with DISPLAY on a new Xvfb screen ``size`` ("1366x768"), Qt's
    scale factor ``scale`` ("" for none) and this checkout's src/ first; its exit code."""
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
                   PYTHONPATH=str(ROOT / "src"))
        env.pop("QT_SCALE_FACTOR", None)
        if scale:
            env["QT_SCALE_FACTOR"] = scale
        return subprocess.run([sys.executable, *args], env=env, timeout=timeout).returncode
    finally:
        xvfb.terminate()
        xvfb.wait()
