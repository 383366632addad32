"""Benchmarks of the desktop window (offscreen): ``python benchmarks/bench_ui.py``.

1. Start-up, in subprocesses, against a bare PySide6 QMainWindow measured in the same run
   (interleaved, N runs each).  Times run from just before the parent launches the child
   to a stamp the child takes (CLOCK_MONOTONIC, shared by both processes):
   (a) shown: the main window's first frame is painted and flushed (the event loop's next
       turn after the window's first Paint event); the bare window's likewise;
   (b) ready: ``MainWindow.ready`` has fired (report loaded and checked, window enabled)
       and the frame after it is painted.  The child checks that the window shown in (a)
       is the one that became ready, with the sample report open.
   Both ``ui.app.run(db)`` and the real entry point ``entry.main(["--db", db])`` (what
   ``report-desktop`` runs) are measured.  Goal: (a) <= 1.3 × bare.
   Two floors for (b), first frame likewise: PySide6 with the ``Qt`` namespace (whose ≈100
   enum classes PySide6 builds on first use) and one table view; the same plus our core
   opening the store, loading and checking the sample and showing 表三's layout.
2. Keystroke latency: a digit typed into 表三 (on screen) and Enter, through Report.set, the
   store write, revalidation and the repaint the window asks for (its posted events and
   zero-time timers run at once: what the next frame paints), median and p90 ms; the same for
   a character typed into 一、总体情况 with its revalidation run at once (the window runs it
   150 ms after the last keystroke).  Also the worst case: every visible cell of the grid,
   its frozen panes, the editor and the findings panel repainted whatever changed.
3. Memory: resident set size of this process with the sample report open and every tab
   shown once.  Goal: < 200 MB.

Options: ``--runs N`` (default 9), ``--keys N`` (default 60), ``--drop-caches`` (root:
drop the page cache before each start-up run, for truly cold starts).  Byte code is
written on the warm-up run, as an installed program has its .pyc files.
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

# Prints "shown <monotonic>" once the first frame of the watched window has been flushed,
# and (when told the window is ready) "ready <monotonic>" after the next frame.
_WATCH = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Watch(QObject):
    def __init__(self, quit_when):
        super().__init__()
        self.quit_when, self.marks, self.window, self.is_ready = quit_when, set(), None, False

    def attach(self, window):
        self.window = window
        window.installEventFilter(self)

    def _mark(self, name):
        if name not in self.marks:
            self.marks.add(name)
            print(name, repr(time.monotonic()), flush=True)
            if name == self.quit_when:
                QApplication.instance().quit()

    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.Type.Paint:
            name = "ready" if self.is_ready else "shown"
            QTimer.singleShot(0, lambda: self._mark(name))   # after this frame is flushed
        return False
"""

BARE = _WATCH + """
from PySide6.QtWidgets import QMainWindow
app = QApplication(sys.argv[:1])
watch = Watch("shown")
w = QMainWindow()
watch.attach(w)
w.resize(1366, 768)
w.show()
sys.exit(app.exec())
"""

# What any "ready" window must do, as floors for (b): the Qt namespace touched and one
# table view in a tab (PySide6 alone), then the same with our core: the store opened, the
# sample loaded and checked, 表三's layout shown.  First frame, like the bare window.
# The floors' common end: ``view`` in ``tabs`` under ``label``, shown, first frame watched.
_SHOW_TAB = """
tabs.addTab(view, label)
w.setCentralWidget(tabs)
watch.attach(w)
w.resize(1366, 768)
w.show()
sys.exit(app.exec())
"""

FLOOR_QT = _WATCH + """
import sqlite3
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget
app = QApplication(sys.argv[:1])
sqlite3.connect(sys.argv[1]).execute("select count(*) from sqlite_master").fetchall()
watch = Watch("shown")
w = QMainWindow()
tabs = QTabWidget(w)
model = QStandardItemModel(30, 10)
for r in range(30):
    for c in range(10):
        model.setItem(r, c, QStandardItem(str(r * c)))
view = QTableView()
view.setModel(model)
view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
label = "三、依申请公开"
""" + _SHOW_TAB

FLOOR_CORE = _WATCH + """
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget
from report_desktop.core.table_slots import spec_for
from report_desktop.core.rules import validate
from report_desktop.core.store import Store

class Model(QAbstractTableModel):
    def __init__(self, spec, report):
        super().__init__()
        self.spec, self.report = spec, report
    def rowCount(self, parent=None):
        return self.spec.n_rows
    def columnCount(self, parent=None):
        return self.spec.n_cols
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        slot = self.spec.slot(index.row(), index.column())
        if role != Qt.ItemDataRole.DisplayRole or slot is None:
            return None
        return str(self.report.get(slot.cell_id)) if slot.cell_id else slot.text

app = QApplication(sys.argv[:1])
store = Store(sys.argv[1])
report = store.load(store.list_reports()[0].id)
findings = validate(report)
watch = Watch("shown")
w = QMainWindow()
tabs = QTabWidget(w)
spec = spec_for("applications")
view = QTableView()
model = Model(spec, report)
view.setModel(model)
for (r, c), slot in spec.slots.items():
    if slot.rows > 1 or slot.cols > 1:
        view.setSpan(r, c, slot.rows, slot.cols)
label = f"三、依申请公开 {len(findings)}"
""" + _SHOW_TAB

_HOOK = _WATCH + """
from report_desktop.ui.main_window import MainWindow
watch = Watch("ready")
_deferred = MainWindow.deferred.__func__

def deferred(cls, *args, **kwargs):
    window = _deferred(cls, *args, **kwargs)
    watch.attach(window)
    def ready():
        watch.is_ready = True
        print("title", window.windowTitle(), window.session is not None, flush=True)
    window.ready.connect(ready)
    return window

MainWindow.deferred = classmethod(deferred)
"""

APP = _HOOK + """
from report_desktop.ui import app
code = app.run(sys.argv[1])
sys.exit(code if "ready" in watch.marks else 3)
"""

# The real entry point imports the command line (and through it the whole core) first.
CLI = "from report_desktop import entry as cli\n" + _HOOK + """
code = cli.main(["--db", sys.argv[1]])
sys.exit(code if "ready" in watch.marks else 3)
"""


def _drop_caches() -> None:
    subprocess.run(["sync"], check=False)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        pass


def _launch(code: str, args: list[str], env: dict, drop: bool, unit: str = "") -> dict:
    """{"shown": s, "ready": s} after launch (ready only for the program)."""
    if drop:
        _drop_caches()
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code, *args], env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"start-up run failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    marks, title = {}, ""
    for line in out.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("shown", "ready"):
            marks[name] = float(value) - start
        elif name == "title":
            title = value
    marks.setdefault("shown", marks.get("ready"))     # ready before any frame was painted
    if unit and not (unit in title and title.endswith("True")):
        raise SystemExit(f"the window did not open the sample report: {title!r}")
    return marks


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} (range {min(values):.2f}–{max(values):.2f})"


def bench_startup(runs: int, drop: bool) -> dict:
    from report_desktop.core import jsonio
    from report_desktop.core.store import Store
    tmp = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    db = tmp / "reports.sqlite3"
    seed = jsonio.read(SEED)
    with Store(db) as store:
        store.save(seed)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp / "state"),
               XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"))
    # An installed program has its byte code cached; let the warm-up run write it here too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    kinds = {"bare": (BARE, []), "run": (APP, [str(db)]), "cli": (CLI, [str(db)]),
             "floor_qt": (FLOOR_QT, [str(db)]), "floor_core": (FLOOR_CORE, [str(db)])}
    for kind, (code, args) in kinds.items():  # warm the file cache and write byte code
        _launch(code, args, env, False, seed.unit if kind in ("run", "cli") else "")
    samples: dict[str, list[dict]] = {k: [] for k in kinds}
    for _ in range(runs):
        for kind, (code, args) in kinds.items():
            samples[kind].append(_launch(code, args, env, drop,
                                         seed.unit if kind in ("run", "cli") else ""))
    bare = [m["shown"] for m in samples["bare"]]
    result = {"bare_s": statistics.median(bare), "runs": runs}
    for kind in ("run", "cli"):
        for mark in ("shown", "ready"):
            values = [m[mark] for m in samples[kind]]
            result[f"{kind}_{mark}_s"] = statistics.median(values)
            result[f"{kind}_{mark}_ratios"] = [v / b for v, b in zip(values, bare)]
    for kind in ("floor_qt", "floor_core"):
        values = [m["shown"] for m in samples[kind]]
        result[f"{kind}_s"] = statistics.median(values)
        result[f"{kind}_ratios"] = [v / b for v, b in zip(values, bare)]
    floor = [m["shown"] for m in samples["floor_core"]]
    result["ready_over_floor"] = [m["ready"] / f for m, f in zip(samples["cli"], floor)]
    return result


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
    for i in range(window.workspace.tabs.count()):
        window.workspace.tabs.setCurrentIndex(i)
        app.processEvents()
    rss = _rss_mb()

    page = window.workspace.tabs.show_page("applications")   # the tab's holder made current
    app.processEvents()
    view = page.view
    if not view.isVisible():       # a hidden view paints nothing: the figures would be void
        raise SystemExit("表三 is not on screen: the keystroke figures would measure no painting")
    cid = schema.application_cell("granted", "research")
    tree = window.workspace.findings.tree

    def paint(widgets, full: bool) -> None:
        """full: every visible pixel of ``widgets`` painted again (the worst case); else what
        the window itself asked to repaint: its posted events and the item views' zero-time
        layout timers run now, with the repaints they ask for (what the event loop does
        before it next waits)."""
        if full:
            for w in widgets:
                w.repaint()
        else:
            for _ in range(3):
                app.processEvents()

    def cell_key(i: int, full: bool) -> None:
        view.go_to(cid)
        QTest.keyClick(view, str(i % 10))
        QTest.keyClick(view.indexWidget(view.currentIndex()), Qt.Key.Key_Return)
        # the frozen header and label panes too
        paint([view.viewport(), *(p.viewport() for p in view.frozen.panes()), tree.viewport()], full)

    def text_key(_i: int, full: bool) -> None:
        tab.editor.insertPlainText("字")
        window.session.revalidate()          # what the debounce timer does 150 ms later
        paint([tab.editor.viewport(), tree.viewport()], full)

    def text_typed(_i: int, full: bool) -> None:   # the character alone: its check waits
        tab.editor.insertPlainText("字")
        paint([tab.editor.viewport()], full)

    def timed(key, full: bool) -> tuple[list[float], list[float]]:
        app.processEvents()
        wall, cpu = [], []
        for i in range(keys):
            t0, c0 = time.perf_counter(), time.thread_time()
            key(i, full)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
        return wall, cpu

    cell_ms, cell_cpu = timed(cell_key, False)
    cell_full, _ = timed(cell_key, True)

    tab = window.workspace.tabs.show_page("overview")
    app.processEvents()
    if not tab.editor.isVisible():
        raise SystemExit("一、总体情况 is not on screen: the keystroke figures would measure no painting")
    text_ms, text_cpu = timed(text_key, False)
    text_full, _ = timed(text_key, True)
    typed_ms, _ = timed(text_typed, False)
    window.session.revalidate()
    window.close()
    store.close()
    p90 = lambda xs: sorted(xs)[int(len(xs) * 0.9)]   # noqa: E731
    return {"rss_mb": rss, "cell_ms": statistics.median(cell_ms), "cell_ms_p90": p90(cell_ms),
            "text_ms": statistics.median(text_ms), "text_ms_p90": p90(text_ms),
            "typed_ms": statistics.median(typed_ms), "typed_ms_p90": p90(typed_ms),
            "cell_full": statistics.median(cell_full), "cell_full_p90": p90(cell_full),
            "text_full": statistics.median(text_full), "text_full_p90": p90(text_full),
            # CPU time of the GUI thread: what the keystroke costs, without the waits for a
            # core on a shared machine (nor the store's disk sync, which a wall clock sees).
            "cell_cpu": statistics.median(cell_cpu), "cell_cpu_p90": p90(cell_cpu),
            "text_cpu": statistics.median(text_cpu), "text_cpu_p90": p90(text_cpu)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--drop-caches", action="store_true")
    parser.add_argument("--keys-only", action="store_true", help="only the keystroke latency")
    args = parser.parse_args()
    inproc = bench_in_process(args.keys)
    if args.keys_only:
        print(f"keystroke -> repainted, median (p90) ms: 表三 {inproc['cell_ms']:.1f} "
              f"({inproc['cell_ms_p90']:.1f})  text {inproc['text_ms']:.1f} ({inproc['text_ms_p90']:.1f})"
              f"  | GUI-thread CPU: 表三 {inproc['cell_cpu']:.1f} ({inproc['cell_cpu_p90']:.1f})"
              f"  text {inproc['text_cpu']:.1f} ({inproc['text_cpu_p90']:.1f})"
              f"  | typed, check later: {inproc['typed_ms']:.1f} ({inproc['typed_ms_p90']:.1f})"
              f"  | all repainted: 表三 {inproc['cell_full']:.1f} ({inproc['cell_full_p90']:.1f})"
              f"  text {inproc['text_full']:.1f} ({inproc['text_full_p90']:.1f})")
        return 0
    start = bench_startup(args.runs, args.drop_caches)
    kind = "cold (page cache dropped)" if args.drop_caches else "warm"
    print(f"start-up ({kind}; medians of {args.runs}; ratio = per-run ratio to the bare "
          "window launched just before, median and range):")
    print(f"  bare QMainWindow, first frame        {start['bare_s'] * 1000:6.0f} ms")
    for key, name in (("run", "ui.app.run(db)"), ("cli", "report-desktop --db (entry.main)")):
        for mark, what in (("shown", "(a) main window shown"), ("ready", "(b) report ready")):
            ratios = start[f"{key}_{mark}_ratios"]
            verdict = ""
            if mark == "shown":
                verdict = "  goal <= 1.30: " + ("OK" if statistics.median(ratios) <= 1.3 else "OVER")
            print(f"  {name:<31} {what:<22} {start[f'{key}_{mark}_s'] * 1000:6.0f} ms"
                  f"   ratio {_spread(ratios)}{verdict}")
    for key, name in (("floor_qt", "floor: Qt namespace + one table view"),
                      ("floor_core", "floor: + core (open, load, check)")):
        print(f"  {name:<54} {start[f'{key}_s'] * 1000:6.0f} ms"
              f"   ratio {_spread(start[f'{key}_ratios'])}")
    print(f"  report-desktop ready / floor with core (same run)      "
          f"ratio {_spread(start['ready_over_floor'])}")
    print(f"keystroke -> revalidated -> repainted (median of {args.keys}; goal p90 < 8 ms):")
    print(f"  表三 cell          {inproc['cell_ms']:7.1f} ms   (p90 {inproc['cell_ms_p90']:.1f} ms)")
    print(f"  一、总体情况 text  {inproc['text_ms']:7.1f} ms   (p90 {inproc['text_ms_p90']:.1f} ms)")
    print(f"  一、总体情况, the character alone (its check runs 150 ms later) "
          f"{inproc['typed_ms']:.1f} ms   (p90 {inproc['typed_ms_p90']:.1f} ms)")
    print(f"  every visible cell repainted (worst case): 表三 {inproc['cell_full']:.1f} ms "
          f"(p90 {inproc['cell_full_p90']:.1f}), text {inproc['text_full']:.1f} ms "
          f"(p90 {inproc['text_full_p90']:.1f})")
    print(f"  GUI-thread CPU time: 表三 {inproc['cell_cpu']:.1f} ms (p90 {inproc['cell_cpu_p90']:.1f}), "
          f"text {inproc['text_cpu']:.1f} ms (p90 {inproc['text_cpu_p90']:.1f})")
    print(f"RSS with the sample report open: {inproc['rss_mb']:.0f} MB  (goal < 200 MB) "
          f"{'OK' if inproc['rss_mb'] < 200 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
