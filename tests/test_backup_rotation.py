"""Backups in two rotations: one a day for the last 7 days that have one, and the last 10
copies taken before a delete or a replace — deletes never evict the daily ones."""
import datetime as dt

import pytest

from report_desktop.core.store import Store, backup

DAY0 = dt.datetime(2025, 3, 1, 9, 30)


@pytest.fixture
def store(tmp_path, seed):
    s = Store(tmp_path / "reports.sqlite3")
    s.save(seed)
    yield s
    s.close()


def _days(paths):
    return sorted({backup.taken_at(p).date() for p in paths})


def test_a_row_of_deletes_keeps_the_week_of_daily_backups(store):
    for day in range(9):                                  # nine days of work
        backup.backup_if_due(store._con, store.path, DAY0 + dt.timedelta(days=day))
    daily = backup.list_backups(store.path, backup.DAILY)
    assert len(daily) == 7 and _days(daily)[0] == (DAY0 + dt.timedelta(days=2)).date()
    for _ in range(15):                                   # then fifteen deletes in a row
        store.backup_now()
    assert backup.list_backups(store.path, backup.DAILY) == daily
    before = backup.list_backups(store.path, backup.BEFORE_CHANGE)
    assert len(before) == backup.KEEP_BEFORE == 10
    assert all("before-change" in p.name for p in before)
    folder = backup.backup_dir(store.path)
    assert sorted(folder.iterdir()) == sorted(daily + before)     # no .part, -wal, -shm


def test_one_daily_backup_per_day(store):
    first = backup.backup_if_due(store._con, store.path, DAY0)
    assert backup.backup_if_due(store._con, store.path, DAY0 + dt.timedelta(hours=10)) is None
    next_day = backup.backup_if_due(store._con, store.path, DAY0 + dt.timedelta(hours=15))
    assert first and next_day and _days([first, next_day])[1] == dt.date(2025, 3, 2)
    # Taken by hand on an old day: only the newest of that day stays.
    backup.make_backup(store._con, store.path, DAY0 + dt.timedelta(hours=1))
    assert [backup.taken_at(p) for p in backup.list_backups(store.path, backup.DAILY)] == [
        DAY0 + dt.timedelta(hours=15), DAY0 + dt.timedelta(hours=1)]


def test_a_gap_in_use_keeps_the_last_seven_days_that_have_a_backup(store):
    for day in (0, 1, 2, 40, 41, 42, 43, 80):
        backup.make_backup(store._con, store.path, DAY0 + dt.timedelta(days=day))
    assert len(backup.list_backups(store.path, backup.DAILY)) == 7


def test_two_backups_in_one_second_are_both_kept(store):
    a = backup.make_backup(store._con, store.path, DAY0, kind=backup.BEFORE_CHANGE)
    b = backup.make_backup(store._con, store.path, DAY0, kind=backup.BEFORE_CHANGE)
    assert a != b and a.exists() and b.exists() and backup.taken_at(b) == DAY0


def test_backups_of_another_store_in_the_folder_are_not_ours(tmp_path, seed):
    with Store(tmp_path / "reports.sqlite3") as s:
        s.save(seed)
        mine = s.backup_now()
    with Store(tmp_path / "reports-restored-20250301-093000.sqlite3") as other:
        other.save(seed)
        theirs = [other.backup_now() for _ in range(12)]
    assert backup.list_backups(tmp_path / "reports.sqlite3") == [mine]
    assert all(p.exists() for p in theirs[-10:])


def test_newest_good_backup_looks_at_both_rotations(store):
    daily = backup.make_backup(store._con, store.path, DAY0)
    before = store.backup_now()
    assert backup.newest_good_backup(store.path) == before
    before.write_bytes(b"broken")
    assert backup.newest_good_backup(store.path) == daily


def test_replacing_a_report_takes_a_before_change_copy(tmp_path, seed, capsys):
    from report_desktop.entry import main
    from report_desktop.core import jsonio
    from report_desktop.core.store.recover import recover
    path, src = tmp_path / "reports.sqlite3", tmp_path / "seed.json"
    jsonio.write(seed, src)
    assert main(["db", "add", str(src), "--db", str(path)]) == 0          # new: no copy
    assert backup.list_backups(path, backup.BEFORE_CHANGE) == []
    assert main(["db", "add", str(src), "--db", str(path)]) == 0          # replaces: a copy
    assert len(backup.list_backups(path, backup.BEFORE_CHANGE)) == 1
    capsys.readouterr()
    with Store(path) as s:
        daily = backup.list_backups(path, backup.DAILY)
        recover(s, daily[0], seed.unit, seed.year)                          # replaces: a copy
        assert len(backup.list_backups(path, backup.BEFORE_CHANGE)) == 2
        assert backup.list_backups(path, backup.DAILY) == daily
