"""One vocabulary of store errors: real sqlite3 and OS failures (a lock held by another
connection, a full database, a read-only connection, /dev/full) come out of the store as
its own StoreError classes, never as sqlite3 errors."""
import errno
import inspect
import os
import sqlite3

import pytest

from report_desktop.core.store import (
    Store,
    StoreDiskFull,
    StoreError,
    StoreLocked,
    StoreReadOnly,
    diagnose,
    errors,
    opening,
)


@pytest.fixture
def store(tmp_path, seed, monkeypatch):
    monkeypatch.setattr(opening, "BUSY_MS", 150)
    s = Store(tmp_path / "reports.sqlite3")
    s.rid = s.save(seed)
    yield s
    s.close()


def test_a_lock_held_elsewhere_is_store_locked_and_transient(store, seed):
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")           # another program in the middle of a write
    try:
        for write in (lambda: store.write_cells(store.rid, seed.set("applications.new.research", 3)),
                      lambda: store.write_text(store.rid, "problems", "x"),
                      lambda: store.save_snapshot(store.rid, "送审稿"),
                      lambda: store.set_setting("k", "v")):
            with pytest.raises(StoreLocked) as exc:
                write()
            assert exc.value.transient and not isinstance(exc.value, sqlite3.Error)
            assert "正被另一个程序使用" in str(exc.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.write_text(store.rid, "problems", "锁释放后写入。")
    assert store.load(store.rid).texts["problems"] == "锁释放后写入。"


def test_a_full_database_is_disk_full(store):
    pages = store._con.execute("PRAGMA page_count").fetchone()[0]
    store._con.execute(f"PRAGMA max_page_count = {pages + 2}")    # SQLite's own SQLITE_FULL
    with pytest.raises(StoreDiskFull) as exc:
        store.write_text(store.rid, "problems", "很长的正文。" * 20000)
    assert exc.value.kind == "磁盘已满" and not exc.value.transient
    assert "请清理磁盘空间" in str(exc.value)
    assert store.load(store.rid).texts["problems"] != "很长的正文。" * 20000   # rolled back


def test_os_errors_are_translated(tmp_path):
    path = tmp_path / "r.sqlite3"
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    try:
        with open("/dev/full", "wb") as f:
            f.write(b"x" * 100000)
            f.flush()
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
        assert isinstance(diagnose.translate(exc, path), StoreDiskFull)
    else:
        pytest.fail("/dev/full accepted the write")
    denied = PermissionError(errno.EACCES, "Permission denied", str(path))
    assert isinstance(diagnose.translate(denied, path), StoreReadOnly)
    assert "取消数据文件的“只读”属性" in str(diagnose.translate(denied, path))


def test_a_read_only_connection_is_read_only(tmp_path):
    path = tmp_path / "r.sqlite3"
    Store(path).close()
    ro = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raw:
            ro.execute("CREATE TABLE x (a)")
    finally:
        ro.close()
    assert isinstance(diagnose.translate(raw.value, path), StoreReadOnly)


def test_a_number_too_big_for_sqlite_is_a_store_error(store, seed):
    with pytest.raises(StoreError, match="超出了数据文件能保存的范围"):
        store.find(seed.unit, 10 ** 20)


def test_every_public_method_is_guarded():
    public = [n for n, f in inspect.getmembers(Store, inspect.isfunction)
              if not n.startswith("_") and n not in ("close", "open_readonly")]
    unguarded = [n for n in public if not hasattr(getattr(Store, n), "__wrapped__")]
    assert unguarded == []


def test_text_that_is_no_longer_utf8_is_damage_not_a_crash(tmp_path, seed):
    path = tmp_path / "reports.sqlite3"
    with Store(path) as s:
        rid = s.save(seed)
        s.write_text(rid, "problems", "独一无二的标记文字")
    data = bytearray(path.read_bytes())
    at = data.find("独一无二的标记文字".encode())
    assert at > 0
    data[at + 1] ^= 0x80                 # a continuation byte no longer is one
    path.write_bytes(bytes(data))
    for opener in (Store.open_readonly, Store):
        try:
            s = opener(path)
        except errors.StoreDamaged:
            continue                     # found by the check on opening
        try:
            with pytest.raises(errors.StoreDamaged, match="无法识别的文字"):
                s.load(rid)
        finally:
            s.close()
