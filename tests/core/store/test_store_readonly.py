"""Reading verbs read only: ``check``, ``merge``, ``db list`` and ``db get`` leave the store
byte for byte as it was — no backup, no migration, no -wal/-shm — also a schema-1 store
left in WAL mode by the earlier version; only the writing verb ``db add`` migrates."""
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from report_desktop.entry import main
from report_desktop.core.store import Store, StoreError, backup
from report_desktop.core.store.identify import APP_ID

from tests.untouched import digest, folder_state
from tests.conftest import DATA

STORES = DATA / "stores"
TOWN = "某县某镇人民政府"


def _v1(tmp_path) -> Path:
    """The schema-1 fixture: no application id, and in WAL mode at rest."""
    path = tmp_path / "db" / "reports.sqlite3"
    path.parent.mkdir()
    shutil.copy(STORES / "v1.sqlite3", path)
    assert path.read_bytes()[18] == 2
    return path


def _reading_verbs(seed_path, out: Path):
    return [
        ["db", "list"],
        ["db", "get", TOWN, "2024", out / "town.json"],
        ["check", seed_path],
        ["merge", "-o", out / "sum.json", "--unit", "某县人民政府", "--year", "2024", "--from-db"],
    ]


@pytest.mark.parametrize("which", ["v1 in WAL mode", "current at rest"])
def test_reading_verbs_leave_the_store_byte_for_byte(tmp_path, capsys, seed_path, seed, which):
    path = _v1(tmp_path)
    if which == "current at rest":
        with Store(path, auto_backup=False):
            pass
        shutil.rmtree(path.parent / "backups", ignore_errors=True)
    out = tmp_path / "out"
    out.mkdir()
    before, files = digest(path), folder_state(path.parent)
    for argv in _reading_verbs(seed_path, out):
        code = main([str(a) for a in argv] + ["--db", str(path)])
        captured = capsys.readouterr()
        assert code in (0, 1), (argv, captured.err)
        assert digest(path) == before and folder_state(path.parent) == files, argv
    assert json.loads((out / "town.json").read_text(encoding="utf-8"))["unit"] == TOWN
    assert json.loads((out / "sum.json").read_text(encoding="utf-8"))["unit"] == "某县人民政府"


def test_only_the_writing_verb_migrates_and_backs_up(tmp_path, capsys, seed_path):
    path = _v1(tmp_path)
    assert main(["db", "add", str(seed_path), "--db", str(path)]) == 0
    capsys.readouterr()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    con.close()
    assert len(backup.list_backups(path, backup.DAILY)) == 1      # what was there before
    assert len(backup.list_backups(path, backup.BEFORE_CHANGE)) == 1   # the seed was replaced
    # A local store stays in WAL mode; the writer, last out, removed -wal/-shm, and
    # readers read it at rest through an immutable copy: no side files either way.
    assert path.read_bytes()[18] == 2
    assert sorted(p.name for p in path.parent.iterdir()) == ["backups", "reports.sqlite3"]


def test_a_reader_sees_what_an_open_window_has_written(tmp_path, seed):
    path = tmp_path / "reports.sqlite3"
    with Store(path) as s:
        rid = s.save(seed)
    window = Store(path, auto_backup=False)
    try:
        window.write_text(rid, "problems", "窗口刚写入的内容。")
        with Store.open_readonly(path) as reader:
            assert reader.load(rid).texts["problems"] == "窗口刚写入的内容。"
            with pytest.raises(StoreError, match="只读方式"):
                reader.write_text(rid, "problems", "不应写入")
        window.write_text(rid, "problems", "之后的修改。")     # the reader held nothing
    finally:
        window.close()
    with Store.open_readonly(path) as reader:
        assert reader.load(rid).texts["problems"] == "之后的修改。"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports.sqlite3"]


def test_reading_a_v1_store_migrates_only_in_memory(tmp_path):
    path = _v1(tmp_path)
    before = digest(path)
    with Store.open_readonly(path) as s:
        assert {r.unit for r in s.list_reports()} == {TOWN, "朔州市人民政府办公室"}
        assert s.setting("last_report") is not None
    assert digest(path) == before


def test_a_v1_store_open_in_an_older_window_is_recognised_from_its_wal(tmp_path):
    """The earlier version kept a new store's tables in the -wal file until a checkpoint:
    the main file's header alone says user_version 0 and has no tables."""
    path = tmp_path / "reports.sqlite3"
    old_window = sqlite3.connect(path, isolation_level=None)
    old_window.execute("PRAGMA journal_mode = WAL")
    old_window.execute("PRAGMA wal_autocheckpoint = 0")
    from report_desktop.core.store.schema_sql import CURRENT_VERSION, MIGRATIONS
    old_window.execute("BEGIN")
    for stmt in MIGRATIONS[1].split(";"):
        if stmt.strip():
            old_window.execute(stmt)
    old_window.execute("PRAGMA user_version = 1")
    old_window.execute("COMMIT")
    try:
        assert int.from_bytes(path.read_bytes()[60:64], "big") == 0       # stale main header
        with Store.open_readonly(path) as s:
            assert s.list_reports() == []
        with Store(path, auto_backup=False) as s:
            assert s.version == CURRENT_VERSION        # recognised as ours, then migrated
    finally:
        old_window.close()
