"""The window and unusable stores: each cause shown with its own diagnosis, a backup offered
only for a damaged store, the refused file untouched; store errors never reach the crash
dialog; autosave writes meta, cells and texts independently, says a permanent failure once
and retries only a lock; a store on a network share is announced once."""
import os
import sqlite3

import pytest

from report_desktop.core.store import Store, StoreDiskFull, StoreLocked, netfs, opening
from report_desktop.ui import startup
from report_desktop.ui.dialogs import damaged
from report_desktop.ui.logs import CrashHandler
from report_desktop.services.editing import SaveState

from tests.untouched import as_unprivileged, digest, folder_state, foreign_sqlite, private_folder
from test_deferred_start import start


def _foreign(path):
    foreign_sqlite(path, "CREATE TABLE reports (id INTEGER PRIMARY KEY, title TEXT)")


def _folder(path):
    path.mkdir()


def _too_new(path):
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()


@pytest.mark.parametrize("make, kind", [(_foreign, "不是本程序的数据文件"), (_folder, "这是一个文件夹"),
                                        (_too_new, "由更新版本创建")])
def test_each_unusable_store_gets_its_diagnosis_and_no_backup_offer(tmp_path, make, kind):
    path = tmp_path / "reports.sqlite3"
    make(path)
    files = folder_state(tmp_path)
    shown = []
    store = damaged.open_store(path, choose=lambda e: pytest.fail("offered a backup"),
                               warn=lambda title, text: shown.append((title, text)))
    assert store is None and len(shown) == 1
    assert shown[0][0] == f"无法打开数据文件：{kind}"
    assert "已损坏" not in shown[0][0] + shown[0][1]
    assert folder_state(tmp_path) == files


def test_a_read_only_store_is_not_called_damaged(seed_report):
    with private_folder() as folder:
        path = folder / "reports.sqlite3"
        shown = []
        with as_unprivileged():
            with Store(path) as s:
                s.save(seed_report)
                s.backup_now()                     # a backup exists, yet none is offered
            os.chmod(folder, 0o555)
            files = folder_state(folder)
            store = damaged.open_store(path, choose=lambda e: pytest.fail("offered a backup"),
                                       warn=lambda title, text: shown.append((title, text)))
            assert folder_state(folder) == files
        assert store is None and shown[0][0] == "无法打开数据文件：只读（文件或文件夹）"
        assert "可以写入的文件夹" in shown[0][1]


def test_the_window_refuses_a_foreign_file_and_closes_untouched(qtbot, store_path, prompts):
    _foreign(store_path)
    before, files = digest(store_path), folder_state(store_path.parent)
    begun = start(qtbot, store_path, prompts)
    qtbot.waitUntil(lambda: not begun.window.isVisible(), timeout=5000)
    assert begun.exit_code == startup.EXIT_NO_STORE and begun.store is None
    assert [w[1] for w in prompts.warnings()] == ["无法打开数据文件：不是本程序的数据文件"]
    assert digest(store_path) == before
    assert {k: v for k, v in folder_state(store_path.parent).items()
            if not k.startswith("settings")} == files


@pytest.mark.parametrize("path", ["", ":memory:"])
def test_the_window_refuses_memory_and_empty_paths(qtbot, prompts, path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    begun = start(qtbot, path, prompts)
    qtbot.waitUntil(lambda: not begun.window.isVisible(), timeout=5000)
    assert begun.exit_code == startup.EXIT_NO_STORE
    assert prompts.warnings()[0][1] == "无法打开数据文件：路径不可用"


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_damaged_dialog_offers_the_backup(qtbot, store_path, seed_report, tmp_path):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from test_startup import make_damaged
    exc = make_damaged(store_path, seed_report)
    seen = {}

    def look():
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen["title"] = box.windowTitle()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        box.grab().save(str(tmp_path / "damaged.png"))
        qtbot.keyClick(box, Qt.Key.Key_Return)      # Enter: the default button

    QTimer.singleShot(300, look)
    assert damaged.ask(exc) == damaged.QUIT          # never a restore by pressing Enter
    assert seen["title"] == "无法打开数据文件：已损坏"
    assert "从备份恢复" in seen["buttons"] and seen["default"] == "退出"


def test_after_a_restore_the_window_says_which_file_it_uses(qtbot, store_path, seed_report,
                                                            prompts, tmp_path):
    from PySide6.QtWidgets import QLabel

    from test_startup import make_damaged
    target = damaged.handle_damaged(make_damaged(store_path, seed_report),
                                    choose=lambda e: damaged.RESTORE)
    begun = start(qtbot, store_path, prompts)
    with qtbot.waitSignal(begun.window.ready, timeout=5000):
        pass
    assert begun.store.path == target
    note = begun.window.statusBar().findChild(QLabel, "replacementNote")
    assert note is not None and note.isVisible() and target.name in note.text()
    assert "从备份恢复" in note.toolTip() and str(store_path) in note.toolTip()
    begun.window.statusBar().clearMessage()          # a passing message goes; the note stays
    qtbot.wait(50)
    assert note.isVisible()
    begun.window.grab().save(str(tmp_path / "restored-window.png"))
    begun.window.close()
    begun.close()


def test_a_store_error_never_shows_the_crash_dialog(tmp_path):
    crashes, warnings = [], []
    handler = CrashHandler(None, show=lambda t, d: crashes.append(t),
                           warn=lambda title, text: warnings.append((title, text)))
    err = StoreDiskFull("请清理磁盘空间后再试：磁盘已满。", tmp_path / "r.sqlite3")
    handler(type(err), err, None)
    assert crashes == [] and warnings == [("数据文件：磁盘已满", str(err))]
    boom = RuntimeError("boom")
    handler(type(boom), boom, None)
    assert len(crashes) == 1


# -- autosave -------------------------------------------------------------------------------
def _two_reports(store, seed_report):
    other = seed_report.copy()
    other.unit = "乙镇人民政府"
    store.save(other)
    return store.find(seed_report.unit, seed_report.year)


def test_a_failed_meta_write_blocks_no_cell_or_text_and_is_said_once(qtbot, window, store,
                                                                     seed_report):
    session = window.session
    _two_reports(store, seed_report)
    failures = []
    session.storeFailed.connect(failures.append)
    session.set_meta("unit", "乙镇人民政府")         # taken: a permanent failure
    assert session.save_state == SaveState.FAILED and len(failures) == 1
    session.set_cells({"applications.new.research": 7})
    session.set_text("problems", "元数据写不进去，正文照样保存。")
    session.flush()
    assert len(failures) == 1                          # said once
    assert not session._retry_timer.isActive()         # and not retried on a timer
    other = sqlite3.connect(store.path)
    try:
        rid = session.report_id
        assert other.execute("SELECT value FROM cells WHERE report_id = ? AND cell = ?",
                             (rid, "applications.new.research")).fetchone() == (7,)
        assert other.execute("SELECT body FROM texts WHERE report_id = ? AND key = 'problems'",
                             (rid,)).fetchone() == ("元数据写不进去，正文照样保存。",)
    finally:
        other.close()
    assert "保存失败" in window.workspace.saved.text() and "重试" not in window.workspace.saved.text()
    assert "已经有" in failures[0]


def test_a_locked_store_is_retried_with_a_visible_state(qtbot, store_path, seed_report,
                                                        prompts, monkeypatch):
    from conftest import open_window
    monkeypatch.setattr(opening, "BUSY_MS", 100)
    with Store(store_path) as s:
        s.save(seed_report)
    store = Store(store_path)
    window = open_window(qtbot, store, prompts)
    session = window.session
    failures = []
    session.storeFailed.connect(failures.append)
    other = sqlite3.connect(store_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        calls = []
        for name in ("write_cells", "write_text"):
            real = getattr(store, name)
            monkeypatch.setattr(store, name, lambda *a, _r=real, _n=name: calls.append(_n) or _r(*a))
        session.set_text("problems", "锁住时输入的正文。")
        session.set_cells({"applications.new.research": 5})
        assert session.save_state == SaveState.WAITING and session._retry_timer.isActive()
        assert calls == ["write_cells"]          # the text waits for the next try, not the lock
        assert "被占用" in window.workspace.saved.text()
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: session.save_state == SaveState.SAVED, timeout=5000)
    assert failures == [] and prompts.warnings() == []
    assert store.load(session.report_id).cells["applications.new.research"] == 5
    assert store.load(session.report_id).texts["problems"] == "锁住时输入的正文。"
    window.close()
    store.close()


def test_a_store_on_a_share_is_announced_once(qtbot, store_path, seed_report, prompts,
                                              monkeypatch):
    monkeypatch.setattr(netfs, "is_network_path", lambda p: True)
    with Store(store_path) as s:
        s.save(seed_report)
    for expected_infos in (1, 1):
        begun = start(qtbot, store_path, prompts)
        with qtbot.waitSignal(begun.window.ready, timeout=5000):
            pass
        assert begun.store.network
        assert "同一时间只能有一个人打开" in begun.window.statusBar().currentMessage()
        assert [s for s in prompts.shown if s[0] == "info"].__len__() == expected_infos
        begun.window.close()
        begun.close()


def test_the_window_waits_briefly_for_a_lock(store_path, seed_report):
    import time
    with Store(store_path) as s:
        rid = s.save(seed_report)
    store = damaged.open_store(store_path)
    other = sqlite3.connect(store_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        with pytest.raises(StoreLocked):
            store.write_text(rid, "problems", "x")
        assert time.monotonic() - began < 3 * damaged.WAIT_MS / 1000
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()
