"""Benchmarks of the desktop window (offscreen): ``python benchmarks/bench_ui.py``.

1. Start-up: wall time of a subprocess from launch to the main window shown with the
   sample report open, against a bare PySide6 QMainWindow subprocess measured in the
   same run (median of N each, interleaved).  Goal: ratio <= 1.3.
2. Keystroke latency: a digit typed into 表三 and Enter, through Report.set, the store
   write, full revalidation and a synchronous repaint of the grid and findings panel
   (median ms); the same for a character typed into 一、总体情况.
3. Memory: resident set size of this process with the sample report open and every tab
   shown once.  Goal: < 200 MB.

Options: ``--runs N`` (default 7), ``--keys N`` (default 60), ``--drop-caches`` (root:
drop the page cache before each start-up run, for truly cold starts).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "shuozhou-2024.json"

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1366, 768)
w.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

APP = """
import sys
from PySide6.QtCore import QTimer
from report_desktop.ui import app
qapp = app.application()
QTimer.singleShot(0, qapp.quit)     # runs once run() has shown the window
sys.exit(app.run(sys.argv[1]))
"""


def _drop_caches() -> None:
    subprocess.run(["sync"], check=False)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        pass


def _time(code: str, args: list[str], env: dict, drop: bool) -> float:
    if drop:
        _drop_caches()
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], env=env,
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"start-up run failed:\n{out.stderr}")
    return elapsed


def bench_startup(runs: int, drop: bool) -> dict:
    from report_desktop.core import jsonio
    from report_desktop.core.store import Store
    tmp = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    db = tmp / "reports.sqlite3"
    with Store(db) as store:
        store.save(jsonio.read(SEED))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp / "state"),
               XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"))
    # An installed program has its byte code cached; let the warm-up run write it here too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _time(BARE, [], env, False)            # warm the interpreter's file cache once each
    _time(APP, [str(db)], env, False)
    bare, ours = [], []
    for _ in range(runs):
        bare.append(_time(BARE, [], env, drop))
        ours.append(_time(APP, [str(db)], env, drop))
    b, o = statistics.median(bare), statistics.median(ours)
    return {"bare_s": b, "app_s": o, "ratio": o / b}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_in_process(keys: int) -> dict:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    tmp = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    from report_desktop.core import jsonio, schema
    from report_desktop.core.store import Store
    from report_desktop.ui.app import application
    from report_desktop.ui.main_window import MainWindow

    app = application()
    store = Store(tmp / "reports.sqlite3")
    store.save(jsonio.read(SEED))
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        app.processEvents()
    rss = _rss_mb()

    page = window.pages["applications"]
    window.tabs.setCurrentWidget(page)
    app.processEvents()
    view = page.view
    cid = schema.application_cell("granted", "research")
    cell_ms = []
    for i in range(keys):
        start = time.perf_counter()
        view.go_to(cid)
        QTest.keyClick(view, str(i % 10))
        QTest.keyClick(view.indexWidget(view.currentIndex()), Qt.Key.Key_Return)
        view.viewport().repaint()
        window.findings.tree.viewport().repaint()
        cell_ms.append((time.perf_counter() - start) * 1000)

    tab = window.text_tabs["overview"]
    window.tabs.setCurrentWidget(tab)
    app.processEvents()
    text_ms = []
    for _ in range(keys):
        start = time.perf_counter()
        tab.editor.insertPlainText("字")
        window.session.revalidate()          # what the debounce timer does
        tab.editor.viewport().repaint()
        window.findings.tree.viewport().repaint()
        text_ms.append((time.perf_counter() - start) * 1000)
    window.close()
    store.close()
    return {"rss_mb": rss, "cell_ms": statistics.median(cell_ms),
            "cell_ms_p90": sorted(cell_ms)[int(len(cell_ms) * 0.9)],
            "text_ms": statistics.median(text_ms)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--drop-caches", action="store_true")
    args = parser.parse_args()
    start = bench_startup(args.runs, args.drop_caches)
    inproc = bench_in_process(args.keys)
    kind = "cold (page cache dropped)" if args.drop_caches else "warm"
    print(f"start-up ({kind}, median of {args.runs}):")
    print(f"  bare QMainWindow   {start['bare_s'] * 1000:7.0f} ms")
    print(f"  report-desktop     {start['app_s'] * 1000:7.0f} ms   ratio {start['ratio']:.2f}"
          f"  (goal <= 1.30) {'OK' if start['ratio'] <= 1.3 else 'OVER'}")
    print(f"keystroke -> revalidated -> repainted (median of {args.keys}):")
    print(f"  表三 cell          {inproc['cell_ms']:7.1f} ms   (p90 {inproc['cell_ms_p90']:.1f} ms)")
    print(f"  一、总体情况 text  {inproc['text_ms']:7.1f} ms")
    print(f"RSS with the sample report open: {inproc['rss_mb']:.0f} MB  (goal < 200 MB) "
          f"{'OK' if inproc['rss_mb'] < 200 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
