"""The 台账 in the window with 10,000 applications (issue 20 items 3 and 7), offscreen:
``python benchmarks/bench_register_window.py``.

1. One 台账 cell typed and entered (parse, new Register, one row written to the store, the
   tally and S11, the grids repainted) against one 表三 cell typed in the same window
   (the baseline: what every edit already costs).
2. The filter box: the first word over 10,000 rows, then one more keystroke.
3. The drill-down list of 表三's 总计 (every application of the year).
4. 导入台账 of a 10,000-row .xlsx in the window, from the click to the rows in the 台账,
   against ``import_file`` of the same file alone (the baseline); and the longest time the
   event loop did not turn meanwhile (the window's responsiveness; goal: well under 1 s).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))
from _timing import row  # noqa: E402

N = 10_000
REPEAT = 15


def median(fn, repeat: int = REPEAT) -> float:
    samples = []
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from report_desktop.core import jsonio
    from report_desktop.core.register.importing import import_file
    from report_desktop.core.store import Store
    from report_desktop.ui.app import application
    from report_desktop.ui.main_window import MainWindow
    from tests.ui.conftest import ScriptedPrompts
    from tests.ui.test_register_window import register_xlsx

    app = application()
    tmp = Path(tempfile.mkdtemp(prefix="bench-register-window-"))
    store = Store(tmp / "reports.sqlite3")
    store.save(jsonio.read(ROOT / "tests" / "data" / "shuozhou-2024.json"))
    prompts = ScriptedPrompts()
    win = MainWindow(store, prompts)
    win.resize(1366, 768)
    win.show()
    app.processEvents()
    ws = win.workspace
    page = ws.tabs.show_page("register")
    path = register_xlsx(tmp / "台账.xlsx", n=N, odd=None)

    # 4. the import, first (it fills the 台账 the other measurements use)
    t0 = time.perf_counter()
    import_file(path)
    alone = time.perf_counter() - t0
    prompts.paths.append(path)
    t0 = last = time.perf_counter()
    gaps = []
    ws.registers.importer.start()
    while ws.registers.importer.job is not None:
        app.processEvents()
        time.sleep(0.002)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    in_window = time.perf_counter() - t0
    assert len(ws.session.report.register.applications) == N

    # 1. one cell entered: the 台账 against 表三
    model = page.panes["application"].model
    col = model.names.index("note")
    grid = ws.tabs.show_page("applications").model
    cell = grid.index_of("applications.granted.commercial")

    def register_edit(i):
        model.setData(model.index(i, col), f"备注{i}", Qt.ItemDataRole.EditRole)
        app.processEvents()

    def table_edit(i):
        grid.setData(cell, str(i), Qt.ItemDataRole.EditRole)
        app.processEvents()
    table = median(table_edit)
    ws.tabs.show_page("register")
    register = median(register_edit)

    # 2. the filter box
    words = page.panes["application"].words
    t0 = time.perf_counter()
    words.setText("申请人99")
    app.processEvents()
    first_word = time.perf_counter() - t0
    t0 = time.perf_counter()
    words.setText("申请人999")
    app.processEvents()
    next_key = time.perf_counter() - t0
    words.clear()

    # 3. the drill-down of 表三's 总计
    t0 = time.perf_counter()
    dialog = ws.registers.drill("applications.total.total")
    app.processEvents()
    drill = time.perf_counter() - t0
    listed = dialog.rows.rowCount()
    dialog.hide()

    print(f"台账 in the window, {N:,} applications (offscreen, medians of {REPEAT})")
    print(row("one 表三 cell entered (baseline)", table))
    print(row("one 台账 cell entered", register, baseline=table))
    print(row("filter: first word", first_word))
    print(row("filter: next keystroke", next_key))
    print(row(f"drill-down list of 表三 总计 ({listed:,} rows)", drill))
    print(row("import_file of the .xlsx alone (baseline)", alone, "s"))
    print(row("导入台账 in the window, click to rows shown", in_window, "s", baseline=alone))
    print(row("longest event-loop pause during the import", max(gaps)))
    win.close()
    store.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
