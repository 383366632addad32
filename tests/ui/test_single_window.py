"""One window per data file (ui/single.py), with real processes of the program started the
way ``report-desktop --db FILE`` starts (entry.main): a second start brings the first
window to the front and exits 0 without opening the store; of two starts at the same
moment exactly one window survives; a killed window blocks nothing; ``db add`` while a
window holds the file gets a message naming it, and readers keep working."""
import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from report_desktop.core import jsonio
from report_desktop.core.store import Store, StoreDamaged
from report_desktop.services import holder
from report_desktop.ui.single import Door, bring_to_front, knock

# The real entry point, with three lines of news on stdout: "ready" (the window holds the
# data file and shows its report), "knocked" (a second start asked for it; it then closes),
# and at the end whether this process ever loaded the store's modules.
_PROGRAM = """
import sys
from PySide6.QtCore import QTimer
from report_desktop import entry
from report_desktop.ui import single, startup
_init, _knocked = startup.Startup.__init__, single.Keeper._knocked
def init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.window.ready.connect(lambda: ready(self.window))
    QTimer.singleShot(90000, self.window.close)              # never outlive a failed test
def ready(window):
    if len(sys.argv) > 3:                                     # minimised by its user
        window.showMinimized()
    print("ready", window.isMinimized(), flush=True)
def knocked(self):
    minimised = self.window.isMinimized()
    _knocked(self)
    print("knocked", "was-minimised" if minimised else "", self.window.isMinimized(), flush=True)
    QTimer.singleShot(300, self.window.close)
startup.Startup.__init__ = init
single.Keeper._knocked = knocked
code = entry.main(sys.argv[1:3])
print("store-loaded" if "report_desktop.core.store" in sys.modules else "store-never-loaded", flush=True)
sys.exit(code)
"""


class Program:
    """A running ``report-desktop --db`` whose stdout lines are read as they come."""

    def __init__(self, db, env, minimised=False):
        args = [sys.executable, "-c", _PROGRAM, "--db", str(db)] + (["min"] if minimised else [])
        self.proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def wait_for(self, word, timeout=60.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if line.startswith(word):
                return line
        raise AssertionError(f"no {word!r} from the program: {self.seen} {self.stderr()}")

    def finish(self, timeout=60.0) -> int:
        code = self.proc.wait(timeout=timeout)
        time.sleep(0.1)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code

    def stderr(self) -> str:
        return self.proc.stderr.read() if self.proc.poll() is not None else ""

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"),
                XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))


@pytest.fixture
def db(tmp_path, seed_report):
    path = tmp_path / "reports.sqlite3"
    with Store(path) as store:
        store.save(seed_report)
    return path


@pytest.fixture
def programs():
    started: list[Program] = []
    yield started
    for p in started:
        p.stop()


def start(programs, db, env, **kw) -> Program:
    programs.append(Program(db, env, **kw))
    return programs[-1]


def test_second_start_brings_the_first_window_to_the_front_and_exits(db, env, programs):
    first = start(programs, db, env, minimised=True)
    assert first.wait_for("ready") == "ready True"
    began = time.monotonic()
    second = start(programs, db, env)
    assert second.finish(timeout=30) == 0
    assert time.monotonic() - began < 15
    assert second.seen == ["store-never-loaded"]
    knocked = first.wait_for("knocked", timeout=10)
    assert knocked == "knocked was-minimised False"      # un-minimised by the knock
    assert first.finish() == 0


def test_two_starts_at_the_same_moment_leave_exactly_one_window(db, env, programs):
    for _ in range(3):
        pair = [start(programs, db, env), start(programs, db, env)]
        codes = [p.finish(timeout=90) for p in pair]
        assert codes == [0, 0], [p.seen for p in pair]
        windows = [p for p in pair if "ready False" in p.seen]
        assert len(windows) == 1, [p.seen for p in pair]
        assert any(s.startswith("knocked") for s in windows[0].seen)
        other = pair[1 - pair.index(windows[0])]
        assert "store-never-loaded" in other.seen       # the second never touched the store


def test_a_killed_window_does_not_block_the_next_start(db, env, programs, tmp_path):
    first = start(programs, db, env)
    first.wait_for("ready")
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(timeout=30)
    socket = f"/tmp/{holder.server_name(db)}"
    if sys.platform.startswith("linux"):
        assert os.path.exists(socket)          # the dead window's socket is still there
    second = start(programs, db, env)
    second.wait_for("ready")                   # not blocked by the dead one
    third = start(programs, db, env)           # and the new window answers a knock
    assert third.finish(timeout=30) == 0 and "store-never-loaded" in third.seen
    second.wait_for("knocked", timeout=10)
    assert second.finish() == 0


_REMEMBER = """
import sys
from report_desktop.ui.app import application
from report_desktop.ui.dialogs.damaged import remember_replacement
application()
remember_replacement(sys.argv[1], sys.argv[2])
"""


def test_a_window_on_the_file_that_replaced_a_damaged_one_is_the_only_one(db, env, programs,
                                                                           tmp_path, seed_report):
    """Started on a damaged store whose replacement a window has open by name: that window
    comes to the front; no second window writes to the replacement."""
    damaged = tmp_path / "damaged.sqlite3"
    with Store(damaged) as store:             # a store with a backup, then broken
        store.save(seed_report)
        store.backup_now()
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    with pytest.raises(StoreDamaged):
        Store(damaged)
    subprocess.run([sys.executable, "-c", _REMEMBER, str(damaged), str(db)], env=env, check=True,
                   timeout=60)
    first = start(programs, db, env)
    first.wait_for("ready")
    second = start(programs, damaged, env)
    assert second.finish(timeout=60) == 0
    assert not [line for line in second.seen if line.startswith("ready")], second.seen
    first.wait_for("knocked", timeout=10)
    assert first.finish() == 0


def test_db_add_while_a_window_holds_the_file(db, env, programs, tmp_path, seed_report):
    window = start(programs, db, env)
    window.wait_for("ready")
    seed_report.year = 2023
    src = tmp_path / "2023.json"
    src.write_text(jsonio.dumps(seed_report), encoding="utf-8")
    cli = [sys.executable, "-m", "report_desktop"]
    began = time.monotonic()
    added = subprocess.run(cli + ["db", "add", str(src), "--wait", "1", "--db", str(db)],
                           env=env, capture_output=True, text=True, timeout=60)
    assert added.returncode == 2
    assert time.monotonic() - began < 20
    message = added.stderr.strip().splitlines()[-1]
    assert message.startswith("错误：请先关闭“政务公开年报助手”窗口") and f"进程 {window.proc.pid}" in message
    assert "损坏" not in added.stderr and "只读" not in added.stderr
    # Readers keep working while the window holds the file.
    listed = subprocess.run(cli + ["db", "list", "--db", str(db)], env=env, capture_output=True,
                            text=True, timeout=60)
    assert listed.returncode == 0 and seed_report.unit in listed.stdout and "2023" not in listed.stdout
    got = subprocess.run(cli + ["db", "get", seed_report.unit, "2024",
                                str(tmp_path / "out.json"), "--db", str(db)],
                         env=env, capture_output=True, text=True, timeout=60)
    assert got.returncode == 0, got.stderr
    assert knock(holder.server_name(db), window.proc.pid)      # close it (the test's program does)
    assert window.finish() == 0
    added = subprocess.run(cli + ["db", "add", str(src), "--wait", "0", "--db", str(db)],
                           env=env, capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr


@pytest.mark.qt_log_ignore("This plugin does not support raise")     # offscreen has no stacking
def test_door_answers_a_knock_and_brings_the_window_forward(qtbot, tmp_path):
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    name = holder.server_name(tmp_path / "door.sqlite3")
    door = Door(name)
    assert door.listening
    door.knocked.connect(lambda: bring_to_front(window))
    knocker = subprocess.Popen(
        [sys.executable, "-c", "import sys; from report_desktop.ui.single import knock;"
                               "sys.exit(0 if knock(sys.argv[1], None) else 1)", name])
    with qtbot.waitSignal(door.knocked, timeout=20000):
        pass
    qtbot.waitUntil(lambda: knocker.poll() is not None, timeout=20000)
    assert knocker.returncode == 0
    assert not window.isMinimized() and window.isVisible()
    door.close()
    assert not knock(name, None)             # no door: no answer, at once


_HOLD = """
import sys, time
from report_desktop.services import holder
got = holder.try_claim(sys.argv[1], sys.argv[2])
print("held" if isinstance(got, holder.Claim) else "refused", flush=True)
time.sleep(float(sys.argv[3]))
"""


def _holder_process(db, kind, seconds, env):
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), kind, str(seconds)], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_holder_that_never_answers_is_named_after_the_wait(tmp_path, env, monkeypatch, capsys):
    from report_desktop.ui.single import EXIT_HELD, acquire
    monkeypatch.setenv("XDG_DATA_HOME", env["XDG_DATA_HOME"])
    db = tmp_path / "a.sqlite3"
    proc = _holder_process(db, holder.WINDOW, 60, env)        # holds, but has no door
    try:
        began = time.monotonic()
        assert acquire(db, waited_s=1.0) == EXIT_HELD
        assert 1.0 <= time.monotonic() - began < 10
        text = capsys.readouterr().err
        assert text.startswith("请切换到已打开的“政务公开年报助手”窗口") and f"进程 {proc.pid}" in text
        assert "损坏" not in text and "只读" not in text
    finally:
        proc.kill()
        proc.wait(timeout=30)


@pytest.mark.parametrize("kind", [holder.WINDOW, holder.COMMAND])
def test_a_start_takes_over_when_the_holder_lets_go_during_the_wait(tmp_path, env, monkeypatch, kind):
    from report_desktop.ui.single import acquire
    monkeypatch.setenv("XDG_DATA_HOME", env["XDG_DATA_HOME"])
    db = tmp_path / "a.sqlite3"
    proc = _holder_process(db, kind, 1.0, env)                 # e.g. db add, or a closing window
    got = acquire(db, waited_s=30)
    proc.wait(timeout=30)
    assert isinstance(got, holder.Claim)
    assert holder.holder_of(db) == holder.Holder(holder.WINDOW, os.getpid())
    got.release()
