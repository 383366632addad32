"""从备份中找回报告: listing backups and copying a report back, never touching the backup."""
import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from report_desktop.core import jsonio
from report_desktop.core.store import Store, StoreError, backup
from report_desktop.core.store.recover import (
    SAVED_BEFORE,
    backups_with_reports,
    recover,
    taken_at,
)
from report_desktop.core.store.schema_sql import CURRENT_VERSION

from tests.conftest import DATA

STORES = DATA / "stores"
TOWN = "甲镇人民政府"


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir())}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "reports.sqlite3")
    yield s
    s.close()


def delete_with_backup(store: Store, unit: str, year: int) -> Path:
    """What 文件 → 删除报告 does: back up the whole store, then delete."""
    made = store.backup_now()
    store.delete(store.find(unit, year))
    return made


def test_a_deleted_report_comes_back_with_its_versions(store, seed):
    rid = store.save(seed)
    store.save_snapshot(rid, "送审稿")
    town = seed.copy()
    town.unit = TOWN
    store.save(town)
    made = delete_with_backup(store, seed.unit, 2024)
    before = folder_state(made.parent)

    entries = backups_with_reports(store.path)
    assert [e.path for e in entries] == [made]
    assert entries[0].taken == taken_at(made)
    assert abs(entries[0].taken - dt.datetime.now()) < dt.timedelta(minutes=1)
    assert {(r.unit, r.year) for r in entries[0].reports} == {(seed.unit, 2024), (TOWN, 2024)}

    new_id = recover(store, made, seed.unit, 2024)
    assert store.find(seed.unit, 2024) == new_id
    assert jsonio.to_dict(store.load(new_id)) == jsonio.to_dict(seed)
    assert [s.name for s in store.list_snapshots(new_id)] == ["送审稿"]
    assert store.get(TOWN, 2024) is not None           # the others are left as they were
    # The backup folder is byte for byte as it was: no writes, no side files.
    assert folder_state(made.parent) == before


def test_replacing_an_existing_report_keeps_it_as_a_named_version(store, seed):
    rid = store.save(seed)
    made = store.backup_now()
    key = next(k for k, v in seed.cells.items() if isinstance(v, int) and v > 0)
    store.write_cells(rid, {key: seed.cells[key] + 100})
    store.write_text(rid, "extra_note", "备份之后写的")
    current = jsonio.to_dict(store.load(rid))
    hash_before = digest(made)

    assert recover(store, made, seed.unit, 2024) == rid
    assert jsonio.to_dict(store.load(rid)) == jsonio.to_dict(seed)   # replaced, not merged
    snaps = store.list_snapshots(rid)
    assert [s.name for s in snaps] == [SAVED_BEFORE]
    kept = store.restore_snapshot(snaps[0].id)
    assert jsonio.to_dict(kept) == current
    assert digest(made) == hash_before


def test_a_backup_from_a_released_schema_version_is_read_on_a_copy(store, seed):
    folder = backup.backup_dir(store.path)
    folder.mkdir()
    placed = []
    for fixture in sorted(STORES.glob("v*.sqlite3")):
        old = folder / f"reports-2023010{fixture.stem[1:]}-083000.backup.sqlite3"
        shutil.copyfile(fixture, old)
        placed.append(old.name)
        hash_before = digest(old)
        entry = next(e for e in backups_with_reports(store.path) if e.path == old)
        assert entry.taken == dt.datetime(2023, 1, int(fixture.stem[1:]), 8, 30)
        assert (seed.unit, 2024) in {(r.unit, r.year) for r in entry.reports}
        rid = recover(store, old, "某县某镇人民政府", 2024)
        assert str(store.load(rid).cells["active.fees_10k_yuan"]) == "12.50"
        assert digest(old) == hash_before
        names = sorted(p.name for p in folder.iterdir())
        assert [n for n in names if "before-change" not in n] == placed
        assert all(n.endswith(".backup.sqlite3") for n in names)     # no side files left


def test_a_damaged_backup_is_skipped_and_refused(store, seed):
    store.save(seed)
    good = store.backup_now()
    folder = good.parent
    bad = folder / "reports-20990101-000000.backup.sqlite3"     # sorts first: newest
    data = bytearray(good.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    bad.write_bytes(bytes(data))
    junk = folder / "reports-20980101-000000.backup.sqlite3"
    junk.write_bytes(b"not a database")
    hashes = folder_state(folder)

    assert [e.path for e in backups_with_reports(store.path)] == [good]
    for broken in (bad, junk):
        with pytest.raises(StoreError, match="已损坏，无法从中找回报告") as exc:
            recover(store, broken, seed.unit, 2024)
        assert broken.name in str(exc.value)
    assert folder_state(folder) == hashes


def test_refusals_speak_chinese(store, seed, tmp_path):
    store.save(seed)
    made = store.backup_now()
    with pytest.raises(StoreError, match=f"没有“{TOWN}”2024年的报告"):
        recover(store, made, TOWN, 2024)
    newer = made.parent / "reports-20990101-000000.backup.sqlite3"
    shutil.copyfile(made, newer)
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="更新版本的程序创建"):
        recover(store, newer, seed.unit, 2024)
    assert backups_with_reports(store.path)[0].path == made
    assert backups_with_reports(tmp_path / "nowhere.sqlite3") == []
