"""Paths of any kind: a store in a folder named with #, %, %41, spaces, Chinese, or a long
path is created, checked, read read-only and backed up — and it is that file, not another
one the URI happens to spell, that is read."""
import os
import sqlite3
from pathlib import Path

import pytest

from report_desktop.core.store import Store, StoreBadPath, backup, check_file
from report_desktop.core.store.paths import MAX_PATH_BYTES, _windows_uri, sqlite_uri

from tests.untouched import digest, folder_state

ODD_NAMES = ["a#b", "100%", "x%41", "%2e%2e", "with space", "政务公开 年报", "q?mode=rw&x=1",
             "#", "张三的文件夹#2%"]


def _long_folder(root: Path) -> Path:
    """Longer than Windows' classic MAX_PATH (260), within SQLite's limit on Unix."""
    folder = root / "政务公开年报"
    while len(str(folder)) < 300:
        folder = folder / ("long-folder-name-" * 3)
    assert len(os.fsencode(folder / "reports.sqlite3")) < MAX_PATH_BYTES
    return folder


@pytest.mark.parametrize("name", ODD_NAMES + ["LONG"])
def test_a_store_in_an_oddly_named_folder_works(tmp_path, seed, name):
    folder = _long_folder(tmp_path) if name == "LONG" else tmp_path / name
    path = folder / "reports.sqlite3"
    with Store(path) as s:
        s.save(seed)
    with Store(path) as s:           # second open: checked through the URI, backed up
        assert s.get(seed.unit, seed.year) is not None
    check_file(path)
    made = backup.list_backups(path)
    assert len(made) == 1 and backup.is_healthy(made[0])
    before, files = digest(path), folder_state(folder)
    with Store.open_readonly(path) as s:
        assert s.get(seed.unit, seed.year).cells == seed.cells
    assert digest(path) == before and folder_state(folder) == files
    assert sorted(p.name for p in folder.iterdir()) == ["backups", "reports.sqlite3"]


@pytest.mark.skipif(os.name == "nt", reason="the Unix byte limit")
def test_a_path_too_long_for_sqlite_is_refused_with_a_reason(tmp_path):
    folder = tmp_path
    while len(os.fsencode(folder)) <= MAX_PATH_BYTES:
        folder = folder / ("很长的文件夹名称" * 3)
    with pytest.raises(StoreBadPath, match="路径短一些"):
        Store(folder / "reports.sqlite3")
    with pytest.raises(StoreBadPath, match="路径短一些"):
        Store.open_readonly(folder / "reports.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_percent_41_is_not_read_as_a_letter(tmp_path, seed):
    """file:{path} unquoted would read x%41 as xA: the wrong store, silently."""
    ours, decoy = tmp_path / "x%41" / "reports.sqlite3", tmp_path / "xA" / "reports.sqlite3"
    with Store(ours) as s:
        s.save(seed)
    other = seed.copy()
    other.unit = "诱饵单位"
    with Store(decoy) as s:
        s.save(other)
    with Store.open_readonly(ours) as s:
        assert [r.unit for r in s.list_reports()] == [seed.unit]
    assert backup.is_healthy(ours)


def test_hash_does_not_cut_the_path(tmp_path):
    folder = tmp_path / "a#b"
    path = folder / "reports.sqlite3"
    Store(path).close()
    con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        assert Path(con.execute("PRAGMA database_list").fetchone()[2]) == path
    finally:
        con.close()
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("path, expected", [
    (r"C:\Users\张三#2\AppData\Local\report-desktop\reports.sqlite3",
     "file:///C:/Users/%E5%BC%A0%E4%B8%89%232/AppData/Local/report-desktop/reports.sqlite3"),
    (r"C:\100%\x%41\r.sqlite3", "file:///C:/100%25/x%2541/r.sqlite3"),
    (r"\\server\公开\年报 2024\r.sqlite3",
     "file:////server/%E5%85%AC%E5%BC%80/%E5%B9%B4%E6%8A%A5%202024/r.sqlite3"),
])
def test_windows_uris(path, expected):
    assert _windows_uri(path, {}) == expected
    assert _windows_uri(path, {"mode": "ro"}) == expected + "?mode=ro"
