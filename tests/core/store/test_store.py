"""The SQLite store: round trips, edits, snapshots, backups, damage, migrations, crashes."""
import datetime as dt
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from report_desktop.core import jsonio
from report_desktop.core.store import Store, StoreDamaged, StoreTooNew, backup
from report_desktop.core.store.schema_sql import CURRENT_VERSION

from tests.strategies import reports
from tests.conftest import DATA

STORES = DATA / "stores"


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "reports.sqlite3")
    yield s
    s.close()


def test_seed_round_trip(store, seed):
    rid = store.save(seed)
    assert jsonio.to_dict(store.load(rid)) == jsonio.to_dict(seed)
    assert [(r.unit, r.year) for r in store.list_reports()] == [(seed.unit, 2024)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(reports())
def test_any_valid_report_survives_json_store_json(tmp_path, report):
    with Store(tmp_path / "h.sqlite3", auto_backup=False) as s:
        rid = s.save(jsonio.loads(jsonio.dumps(report)))
        assert jsonio.dumps(s.load(rid)) == jsonio.dumps(report)


def test_many_units_and_years_in_one_file(store, seed):
    for unit in ("甲镇人民政府", "乙镇人民政府"):
        for year in (2023, 2024):
            r = seed.copy()
            r.unit, r.year = unit, year
            store.save(r)
    assert len(store.list_reports()) == 4
    assert store.get("乙镇人民政府", 2023).year == 2023
    assert store.get("丙镇人民政府", 2023) is None


def test_each_edit_is_committed_at_once(store, seed, tmp_path):
    rid = store.save(seed)
    store.write_cells(rid, seed.set("applications.granted.commercial", 4))
    store.write_text(rid, "problems", "新的问题。")
    other = sqlite3.connect(store.path)   # another process's view
    assert other.execute("SELECT value FROM cells WHERE report_id=? AND cell=?",
                         (rid, "applications.total.commercial")).fetchone() == (4,)
    assert other.execute("SELECT body FROM texts WHERE key='problems'").fetchone() == ("新的问题。",)
    other.close()


def test_snapshots_list_and_restore(store, seed):
    rid = store.save(seed)
    sid = store.save_snapshot(rid, "送审稿")
    store.write_cells(rid, seed.set("applications.new.natural_person", 20))
    assert [s.name for s in store.list_snapshots(rid)] == ["送审稿"]
    restored = store.restore_snapshot(sid)
    assert restored.cells["applications.new.natural_person"] == 13
    names = [s.name for s in store.list_snapshots(rid)]
    assert "恢复前自动保存" in names     # the state before restoring is not lost
    auto = next(s for s in store.list_snapshots(rid) if s.name == "恢复前自动保存")
    assert store.restore_snapshot(auto.id).cells["applications.new.natural_person"] == 20


def test_daily_backup_rotation_removes_the_oldest_day_first(tmp_path, seed):
    path = tmp_path / "r.sqlite3"
    with Store(path) as s:
        s.save(seed)
        assert backup.list_backups(path) == []               # nothing to keep yet
    with Store(path) as s:
        assert len(backup.list_backups(path)) == 1           # made on the next open
        assert s.backup_if_due() is None                     # not again the same day
    for p in backup.list_backups(path):
        p.unlink()                                           # the days below are all there is
    start = dt.datetime(2025, 1, 1, 9)
    made = []
    with Store(path, auto_backup=False) as s:
        for day in range(backup.KEEP_DAYS + 1):              # one day more than are kept
            made.append(backup.make_backup(s._con, path, start + dt.timedelta(days=day)))
            assert made[0].exists() is (day < backup.KEEP_DAYS)  # kept until a day too many
    kept = backup.list_backups(path)
    assert not made[0].exists()                              # the oldest day went, and only it
    assert sorted(kept) == sorted(made[1:]) and all(backup.is_healthy(k) for k in kept)
    assert sorted(backup.backup_dir(path).iterdir()) == sorted(kept)   # no -wal/-shm left
    with Store(kept[-1], auto_backup=False) as restored:
        assert restored.get(seed.unit, 2024) is not None


def _seeded(tmp_path, seed) -> Path:
    path = tmp_path / "r.sqlite3"
    with Store(path) as s:
        s.save(seed)
    Store(path).close()    # the second open makes the day's backup
    return path


@pytest.mark.parametrize("damage", ["truncate", "garble_header", "garble_pages"])
def test_damaged_store_is_detected_and_left_untouched(tmp_path, seed, damage):
    path = _seeded(tmp_path, seed)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 3]
    elif damage == "garble_header":
        data[0:16] = b"garbage garbage!"
    else:
        for i in range(4096 + 100, len(data), 997):   # every page after the first
            data[i] ^= 0x5A
        for i in range(4096, len(data), 4096):         # and each one's page type or pointer
            data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreDamaged) as exc:
        Store(path)
    assert "已损坏" in str(exc.value) and "没有对它做任何修改" in str(exc.value)
    assert exc.value.good_backup is not None and backup.is_healthy(exc.value.good_backup)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_store_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    con.close()
    before = digest(path)
    with pytest.raises(StoreTooNew, match="更新版本") as exc:
        Store(path)
    assert exc.value.kind == "由更新版本创建" and digest(path) == before
    with pytest.raises(StoreTooNew):
        Store.open_readonly(path)


@pytest.mark.parametrize("fixture", sorted(STORES.glob("v*.sqlite3")), ids=lambda p: p.name)
def test_every_released_schema_version_opens_intact(tmp_path, seed, fixture):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with Store(path, auto_backup=False) as s:
        assert s.version == CURRENT_VERSION
        assert jsonio.to_dict(s.get(seed.unit, 2024)) == jsonio.to_dict(seed)
        town = s.get("某县某镇人民政府", 2024)
        assert str(town.cells["active.fees_10k_yuan"]) == "12.50" and town.level == "township"
        assert [x.name for x in s.list_snapshots(s.find(seed.unit, 2024))] == ["送审稿"]
        assert s.setting("last_report") == str(s.find(seed.unit, 2024))


def test_fixture_exists_for_the_current_version():
    assert (STORES / f"v{CURRENT_VERSION}.sqlite3").exists()


_EDITOR = textwrap.dedent("""
    import sys
    from report_desktop.core.store import Store
    path, unit, col, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    s = Store(path, auto_backup=False)
    rid = s.find(unit, 2024)
    rep = s.load(rid)
    for i in range(1, count + 1):
        s.write_cells(rid, rep.set(f"applications.granted.{col}", i))
        print(i, flush=True)
""")


def _editor(path, col, count, unit="朔州市人民政府办公室"):
    return subprocess.Popen([sys.executable, "-c", _EDITOR, str(path), unit, col, str(count)],
                            stdout=subprocess.PIPE, text=True)


def test_two_instances_on_one_file_do_not_corrupt_it(tmp_path, seed):
    path = _seeded(tmp_path, seed)
    procs = [_editor(path, "research", 150), _editor(path, "legal_service", 150)]
    for p in procs:
        p.communicate(timeout=120)
        assert p.returncode == 0
    with Store(path, auto_backup=False) as s:
        rep = s.get(seed.unit, 2024)
        assert rep.cells["applications.granted.research"] == 150
        assert rep.cells["applications.granted.legal_service"] == 150
    assert backup.is_healthy(path)


def test_sigkill_loses_nothing_reported_committed(tmp_path, seed):
    path = _seeded(tmp_path, seed)
    proc = _editor(path, "commercial", 100000)
    last = 0
    for line in proc.stdout:
        last = int(line)
        if last >= 300:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with Store(path, auto_backup=False) as s:
        value = s.get(seed.unit, 2024).cells["applications.granted.commercial"]
    assert value >= last          # the edit in flight may or may not have landed
    assert backup.is_healthy(path)


def test_migration_2_moves_fee_figures_into_report_settings(tmp_path):
    """Version 1 kept 信息处理费 figures as ``fee_figures.{id}`` store settings; version 2
    keeps them with the report (deleted with it) and drops the old rows."""
    import shutil
    import sqlite3
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(STORES / "v1.sqlite3", path)
    con = sqlite3.connect(path)
    rid = con.execute("SELECT id FROM reports").fetchone()[0]
    con.execute("INSERT INTO settings VALUES (?, '3|300|150')", (f"fee_figures.{rid}",))
    con.execute("INSERT INTO settings VALUES ('fee_figures.999', '1|1|1')")   # a deleted report
    con.commit()
    con.close()
    with Store(path, auto_backup=False) as store:
        assert store.version == CURRENT_VERSION
        assert store.report_setting(rid, "fee_figures") == "3|300|150"
        assert store.setting(f"fee_figures.{rid}") is None and store.setting("fee_figures.999") is None
        store.delete(rid)
        assert store.report_setting(rid, "fee_figures") is None
