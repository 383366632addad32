"""A data file on a network share: rollback-journal mode with exclusive locking (never WAL,
which SQLite documents as unsafe there), one person at a time, said in Chinese.  The
detector is stubbed to say "network"; the detector itself is tested on its inputs."""
import sqlite3

import pytest

from report_desktop.entry import main
from report_desktop.core.store import Store, StoreLocked, netfs


@pytest.fixture
def on_share(monkeypatch):
    asked = []
    monkeypatch.setattr(netfs, "is_network_path", lambda p: asked.append(p) or True)
    return asked


def _side_files(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm", "-journal")))


def test_a_store_on_a_share_is_one_persons_at_a_time(tmp_path, seed, on_share, monkeypatch):
    from report_desktop.core.store import opening
    monkeypatch.setattr(opening, "BUSY_MS", 200)
    path = tmp_path / "reports.sqlite3"
    first = Store(path)
    try:
        assert first.network and on_share
        assert first._con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert first._con.execute("PRAGMA locking_mode").fetchone()[0] == "exclusive"
        rid = first.save(seed)
        first.write_text(rid, "problems", "共享文件夹上的修改。")
        assert not [n for n in _side_files(tmp_path) if n.endswith(("-wal", "-shm"))]
        with pytest.raises(StoreLocked) as exc:
            Store(path)
        assert exc.value.transient and "同一时间只能由一个人打开" in str(exc.value)
        with pytest.raises(StoreLocked, match="同一时间只能由一个人打开"):
            Store.open_readonly(path)
    finally:
        first.close()
    with Store.open_readonly(path) as reader:
        assert reader.load(rid).texts["problems"] == "共享文件夹上的修改。"
    assert path.read_bytes()[18] == 1 and _side_files(tmp_path) == []


def test_a_local_store_in_wal_mode_moved_to_a_share_leaves_wal(tmp_path, seed, monkeypatch):
    path = tmp_path / "reports.sqlite3"
    with Store(path) as s:
        s.save(seed)
        assert s._con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setattr(netfs, "is_network_path", lambda p: True)
    with Store(path) as s:
        assert s._con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert s.get(seed.unit, seed.year) is not None


def test_the_command_line_works_on_a_share(tmp_path, capsys, seed_path, on_share):
    path = tmp_path / "reports.sqlite3"
    assert main(["db", "add", str(seed_path), "--db", str(path)]) == 0
    assert main(["db", "list", "--db", str(path)]) == 0
    assert "朔州市人民政府办公室" in capsys.readouterr().out
    assert _side_files(tmp_path) == []


@pytest.mark.parametrize("path, drive_type, expected", [
    (r"\\server\公开\reports.sqlite3", None, True),
    ("//server/share/reports.sqlite3", None, True),
    ("\\\\?\\UNC\\server\\share\\reports.sqlite3", None, True),
    (r"Z:\年报\reports.sqlite3", netfs.DRIVE_REMOTE, True),
    (r"C:\Users\张三\reports.sqlite3", 3, False),           # DRIVE_FIXED
    ("\\\\?\\C:\\Users\\reports.sqlite3", 3, False),
])
def test_windows_detection(path, drive_type, expected):
    asked = []

    def stub(root):
        asked.append(root)
        return drive_type

    assert netfs.windows_remote(path, stub) is expected
    assert all(r.endswith("\\") and len(r) == 3 for r in asked)
    if drive_type is None:
        assert asked == []                              # a UNC path needs no drive lookup


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="statfs(2)")
def test_linux_detection_by_file_system_type(tmp_path, monkeypatch):
    assert netfs.linux_fs_type(tmp_path) not in netfs.NETWORK_FS_TYPES
    assert netfs.is_network_path(tmp_path / "not" / "yet" / "there.sqlite3") is False
    for magic in netfs.NETWORK_FS_TYPES:                 # NFS, SMB, CIFS, SMB2
        monkeypatch.setattr(netfs, "linux_fs_type", lambda p, m=magic: m)
        assert netfs.is_network_path(tmp_path / "r.sqlite3") is True
    monkeypatch.setattr(netfs, "linux_fs_type", lambda p: 0xEF53)   # ext4
    assert netfs.is_network_path(tmp_path / "r.sqlite3") is False


def test_wal_is_never_set_before_the_file_is_known_to_be_ours(tmp_path, on_share):
    path = tmp_path / "x.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(Exception):
        Store(path)
    assert path.read_bytes() == before
