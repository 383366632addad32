"""Screenshots of every text tab and the tool bar (issue 12a): offscreen, one size per run.

usage: QT_QPA_PLATFORM=offscreen [QT_SCALE_FACTOR=1.5] python tools/shots_text_tabs.py OUTDIR W H
Builds a store with the sample 2024 report and its 2025 draft (从上一年创建, so the
draft-marker lines and many findings are there), opens the draft, types in 一、总体情况
through an input-method commit, and saves one PNG per text tab plus the tool bar."""
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from report_desktop.core import jsonio, rollover  # noqa: E402
from report_desktop.core.store import Store  # noqa: E402


def main(out: str, w: int, h: int) -> None:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    from report_desktop.ui.app import application
    app = application()
    from report_desktop.ui.main_window import MainWindow
    from report_desktop.ui.prompts import Prompts
    tmp = Path(tempfile.mkdtemp())
    store = Store(tmp / "r.sqlite3")
    seed = jsonio.read(ROOT / "tests" / "data" / "shuozhou-2024.json")
    store.save(seed)
    draft = rollover.from_previous(seed)
    draft.texts["overview"] = draft.texts["overview"].replace("15件", "12件", 1)
    rid = store.save(draft)
    store.set_setting("last_report_id", str(getattr(rid, "id", rid)))
    win = MainWindow(store, Prompts(None))
    win.resize(w, h)
    win.show()
    for _ in range(30):
        app.processEvents()
    ws = win.workspace
    tag = f"{w}x{h}" + ("@1.5" if os.environ.get("QT_SCALE_FACTOR") == "1.5" else "")
    for key in ("overview", "problems", "other"):
        tab = ws.tabs.show_page(key)
        if key == "overview":
            tab.editor.setFocus()
            ev = QInputMethodEvent("", [])
            ev.setCommitString("本年度")
            QApplication.sendEvent(tab.editor, ev)
        for _ in range(20):
            app.processEvents()
        win.grab().save(str(out_dir / f"text-{key}-{tag}.png"))
    ws.tabs.show_page("info")
    for _ in range(10):
        app.processEvents()
    win.grab().save(str(out_dir / f"info-{tag}.png"))
    tb = win.findChild(type(win.findChildren(__import__("PySide6.QtWidgets", fromlist=["QToolBar"]).QToolBar)[0]), "MainToolBar")
    tb.grab().save(str(out_dir / f"toolbar-{tag}.png"))
    win.close()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
