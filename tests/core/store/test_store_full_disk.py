"""A really full disk: a small tmpfs filled to the last byte (needs root and mount(8);
skipped elsewhere — test_store_errors covers SQLite's own SQLITE_FULL everywhere)."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from report_desktop.entry import main
from report_desktop.core.store import Store, StoreDiskFull

from tests.untouched import digest, folder_state


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == 28
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_is_said_and_nothing_is_lost(small_disk, seed, capsys, seed_path):
    path = small_disk / "reports.sqlite3"
    with Store(path) as s:
        rid = s.save(seed)
    store = Store(path, auto_backup=False)
    filler = _fill(small_disk)
    try:
        with pytest.raises(StoreDiskFull, match="请清理磁盘空间"):
            store.write_text(rid, "problems", "磁盘满时写入的长正文。" * 20000)
        assert store.load(rid).texts["problems"] == seed.texts["problems"]
    finally:
        store.close()
    before, files = digest(path), folder_state(small_disk)
    with pytest.raises(StoreDiskFull):
        Store(path)                                      # not even opened for editing
    assert main(["db", "add", str(seed_path), "--db", str(path)]) == 2
    assert "磁盘已满" in capsys.readouterr().err
    with pytest.raises(StoreDiskFull):
        Store(small_disk / "new.sqlite3")                # a new store is not half made
    assert digest(path) == before and folder_state(small_disk) == files
    with Store.open_readonly(path) as reader:            # reading needs no space
        assert reader.load(rid).texts["problems"] == seed.texts["problems"]
    filler.unlink()
    with Store(path, auto_backup=False) as s:
        s.write_text(rid, "problems", "腾出空间后写入。")
        assert s.load(rid).texts["problems"] == "腾出空间后写入。"
