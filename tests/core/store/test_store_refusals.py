"""Our data file is ours: every unusable store gets its own diagnosis and is left exactly as
found — same sha256, no -wal/-shm/-journal, no backups folder, nothing switched to WAL —
whichever way it is opened (editing, reading, checking) and from the command line."""
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from report_desktop.entry import main
from report_desktop.core.store import (
    Store,
    StoreBadPath,
    StoreDamaged,
    StoreError,
    StoreIsFolder,
    StoreMissing,
    StoreNotOurs,
    StoreReadOnly,
    StoreTooNew,
    backup,
    check_file,
)
from report_desktop.core.store.identify import APP_ID
from report_desktop.core.store.schema_sql import CURRENT_VERSION

from tests.untouched import as_unprivileged, digest, folder_state, foreign_sqlite, private_folder
from tests.conftest import DATA

STORES = DATA / "stores"
ALL_KINDS = {"已损坏", "不是本程序的数据文件", "只读（文件或文件夹）", "磁盘已满", "这是一个文件夹", "由更新版本创建"}


def _text(p):
    p.write_bytes("单位,年度\n某镇,2024\n".encode() * 200)


def _docx_like(p):
    p.write_bytes(b"PK\x03\x04" + os.urandom(3000))


def _foreign_wal(p):
    foreign_sqlite(p, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
                   "INSERT INTO notes (body) VALUES ('别的软件的数据')")


def _foreign_reports_table(p):
    foreign_sqlite(p, "CREATE TABLE reports (id INTEGER PRIMARY KEY, title TEXT, amount REAL)",
                   "INSERT INTO reports (title, amount) VALUES ('季度报表', 1.5)")


def _foreign_reports_v1(p):
    # Looks like a schema-1 store at first sight: user_version 1 and a reports table.
    foreign_sqlite(p, "CREATE TABLE reports (id INTEGER PRIMARY KEY, name TEXT)",
                   "CREATE TABLE cells (a)", "CREATE TABLE texts (a)", "CREATE TABLE snapshots (a)",
                   "CREATE TABLE settings (a)", "PRAGMA user_version = 1")


def _user_version_minus_one(p):
    foreign_sqlite(p, "CREATE TABLE reports (id INTEGER PRIMARY KEY)", "PRAGMA user_version = -1")


def _other_application_id(p):
    foreign_sqlite(p, "CREATE TABLE t (x)", "PRAGMA application_id = 1598903374",
                   "PRAGMA user_version = 1")


def _empty_sqlite(p):
    foreign_sqlite(p, "PRAGMA user_version = 0", "CREATE TABLE t (x)", "DROP TABLE t", wal=False)


FOREIGN = [_text, _docx_like, _foreign_wal, _foreign_reports_table, _foreign_reports_v1,
           _user_version_minus_one, _other_application_id, _empty_sqlite]


def _openers():
    return {
        "edit": lambda p: Store(p),
        "read": lambda p: Store.open_readonly(p),
        "check_file": check_file,
    }


@pytest.mark.parametrize("opener", list(_openers()))
@pytest.mark.parametrize("make", FOREIGN, ids=lambda f: f.__name__.strip("_"))
def test_a_file_that_is_not_ours_is_refused_untouched(tmp_path, make, opener):
    path = tmp_path / "reports.sqlite3"
    make(path)
    before, files = digest(path), folder_state(tmp_path)
    with pytest.raises(StoreNotOurs) as exc:
        _openers()[opener](path)
    assert exc.value.kind == "不是本程序的数据文件" and "没有对它做任何修改" in str(exc.value)
    assert not hasattr(exc.value, "good_backup")           # only a damaged store offers one
    assert digest(path) == before and folder_state(tmp_path) == files


@pytest.mark.parametrize("make", FOREIGN, ids=lambda f: f.__name__.strip("_"))
def test_every_verb_refuses_a_foreign_file_untouched(tmp_path, capsys, seed_path, make):
    path = tmp_path / "other.db"
    make(path)
    before, files = digest(path), folder_state(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    for argv in (["db", "add", seed_path], ["db", "list"], ["db", "get", "某镇", "2024", out / "x.json"],
                 ["merge", seed_path, "-o", out / "m.json", "--unit", "县", "--year", "2024", "--from-db"]):
        code = main([str(a) for a in argv] + ["--db", str(path)])
        err = capsys.readouterr().err
        assert code == 2 and "不是本程序的数据文件" in err and "Traceback" not in err, argv
    # check and merge without --from-db go on without the store, still leaving it alone
    assert main(["check", str(seed_path), "--db", str(path)]) == 0
    assert main(["merge", str(seed_path), "-o", str(out / "m.json"), "--unit", "县", "--year",
                 "2024", "--db", str(path)]) == 0
    capsys.readouterr()
    assert digest(path) == before
    assert {k: v for k, v in folder_state(tmp_path).items() if not k.startswith("out")} == files


def _our_store(path, seed):
    with Store(path) as s:
        s.save(seed)
        s.backup_now()
    return path


def test_user_version_minus_one_on_our_store_is_damaged(tmp_path, seed):
    path = _our_store(tmp_path / "r.sqlite3", seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = -1")
    con.close()
    before, files = digest(path), folder_state(tmp_path)
    with pytest.raises(StoreDamaged) as exc:
        Store(path)
    assert "结构版本-1" in str(exc.value) and exc.value.good_backup is not None
    assert digest(path) == before and folder_state(tmp_path) == files


def test_a_store_from_a_newer_version_is_refused_by_every_opener(tmp_path, seed):
    path = _our_store(tmp_path / "r.sqlite3", seed)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {CURRENT_VERSION + 3}")
    con.close()
    before, files = digest(path), folder_state(tmp_path)
    for opener in _openers().values():
        with pytest.raises(StoreTooNew, match=f"结构版本{CURRENT_VERSION + 3}"):
            opener(path)
    assert digest(path) == before and folder_state(tmp_path) == files


def test_damaged_store_offers_its_backup_and_is_left_untouched(tmp_path, seed):
    path = _our_store(tmp_path / "r.sqlite3", seed)
    data = bytearray(path.read_bytes())
    for i in range(4096 + 50, len(data), 613):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    before, files = digest(path), folder_state(tmp_path)
    for opener in _openers().values():
        with pytest.raises(StoreDamaged) as exc:
            opener(path)
        assert exc.value.kind == "已损坏" and backup.is_healthy(exc.value.good_backup)
    assert digest(path) == before and folder_state(tmp_path) == files


def test_a_folder_is_not_a_store(tmp_path):
    folder = tmp_path / "数据"
    folder.mkdir()
    for opener in _openers().values():
        with pytest.raises(StoreIsFolder) as exc:
            opener(folder)
        assert exc.value.kind == "这是一个文件夹"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("bad", ["", "   ", ":memory:", "file:reports.sqlite3?mode=memory"])
def test_memory_and_empty_paths_are_refused(tmp_path, bad, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreBadPath):
        Store(bad)
    with pytest.raises(StoreBadPath):
        Store.open_readonly(bad)
    assert main(["db", "add", str(DATA / "shuozhou-2024.json"),
                 "--db", bad]) == 2
    assert "已加入" not in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_a_path_under_a_file_is_refused(tmp_path, seed):
    blocker = tmp_path / "报告.docx"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(StoreBadPath, match="是一个文件，不是文件夹"):
        Store(blocker / "reports.sqlite3")
    assert blocker.read_bytes() == b"not a folder"


def test_reading_never_creates_a_store(tmp_path, capsys, seed_path):
    path = tmp_path / "sub" / "reports.sqlite3"
    with pytest.raises(StoreMissing):
        Store.open_readonly(path)
    assert main(["db", "list", "--db", str(path)]) == 2
    assert main(["db", "get", "某镇", "2024", str(tmp_path / "x.json"), "--db", str(path)]) == 2
    assert main(["check", str(seed_path), "--db", str(path)]) == 0
    capsys.readouterr()
    assert list(tmp_path.iterdir()) == []
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(StoreMissing):
        Store.open_readonly(empty)
    assert empty.read_bytes() == b""


def test_read_only_file_and_folder_are_diagnosed_untouched(seed):
    with private_folder() as folder:
        path = folder / "reports.sqlite3"
        with as_unprivileged():
            with Store(path) as s:
                s.save(seed)
            os.chmod(path, 0o444)
            before, files = digest(path), folder_state(folder)
            with pytest.raises(StoreReadOnly) as exc:
                Store(path)
            assert exc.value.kind == "只读（文件或文件夹）" and "取消数据文件的“只读”属性" in str(exc.value)
            assert digest(path) == before and folder_state(folder) == files
            os.chmod(path, 0o644)
            os.chmod(folder, 0o555)
            files = folder_state(folder)
            with pytest.raises(StoreReadOnly, match="可以写入的文件夹"):
                Store(path)
            with pytest.raises(StoreReadOnly, match="可以写入的文件夹"):
                Store(folder / "new.sqlite3")
            # Reading still works on a read-only folder, and leaves nothing behind.
            with Store.open_readonly(path) as s:
                assert s.get(seed.unit, seed.year) is not None
            assert digest(path) == before and folder_state(folder) == files


def test_every_diagnosis_has_its_own_kind():
    from report_desktop.core.store import errors
    kinds = {cls.kind for cls in (errors.StoreDamaged, errors.StoreNotOurs, errors.StoreReadOnly,
                                  errors.StoreDiskFull, errors.StoreIsFolder, errors.StoreTooNew)}
    assert kinds == ALL_KINDS
    assert [c for c in errors.StoreError.__subclasses__() if c.transient] == [errors.StoreLocked]


def test_new_store_carries_the_application_id_and_a_v1_store_gets_it(tmp_path):
    path = tmp_path / "new.sqlite3"
    Store(path).close()
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APP_ID
    assert [p.name for p in tmp_path.iterdir()] == ["new.sqlite3"]   # no temp file left
    old = tmp_path / "v1.sqlite3"
    shutil.copy(STORES / "v1.sqlite3", old)
    assert int.from_bytes(old.read_bytes()[68:72], "big") == 0
    with Store(old, auto_backup=False) as s:
        assert s._con.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    assert int.from_bytes(old.read_bytes()[68:72], "big") == APP_ID


def test_refusals_are_store_errors_not_sqlite_errors():
    from report_desktop.core.store import errors
    for cls in (errors.StoreDamaged, errors.StoreNotOurs, errors.StoreLocked):
        assert issubclass(cls, StoreError) and not issubclass(cls, sqlite3.Error)


def test_a_read_only_v1_store_in_wal_mode_gets_no_side_files(seed):
    """Refused before any SQLite connection: a schema-1 store is in WAL mode at rest, and
    even a read-only connection to it would create -wal/-shm files."""
    with private_folder() as folder:
        path = folder / "reports.sqlite3"
        shutil.copy(STORES / "v1.sqlite3", path)
        if os.geteuid() == 0:
            os.chown(path, 65534, 65534)
        with as_unprivileged():
            os.chmod(path, 0o444)
            before, files = digest(path), folder_state(folder)
            with pytest.raises(StoreReadOnly):
                Store(path)
            assert digest(path) == before and folder_state(folder) == files


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="Unix devices")
def test_a_device_or_a_pipe_is_not_a_store(tmp_path):
    for special in (Path("/dev/null"), tmp_path / "pipe"):
        if special.name == "pipe":
            os.mkfifo(special)
        for opener in _openers().values():
            with pytest.raises(StoreBadPath, match="不是普通文件"):
                opener(special)
    assert Path("/dev/null").is_char_device()


def test_a_read_only_backups_folder_is_named(seed):
    with private_folder() as folder:
        path = folder / "reports.sqlite3"
        with as_unprivileged():
            with Store(path) as s:
                s.save(seed)
            (folder / "backups").mkdir()
            os.chmod(folder / "backups", 0o555)
            with pytest.raises(StoreReadOnly) as exc:
                Store(path)                      # the day's backup cannot be written
            assert f"“{folder / 'backups'}”是只读的" in str(exc.value)
            assert list((folder / "backups").iterdir()) == []
