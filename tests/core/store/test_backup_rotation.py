"""Backups in two rotations: one a day for the last ``KEEP_DAYS`` days that have one, and the
last ``KEEP_BEFORE`` copies taken before a delete or a replace — deletes never evict the daily
ones.  The limits are read from core/store/backup.py and used only as input: each test makes
more backups than are kept and checks which ones went."""
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
    days = backup.KEEP_DAYS + 2                           # more days of work than are kept
    for day in range(days):
        backup.backup_if_due(store._con, store.path, DAY0 + dt.timedelta(days=day))
    daily = backup.list_backups(store.path, backup.DAILY)
    assert _days(daily) == [(DAY0 + dt.timedelta(days=d)).date() for d in range(2, days)]
    made = [store.backup_now() for _ in range(backup.KEEP_BEFORE + 5)]   # more deletes than kept
    assert backup.list_backups(store.path, backup.DAILY) == daily
    before = backup.list_backups(store.path, backup.BEFORE_CHANGE)
    assert not any(p.exists() for p in made[:5])          # the five oldest copies went
    assert sorted(before) == sorted(made[5:])             # every later one stayed
    assert all("before-change" in p.name for p in before)
    folder = backup.backup_dir(store.path)
    assert sorted(folder.iterdir()) == sorted(daily + before)     # no .part, -wal, -shm


def test_one_daily_backup_per_day(store):
    first = backup.backup_if_due(store._con, store.path, DAY0)
    assert backup.backup_if_due(store._con, store.path, DAY0 + dt.timedelta(hours=10)) is None
    next_day = backup.backup_if_due(store._con, store.path, DAY0 + dt.timedelta(hours=15))
    assert first and next_day and _days([first, next_day])[1] == dt.date(2025, 3, 2)
    # Taken later but stamped on the first day (the clock went back): it is the newest in
    # the backups' own order, and the older one of that day goes.
    late = backup.make_backup(store._con, store.path, DAY0 + dt.timedelta(hours=1))
    assert backup.list_backups(store.path, backup.DAILY) == [late, next_day]
    assert not first.exists()


def test_a_gap_in_use_keeps_the_last_days_that_have_a_backup(store):
    # Runs of three days of work, 40 days apart: one day more than are kept.
    days = [(i // 3) * 40 + i % 3 for i in range(backup.KEEP_DAYS + 1)]
    for day in days:
        backup.make_backup(store._con, store.path, DAY0 + dt.timedelta(days=day))
    assert _days(backup.list_backups(store.path, backup.DAILY)) == [
        (DAY0 + dt.timedelta(days=d)).date() for d in days[1:]]


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
        theirs = [other.backup_now() for _ in range(backup.KEEP_BEFORE + 2)]
    assert backup.list_backups(tmp_path / "reports.sqlite3") == [mine]
    assert mine.exists() and all(p.exists() for p in theirs[2:])    # theirs rotate among theirs
    assert not any(p.exists() for p in theirs[:2])


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


def test_a_clock_set_back_never_deletes_the_newest_backup(store):
    """The clock was once set a year ahead: those backups must not push today's out."""
    ahead = DAY0 + dt.timedelta(days=365)
    ahead_made = [backup.make_backup(store._con, store.path, ahead + dt.timedelta(days=day))
                  for day in range(backup.KEEP_DAYS)]
    for day in range(3):                                  # the clock is right again
        made = backup.backup_if_due(store._con, store.path, DAY0 + dt.timedelta(days=day))
        assert made is not None and made.exists()         # kept, not deleted at once
        assert backup.list_backups(store.path, backup.DAILY)[0] == made
    daily = backup.list_backups(store.path, backup.DAILY)
    assert _days(daily[:3]) == [(DAY0 + dt.timedelta(days=d)).date() for d in range(3)]
    assert not any(p.exists() for p in ahead_made[:3])   # the first made ahead went first
    assert daily[3:] == ahead_made[3:][::-1]
    made = [backup.make_backup(store._con, store.path, ahead, kind=backup.BEFORE_CHANGE)
            for _ in range(backup.KEEP_BEFORE + 1)]
    late = backup.make_backup(store._con, store.path, DAY0, kind=backup.BEFORE_CHANGE)
    before = backup.list_backups(store.path, backup.BEFORE_CHANGE)
    assert before[0] == late and late.exists()            # the newest made, whatever its stamp
    assert not any(p.exists() for p in made[:2]) and sorted(before) == sorted(made[2:] + [late])


def test_a_daily_backup_stamped_in_the_future_is_not_redone_on_every_open(tmp_path, seed):
    path = tmp_path / "reports.sqlite3"
    with Store(path) as s:
        s.save(seed)
        backup.make_backup(s._con, path, dt.datetime.now() + dt.timedelta(days=30))
    for _ in range(3):
        Store(path).close()
    daily = backup.list_backups(path, backup.DAILY)
    assert len(daily) == 2                                # the future one and today's, once
    assert backup.taken_at(daily[0]).date() == dt.date.today()


def test_a_file_named_backups_in_the_way_is_named(tmp_path, seed):
    from report_desktop.core.store import StoreError
    path = tmp_path / "reports.sqlite3"
    with Store(path) as s:
        s.save(seed)
    (tmp_path / "backups").write_text("别的东西", encoding="utf-8")
    with pytest.raises(StoreError) as exc:
        Store(path)                                       # the day's backup has nowhere to go
    message = str(exc.value)
    assert message.startswith("请把数据文件旁名为“backups”的文件改名或移走")
    assert "File exists" not in message and "Errno" not in message
    assert (tmp_path / "backups").read_text(encoding="utf-8") == "别的东西"
    with Store(path, auto_backup=False) as s:
        with pytest.raises(StoreError, match="改名或移走"):
            s.backup_now()
        assert s.get(seed.unit, seed.year) is not None


def test_half_made_backups_of_a_killed_process_are_removed_on_open(tmp_path, seed):
    path = tmp_path / "reports.sqlite3"
    with Store(path) as s:
        s.save(seed)
        kept = s.backup_now()
    folder = backup.backup_dir(path)
    left = [folder / "reports-before-change-20250301-093000-n7.backup.part",
            folder / "reports-before-change-20250301-093000-n7.backup.part-journal",
            folder / "reports-20250301-093000-n8.backup.part",
            folder / "reports-20250301-093000-n8.backup.part-wal"]
    theirs = folder / "other-20250301-093000-n1.backup.part"      # another store's
    for p in (*left, theirs):
        p.write_bytes(b"\0" * 4096)
    Store(path, auto_backup=False).close()
    assert not any(p.exists() for p in left)
    assert theirs.exists() and kept.exists()


def test_backups_named_by_an_older_version_come_before_every_numbered_one(store):
    folder = backup.backup_dir(store.path)
    folder.mkdir(exist_ok=True)
    old = [folder / f"reports-{stamp}.backup.sqlite3"
           for stamp in ("20300101-090000", "20300102-090000", "20300102-090000-2")]
    for p in old:
        backup.make_backup(store._con, store.path, DAY0).rename(p)   # a sound copy, old name
    made = backup.make_backup(store._con, store.path, DAY0)          # stamped years earlier
    assert backup.list_backups(store.path, backup.DAILY)[0] == made
    assert backup.list_backups(store.path, backup.DAILY)[1:] == [old[2], old[0]]
    assert not old[1].exists()          # the older one of its day, in the old names' order
    assert not backup.due(store.path, DAY0 + dt.timedelta(hours=1))
