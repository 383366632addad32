"""Screenshots of every tab and dialog as a clerk sees them, one X screen per size.

usage: python tools/screenshots.py OUTDIR [1024x768 1366x768 1920x1080 1920x1080@1.5 ...]
       python tools/screenshots.py --help-images   (the pictures of 使用说明, committed)

For each configuration (default: the four above and 1024x768@1.25; "@1.5" is 150 % scaling,
QT_SCALE_FACTOR)
it starts Xvfb with a screen that size and runs itself on it (xcb).  The child builds a
store with the sample 2024 report and its 2025 draft (从上一年创建: draft-marker lines and
many findings), a named version and a backup, opens the window as a first start places it (maximised on a small screen) and saves
the whole screen (dialogs over the window) as OUTDIR/<shot>-<config>.png:

  tab-1-info … tab-7-other      the seven tabs
  menu-editor, calendar         the text editor's context menu, 报告日期's calendar
  dialog-<action>               every dialog the menus open (new, import, snapshot, restore,
                                recover, word_fonts, work_calendar, answer_times, delete, help, about,
                                where, print_preview, fee, fixes,
                                summary; 从上一年创建 asks nothing)
  export-1-anyway … -3-done     导出 Word: 仍然导出, the save dialog, 打开文件/打开所在文件夹
  welcome                       the welcome page of an empty store, a township's name typed
  register-1-applications …     the 台账 of the 2024 report (issue 20): applications, cases,
  register-7-settings           表三 with a hand-typed difference, the drill-down list, the
                                import's column mapping and undecided rows, 统计口径
  final-1-mark … final-6-verify 定稿: 标记为定稿 ticked, exported, the state in the status line,
                                the reason asked at the first edit, 已修改, 核对已发布文件

Needs Xvfb (tools/install-debian-packages.sh installs it) and the CJK fonts.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from xscreen import run_on_screen  # noqa: E402
CONFIGS = ("1024x768", "1366x768", "1920x1080", "1920x1080@1.5", "1024x768@1.25")


def main(argv: list[str]) -> int:
    if argv == ["--help-images"]:          # the pictures of 使用说明 (tools/help_images.py)
        return subprocess.run([sys.executable, str(ROOT / "tools" / "help_images.py")]).returncode
    if len(argv) >= 2 and argv[0] == "--child":
        return child(Path(argv[1]), argv[2])
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    if argv[0].startswith("-"):
        print(f"unknown option {argv[0]}\n{__doc__}", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for n, config in enumerate(argv[1:] or CONFIGS):
        size, _, scale = config.partition("@")
        code = run_on_screen(f":{91 + n}", size, [__file__, "--child", str(out), config], scale)
        failed += code != 0
        print(f"{config}: {'ok' if code == 0 else 'FAILED'}")
    return 1 if failed else 0


# -- the child, on its own X screen ---------------------------------------------------------
def child(out: Path, tag: str) -> int:
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton

    from report_desktop.core import jsonio, rollover
    from report_desktop.core.store import Store
    from report_desktop.ui.app import application
    from report_desktop.ui.main_window import MainWindow
    from report_desktop.ui.tabs import TAB_KEYS

    tmp = Path(tempfile.mkdtemp(prefix="shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")      # no remembered layout
    app = application()
    screen = app.primaryScreen().availableGeometry()

    def settle(ms: int = 200) -> None:
        # An event loop, as the program runs: it lets pool threads (the 汇总 check) take
        # Python's lock while it waits; QTest.qWait would hold the lock through its sleeps.
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shoot(name: str) -> None:
        settle(150)
        app.primaryScreen().grabWindow(0).save(str(out / f"{name}-{tag}.png"))

    def with_dialogs(start, *handlers, wait_s: float = 20.0) -> None:
        """start(); each handler in turn gets the next modal dialog or popup that opens."""
        queue = list(handlers)

        def poll() -> None:
            w = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if w is not None and not w.property("shot") and queue:
                w.setProperty("shot", True)
                handler = queue.pop(0)
                QTimer.singleShot(300, lambda: handler(w))
        timer = QTimer()
        timer.timeout.connect(poll)
        timer.start(100)
        QTimer.singleShot(0, start)
        deadline = time.monotonic() + wait_s
        while (queue or QApplication.activeModalWidget() or QApplication.activePopupWidget()) \
                and time.monotonic() < deadline:
            settle(50)
        timer.stop()
        if queue:
            names = [getattr(h, "shot", h.__name__) for h in queue]
            print(f"  {tag}: did not open: {', '.join(names)}", file=sys.stderr)

    def shot_and_close(name):
        def handle(w):
            shoot(name)
            if isinstance(w, QDialog):
                w.reject()
            else:                      # a menu, the calendar popup
                w.close()
        handle.shot = name
        return handle

    store = Store(tmp / "reports.sqlite3")
    seed = jsonio.read(ROOT / "tests" / "data" / "shuozhou-2024.json")
    store.save(seed)
    draft_id = store.save(rollover.from_previous(seed))
    store.save_snapshot(draft_id, "送审稿")
    store.backup_now()
    store.set_setting("last_report_id", str(draft_id))
    win = MainWindow.deferred()         # as run() starts: the frame where placement.py puts it
    if win.isMaximized():
        win.setGeometry(screen)         # what a window manager does (Xvfb runs none)
    win.show()
    settle(200)
    win.populate(store)
    settle(500)
    ws = win.workspace
    for n, key in enumerate(TAB_KEYS, 1):
        ws.tabs.show_page(key)
        shoot(f"tab-{n}-{key}")

    editor = ws.tabs.show_page("overview").editor
    settle()
    pos = QPoint(120, 60)
    with_dialogs(lambda: QApplication.sendEvent(editor.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, editor.viewport().mapToGlobal(pos))),
        shot_and_close("menu-editor"))
    info = ws.tabs.show_page("info")
    settle()
    arrow = QPoint(info.date.width() - 8, info.date.height() // 2)
    with_dialogs(lambda: QTest.mouseClick(info.date, Qt.MouseButton.LeftButton, pos=arrow),
                 shot_and_close("calendar"))

    for key in ("new", "import", "snapshot", "restore", "recover",
                "word_fonts", "work_calendar", "answer_times", "delete", "help", "about", "where",
                "print_preview"):
        with_dialogs(ws.actions[key].trigger, shot_and_close(f"dialog-{key}"))
    ws.tabs.show_page("other")
    with_dialogs(ws.reports.fee_helper, shot_and_close("dialog-fee"))
    overview = ws.tabs.show_page("overview")
    fix_all = [b for b in overview.findChildren(QPushButton) if b.text() == "全部修正标点"][0]
    with_dialogs(fix_all.click, shot_and_close("dialog-fixes"))

    ws.actions["summary"].trigger()
    settle(1500)                      # the units' reports are read and checked first
    shoot("dialog-summary")
    for w in app.topLevelWidgets():
        if isinstance(w, QDialog) and w.isVisible():
            w.close()

    target = tmp / "导出.docx"

    def export_step(w):
        """仍然导出 first, then where to save, then the file is written."""
        if isinstance(w, QFileDialog):
            shoot("export-2-file")
            w.selectFile(str(target))
            w.accept()
            return
        anyway = [b for b in w.findChildren(QPushButton) if b.text() == "仍然导出"]
        shoot("export-1-anyway" if anyway else "export-3-done")
        anyway[0].click() if anyway else w.reject()

    with_dialogs(ws.actions["export_word"].trigger, export_step, export_step, export_step,
                 wait_s=60)
    final_flow(ws, store, seed, tmp, shoot, with_dialogs, settle)
    register_shots(ws, store, seed, tmp, shoot, settle, with_dialogs, shot_and_close)
    win.close()
    store.close()

    empty = Store(tmp / "empty.sqlite3")
    first = MainWindow.deferred()
    if first.isMaximized():
        first.setGeometry(screen)
    first.show()
    settle(200)
    first.populate(empty)
    settle(400)
    unit = first.workspace.welcome.unit
    unit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString("城关镇人民政府")
    QApplication.sendEvent(unit, event)
    shoot("welcome")
    first.close()
    empty.close()
    return 0


def register_shots(ws, store, seed, tmp, shoot, settle, with_dialogs, shot_and_close) -> None:
    """The 台账 views of issue 20 on the 2024 report, given a register behind its tables."""
    import datetime as dt
    from dataclasses import replace

    import openpyxl
    from PySide6.QtWidgets import QDialog, QPushButton

    sys.path.insert(0, str(ROOT))
    from report_desktop.core import schema
    from tests.registers import from_tables

    reg = from_tables(seed)
    names = ("张某某", "李某", "某某科技有限公司", "王某某", "某律师事务所", "赵某")
    asks = ("某路段道路拓宽工程征收补偿方案", "2023年度部门预算执行情况", "某小区规划许可证及附图",
            "某行政处罚决定书", "土地征收批复文件")
    reg = reg.with_rows("application", [replace(a, applicant=names[i % 6], request=asks[i % 5],
                                                article="第二十七条" if a.outcome else "")
                                        for i, a in enumerate(reg.applications)])
    reg = reg.with_rows("case", [replace(c, decision={"upheld": "维持原行政行为",
                                                      "corrected": "确认违法"}.get(c.result or "", "终止审理"))
                                 for c in reg.cases])
    reg = reg.with_field("application", 1, "outcome", None)     # one the tally cannot count
    rep = store.load(store.find(seed.unit, seed.year))
    rep.register = reg
    cid = schema.application_cell("granted", "natural_person")
    rep.set(cid, (rep.cells[cid] or 0) + 2)                       # typed by hand, differs
    store.save(rep)
    ws.open_report(store.find(seed.unit, seed.year), force=True)
    settle(300)
    page = ws.tabs.show_page("register")
    shoot("register-1-applications")
    page.show_kind("case")
    shoot("register-2-cases")
    page.show_kind("application")
    page.panes["application"].choice.setCurrentIndex(1)
    shoot("register-3-flagged")
    page.panes["application"].clear_filter()
    ws.tabs.show_page("applications")
    shoot("register-4-table3")
    dialog = ws.registers.drill("applications.total.natural_person")
    dialog.move(ws.window.geometry().center() - dialog.rect().center())
    shoot("register-5-drill")
    dialog.hide()

    path = tmp / "台账.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["流水号", "申请日期", "申请人身份", "姓名/名称", "所需信息", "办理日期", "处理情况", "备注"])
    for i in range(30):
        sheet.append([f"Y{i:03d}", dt.datetime(2025, 3, 1) + dt.timedelta(days=i), "公民", f"申请人{i}",
                      "某文件", f"2025/4/{1 + i % 27}", ("同意公开", "信息不存在", "待研究")[i % 3], None])
    wb.save(path)
    ws.tabs.show_page("register")

    def accept(name):
        def handle(w):
            shoot(name)
            w.accept() if isinstance(w, QDialog) else w.close()
        handle.shot = name
        return handle
    def replace_register(w):
        [b for b in w.findChildren(QPushButton) if b.text() == "替换"][0].click()
    with_dialogs(lambda: ws.registers.importer.start(path, "application"), replace_register,
                 accept("register-6-mapping"), shot_and_close("register-6-undecided"), wait_s=40)
    with_dialogs(ws.registers.counting_settings, shot_and_close("register-7-settings"))


def final_flow(ws, store, seed, tmp: Path, shoot, with_dialogs, settle) -> None:
    """定稿 on the clean 2024 report: export it marked final, edit it, verify a changed copy."""
    import docx
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QCheckBox, QInputDialog, QPushButton

    ws.open_report(store.find(seed.unit, seed.year))
    settle(300)
    target = tmp / "定稿.docx"
    written: list[str] = []
    ws.files.finished.connect(written.append)

    def mark(w):
        w.findChild(QCheckBox).setChecked(True)
        shoot("final-1-mark")
        next(b for b in w.findChildren(QPushButton) if b.text() == "导出").click()

    def save(w):
        w.selectFile(str(target))
        w.accept()

    def done(w):
        shoot("final-2-done")
        w.reject()

    with_dialogs(ws.actions["export_word"].trigger, mark, save, done, wait_s=60)
    settle(300)
    shoot("final-3-state")
    editor = ws.tabs.show_page("problems").editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)

    def reason(w):
        if isinstance(w, QInputDialog):
            w.setTextValue("表三自然人申请数少统计一件，改正后重新送签")
            shoot("final-4-reason")
            w.accept()

    with_dialogs(lambda: QTest.keyClicks(editor, "x"), reason)
    settle(400)
    shoot("final-5-modified")
    changed = tmp / "网站上的定稿.docx"
    doc = docx.Document(written[-1])
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text.strip() == "13")
    cell.paragraphs[0].runs[0].text = "14"
    doc.save(changed)

    def verdict(w):
        shoot("final-6-verify")
        w.reject()

    # The file is given as the open dialog would give it (that dialog is Qt's own).
    with_dialogs(lambda: ws.finals.verify_file(changed), verdict, wait_s=60)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
