"""文件 → 从备份中找回报告 on the real window with real stores, and the dialog itself."""
import datetime as dt

from report_desktop.core import jsonio, schema
from report_desktop.core.store import ReportInfo
from report_desktop.core.store.recover import SAVED_BEFORE, BackupEntry
from report_desktop.ui.dialogs.recover import EMPTY, RecoverDialog, chinese_time

from conftest import open_window

A = schema.application_cell
OTHER_UNIT = "甲镇人民政府"


def pick(unit, year):
    """A scripted answer: the newest backup that holds unit+year."""
    def answer(entries, _current):
        entry = next(e for e in entries if any((r.unit, r.year) == (unit, year) for r in e.reports))
        return entry.path, unit, year
    return answer


def test_delete_then_recover_through_the_window(qtbot, store, prompts, seed_report):
    other = seed_report.copy()
    other.unit = OTHER_UNIT
    store.save(other)
    window = open_window(qtbot, store, prompts)
    window.open_report(store.find(seed_report.unit, 2024))
    window.session.set_cells({A("granted", "research"): 7})
    window.session.flush()
    edited = jsonio.to_dict(store.get(seed_report.unit, 2024))
    window.workspace.actions["delete"].trigger()
    assert store.find(seed_report.unit, 2024) is None
    assert window.workspace.actions["recover"] in window.menus["file"].actions()
    assert window.workspace.actions["recover"].isEnabled()

    prompts.backup_choice = pick(seed_report.unit, 2024)
    window.workspace.actions["recover"].trigger()

    assert ("choose_backup_report", "从备份中找回报告", "1", "0") in prompts.shown
    rid = store.find(seed_report.unit, 2024)
    assert rid is not None
    assert jsonio.to_dict(store.load(rid)) == edited          # back with its numbers
    assert window.session.report_id == rid                    # and open
    assert window.session.report.cells[A("granted", "research")] == 7
    assert window.windowTitle().startswith(f"{seed_report.unit} 2024年")
    assert not [s for s in prompts.shown if s[0] in ("confirm", "warn") and "找回" in s[1]]
    assert "已从备份找回" in window.statusBar().currentMessage()
    window.close()


def test_recovering_over_an_existing_report_asks_and_keeps_a_version(qtbot, window, prompts,
                                                                      store, seed_report):
    rid = window.session.report_id
    store.backup_now()
    window.session.set_cells({A("granted", "research"): 9})
    prompts.backup_choice = pick(seed_report.unit, 2024)
    prompts.confirm_answer = False
    window.workspace.reports.recover_from_backup()
    assert window.session.report.cells[A("granted", "research")] == 9    # cancelled: nothing changed
    assert store.list_snapshots(rid) == []

    prompts.confirm_answer = True
    assert window.workspace.reports.recover_from_backup() == rid
    _kind, title, text, detail = [s for s in prompts.shown if s[0] == "confirm"][-1]
    assert title == "从备份中找回报告" and "已经有" in text and SAVED_BEFORE in detail
    assert window.session.report.cells[A("granted", "research")] == seed_report.cells[A("granted", "research")]
    [snap] = store.list_snapshots(rid)
    assert snap.name == SAVED_BEFORE
    assert store.restore_snapshot(snap.id).cells[A("granted", "research")] == 9


def test_no_backups_says_so(qtbot, window, prompts):
    window.workspace.reports.recover_from_backup()
    assert prompts.shown[-1][:3] == ("info", "从备份中找回报告", EMPTY)


def _info(rid, unit, year, modified):
    return ReportInfo(rid, unit, year, "township", modified)


def test_the_dialog_lists_backups_and_their_reports(qtbot, tmp_path):
    newer, older = tmp_path / "b2.backup.sqlite3", tmp_path / "b1.backup.sqlite3"
    entries = [BackupEntry(newer, dt.datetime(2025, 1, 20, 9, 30),
                           [_info(1, "乙镇人民政府", 2024, "2025-01-19T16:05:00"),
                            _info(2, OTHER_UNIT, 2024, "2025-01-18T10:00:00")]),
               BackupEntry(older, dt.datetime(2025, 1, 19, 8, 5),
                           [_info(1, "乙镇人民政府", 2024, "2025-01-18T16:05:00")])]
    dlg = RecoverDialog(entries, {("乙镇人民政府", 2024)}, skipped=1)
    qtbot.addWidget(dlg)
    assert chinese_time(dt.datetime(2025, 1, 20, 9, 30)) == "2025年1月20日 09:30"
    assert dlg.backups.item(0).text() == "2025年1月20日 09:30（2份报告）"
    # The report missing from the data file (deleted) comes first and is selected.
    first = dlg.reports.topLevelItem(0)
    assert [first.text(c) for c in range(4)] == [OTHER_UNIT, "2024年", "2025年1月18日 10:00", "没有"]
    assert dlg.reports.topLevelItem(1).text(3).startswith("已有")
    assert dlg.chosen() == (newer, OTHER_UNIT, 2024)
    assert "1个备份已损坏" in dlg.note.text()
    dlg.backups.setCurrentRow(1)
    assert dlg.reports.topLevelItemCount() == 1
    assert dlg.chosen() == (older, "乙镇人民政府", 2024)
    assert dlg.ok.isEnabled()

    empty = RecoverDialog([], set())
    qtbot.addWidget(empty)
    assert empty.note.text() == EMPTY and not empty.ok.isEnabled() and empty.chosen() is None


def test_double_click_on_a_report_accepts(qtbot, tmp_path):
    entry = BackupEntry(tmp_path / "b.backup.sqlite3", dt.datetime(2025, 1, 20, 9, 30),
                        [_info(1, OTHER_UNIT, 2024, "2025-01-19T16:05:00")])
    dlg = RecoverDialog([entry], set())
    qtbot.addWidget(dlg)
    dlg.reports.itemDoubleClicked.emit(dlg.reports.topLevelItem(0), 0)
    assert dlg.result() == RecoverDialog.DialogCode.Accepted
