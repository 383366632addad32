"""What keeps the command line from ending in a traceback whatever it is given: argument
types that refuse in Chinese, and a closed output pipe ended quietly."""
from __future__ import annotations

import argparse
import os
import sys

from ..core.report import YEARS
from ..core.textcheck import shown


def year_arg(text: str) -> int:
    """A year argument: four ASCII digits in the format's range ("²⁰²⁴" and
    99999999999999999999 are refused here, not deep in SQLite)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and int(text) in YEARS):
        raise argparse.ArgumentTypeError(f"统计年度“{shown(text)}”无效，应为 2024 这样的四位年份")
    return int(text)


MAX_WAIT_S = 3600


def wait_arg(text: str) -> float:
    """Seconds to wait: a number from 0 to an hour ("inf", "nan" and "1e999" refused)."""
    text = text.strip()
    try:
        value = float(text) if text.isascii() else -1.0
    except ValueError:
        value = -1.0
    if not 0 <= value <= MAX_WAIT_S:
        raise argparse.ArgumentTypeError(f"等待时间“{shown(text)}”无效，应为 0 到 {MAX_WAIT_S} 之间的秒数")
    return value


def quiet_stdout() -> None:
    """After a BrokenPipeError (`| head -1` has had enough): point stdout at the null
    device so the interpreter's final flush cannot fail and print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):   # pragma: no cover - replaced streams
        pass
