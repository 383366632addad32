"""Who holds a data file (services/holder.py): the OS lock a window or a writing command
takes, in this process and in real other processes; and ``db add`` taking its turn."""
import os
import subprocess
import sys
import time

import pytest

from report_desktop.cli.commands import main
from report_desktop.core.store import Store
from report_desktop.services import holder

# Holds ``argv[1]`` as ``argv[2]`` ("window" or "command") until stdin closes; says "held".
_HOLD = """
import sys
from report_desktop.services import holder
got = holder.try_claim(sys.argv[1], sys.argv[2])
print("held" if isinstance(got, holder.Claim) else "refused", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def home(tmp_path, monkeypatch):
    """The user's data folder (where the lock files live) in tmp_path, for this process
    and its children."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return tmp_path / "data-home"


def hold_in_other_process(db, kind="window"):
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), kind], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def let_go(proc):
    proc.stdin.close()
    proc.wait(timeout=30)


def test_one_claim_at_a_time_and_the_next_after_release(home, tmp_path):
    db = tmp_path / "a.sqlite3"
    first = holder.try_claim(db, holder.WINDOW)
    assert isinstance(first, holder.Claim)
    second = holder.try_claim(db, holder.COMMAND)
    assert second == holder.Holder(holder.WINDOW, os.getpid())
    other = holder.try_claim(tmp_path / "b.sqlite3", holder.WINDOW)    # another data file: free
    assert isinstance(other, holder.Claim)
    first.release()
    again = holder.try_claim(db, holder.COMMAND)
    assert isinstance(again, holder.Claim)
    assert holder.holder_of(db) == holder.Holder(holder.COMMAND, os.getpid())
    again.release()
    other.release()


def test_every_spelling_of_a_path_is_the_same_data_file(home, tmp_path, monkeypatch):
    db = tmp_path / "folder" / "a.sqlite3"
    db.parent.mkdir()
    link = tmp_path / "link"
    link.symlink_to(db.parent)
    monkeypatch.chdir(tmp_path)
    spellings = [db, "folder/a.sqlite3", "folder/../folder/./a.sqlite3", link / "a.sqlite3"]
    assert len({holder.key(p) for p in spellings}) == 1
    assert holder.key(tmp_path / "folder" / "b.sqlite3") != holder.key(db)
    name = holder.server_name(db)
    assert name.isascii() and len(name) < 64 and "/" not in name and "\\" not in name


def test_a_claim_held_by_a_killed_process_blocks_nothing(home, tmp_path):
    db = tmp_path / "a.sqlite3"
    proc = hold_in_other_process(db)
    assert holder.try_claim(db, holder.WINDOW) == holder.Holder(holder.WINDOW, proc.pid)
    proc.kill()          # SIGKILL: no clean-up of any kind
    proc.wait(timeout=30)
    got = holder.try_claim(db, holder.WINDOW)
    assert isinstance(got, holder.Claim)
    got.release()


def test_claim_waits_for_the_holder_then_gives_up_naming_it(home, tmp_path):
    db = tmp_path / "a.sqlite3"
    proc = hold_in_other_process(db)
    told = []
    start = time.monotonic()
    got = holder.claim(db, holder.COMMAND, 0.5, told.append)
    assert time.monotonic() - start >= 0.5
    assert got == holder.Holder(holder.WINDOW, proc.pid) and told == [got]
    let_go(proc)
    got = holder.claim(db, holder.COMMAND, 0.5)
    assert isinstance(got, holder.Claim)
    got.release()


def test_db_add_while_a_window_holds_the_file_names_the_window(home, tmp_path, capsys, seed_path):
    db = tmp_path / "a.sqlite3"
    with Store(db):
        pass
    proc = hold_in_other_process(db, holder.WINDOW)
    try:
        code = main(["db", "add", str(seed_path), "--wait", "0.3", "--db", str(db)])
        err = capsys.readouterr().err
        assert code == 2
        last = err.strip().splitlines()[-1]
        assert last.startswith("错误：请先关闭“政务公开年报助手”窗口")
        assert f"进程 {proc.pid}" in last and str(db) in last
        assert "损坏" not in err and "只读" not in err
        # Readers keep working while the window holds the file.
        assert main(["db", "list", "--db", str(db)]) == 0
        assert main(["check", str(seed_path), "--db", str(db)]) in (0, 1)
    finally:
        let_go(proc)
    with Store.open_readonly(db) as store:
        assert store.list_reports() == []          # nothing was written while it was held
    assert main(["db", "add", str(seed_path), "--wait", "0", "--db", str(db)]) == 0


def test_db_add_waits_until_the_holder_lets_go(home, tmp_path, capsys, seed_path, seed):
    db = tmp_path / "a.sqlite3"
    script = _HOLD.replace("sys.stdin.read()", "import time; time.sleep(1.5)")
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), "command"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    start = time.monotonic()
    code = main(["db", "add", str(seed_path), "--wait", "30", "--db", str(db)])
    waited = time.monotonic() - start
    proc.wait(timeout=30)
    assert code == 0 and waited > 0.5
    err = capsys.readouterr().err
    assert "正由另一个命令使用" in err and "最多等待 30 秒" in err
    with Store.open_readonly(db) as store:
        assert store.get(seed.unit, seed.year) is not None


@pytest.mark.parametrize("text", ["-1", "abc", "inf", "nan", "1e999", "３", "3601"])
def test_wait_must_be_a_sensible_number_of_seconds(tmp_path, capsys, seed_path, text):
    code = main(["db", "add", str(seed_path), "--wait", text, "--db", str(tmp_path / "a.sqlite3")])
    assert code == 2 and "等待时间" in capsys.readouterr().err


def test_held_messages_lead_with_what_to_do_and_never_misdiagnose():
    for who in (holder.Holder(holder.WINDOW, 12), holder.Holder(holder.COMMAND, 12),
                holder.Holder(None, None)):
        text = holder.held_message("x.sqlite3", who, 10)
        assert text.startswith("请") and "x.sqlite3" in text
        assert "损坏" not in text and "只读" not in text
        assert ("进程 12" in text) == (who.pid is not None)


def test_lock_file_says_who_holds_it(home, tmp_path):
    db = tmp_path / "a.sqlite3"
    with holder.try_claim(db, holder.WINDOW) as got:
        assert got.path.parent == home / "report-desktop" / holder.HOLDERS_DIR
        assert got.path.read_text() == f"window {os.getpid()}\n"
    assert not got.held
    assert not db.exists()             # claiming never touches the data file itself
