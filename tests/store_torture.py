"""Many hands on one data file, with random kill -9s (issue 18, item 8).

At once, on one store:
- a window-like writer: one long-lived process holding the store the way the window does
  (``Store(path, wait_ms=damaged.WAIT_MS)``, then the window's own edit cycle without Qt,
  ``services.editing.Editor``: a cell and a text changed, flushed, and flushed again while
  the save state is WAITING, as the session's retry timer does).  It prints each autosave once it has returned
  (acknowledged).  Kept at the store level: it does not depend on how a real window
  guards its file against a second window;
- two command-line writers: real ``python -m report_desktop db add FILE --db STORE``
  subprocesses, one after another, each replacing its own unit's report with a higher
  number in it (acknowledged by exit code 0);
- a reader: a process opening the store read-only and reading every report, again and again;
- a killer: SIGKILL to a random one of them every ``kill_every`` seconds (respawned).

After each kill the driver checks: the store opens (read-only, and for editing), no
acknowledged write is missing, no process said 已损坏 or 只读 (or failed in any other way),
and no ``.part`` file is left once the store has been opened again.

Run from the repository: ``python -m tests.store_torture --seconds 60`` (tests/ runs a
bounded round, benchmarks/torture_store.py a longer one).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

SEED = Path(__file__).parent / "data" / "shuozhou-2024.json"
WINDOW_UNIT = "窗口所在单位"
CLI_UNITS = ("甲镇人民政府", "乙镇人民政府")
CELL = "applications.new.research"
DAMAGED, READ_ONLY = "已损坏", "只读"

_WINDOW = r'''
import json, random, sys, time
from report_desktop.core import jsonio
from report_desktop.core.store import Store, StoreError
from report_desktop.services.editing import RETRY_MS, Editor, SaveState
from report_desktop.ui.dialogs.damaged import WAIT_MS       # the window's own wait (no Qt import)
path, seed, unit, cell, start = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

def say(**kw):
    print(json.dumps(kw, ensure_ascii=False), flush=True)

def autosave(write):
    """The session's _persist for one write: a transient failure waits and retries."""
    while True:
        try:
            return write()
        except StoreError as exc:
            if not exc.transient:
                say(error=exc.kind, message=str(exc))
            time.sleep(0.1)

store = None
while store is None:
    try:
        store = Store(path, wait_ms=WAIT_MS)
    except StoreError as exc:
        if not exc.transient:
            say(error=exc.kind, message=str(exc))
        time.sleep(0.1)
rid = autosave(lambda: store.find(unit, 2024))
if rid is None:
    rep = jsonio.read(seed)
    rep.unit = unit
    rid = autosave(lambda: store.save(rep))
editor = autosave(lambda: Editor(store, rid))       # the window's own edit cycle, without Qt
say(open=True)
i = start
while True:
    for change in (editor.cells_change({cell: i}), editor.text_change("problems", f"窗口第{i}次保存。")):
        if change is not None:          # None: saved already, by the run a kill cut short
            editor.apply(change)
    op = editor.flush()
    while editor.save_state is not SaveState.SAVED:    # WAITING: the session's retry timer
        if editor.save_state is SaveState.FAILED and op.failure:
            say(error="failed", message=op.failure)
        time.sleep(RETRY_MS / 1000 / 10)
        op = editor.flush()
    if i % 10 == 0:
        autosave(lambda: store.set_setting("last_report_id", str(rid)))
    say(ack=i)
    i += 1
    time.sleep(random.uniform(0.005, 0.05))
'''

_READER = r'''
import json, sys
from report_desktop.core.store import Store, StoreError
path = sys.argv[1]
n = 0
while True:
    try:
        with Store.open_readonly(path) as s:
            for info in s.list_reports():
                s.load(info.id)
        n += 1
        if n % 5 == 0:
            print(json.dumps({"reads": n}), flush=True)
    except StoreError as exc:
        if not exc.transient:
            print(json.dumps({"error": exc.kind, "message": str(exc)}, ensure_ascii=False), flush=True)
'''


@dataclass
class Figures:
    processes: int = 0
    kills: int = 0
    checks: int = 0
    window_acks: int = 0
    cli_ok: int = 0
    cli_runs: int = 0
    reads: int = 0
    failures: collections.Counter = field(default_factory=collections.Counter)
    samples: dict = field(default_factory=dict)

    def fail(self, kind: str, detail: str) -> None:
        self.failures[kind] += 1
        self.samples.setdefault(kind, detail[:300])


@contextmanager
def _write_lock(path: Path):
    """The store's write lock, held by the checker: every backup is made under it."""
    con = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        yield
    finally:
        con.close()


def _classify(message: str) -> str:
    if DAMAGED in message:
        return "said 已损坏"
    if READ_ONLY in message:
        return "said 只读"
    return "other error"


class Torture:
    def __init__(self, folder: Path, seconds: float, kill_every: tuple[float, float], seed: int):
        self.path = folder / "reports.sqlite3"
        self.folder = folder
        self.seconds = seconds
        self.kill_every = kill_every
        self.rng = random.Random(seed)
        self.fig = Figures()
        self.lock = threading.Lock()
        self.acked: dict[str, int] = {WINDOW_UNIT: 0, **{u: 0 for u in CLI_UNITS}}
        self.live: dict[str, subprocess.Popen] = {}
        self.stop = threading.Event()
        self.env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(Path(__file__).parents[1] / "src"), os.environ.get("PYTHONPATH", "")]))

    # -- processes ---------------------------------------------------------------------
    def _spawn(self, name: str, args: list[str], **kw) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, *args], env=self.env, text=True,
                                encoding="utf-8", stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, **kw)
        with self.lock:
            self.fig.processes += 1
            self.live[name] = proc
        return proc

    def _lines(self, name: str, proc: subprocess.Popen) -> None:
        """Follow a long-lived process's JSON lines until it dies."""
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            with self.lock:
                if "ack" in msg:
                    self.acked[WINDOW_UNIT] = max(self.acked[WINDOW_UNIT], msg["ack"])
                    self.fig.window_acks += 1
                elif "reads" in msg:
                    self.fig.reads += 5
                elif "error" in msg:
                    self.fig.fail(_classify(msg["message"]), f"{name}: {msg['message']}")
        proc.wait()
        err = proc.stderr.read()
        if proc.returncode not in (0, -signal.SIGKILL) and not self.stop.is_set():
            with self.lock:
                self.fig.fail("crashed", f"{name} exit {proc.returncode}: {err[-300:]}")

    def _keep_running(self, name: str, args_of) -> None:
        while not self.stop.is_set():
            proc = self._spawn(name, args_of())
            self._lines(name, proc)

    def _window_args(self) -> list[str]:
        with self.lock:
            start = self.acked[WINDOW_UNIT] + 1
        return ["-c", _WINDOW, str(self.path), str(SEED), WINDOW_UNIT, CELL, str(start)]

    def _cli_writer(self, unit: str) -> None:
        from report_desktop.core import jsonio
        report = jsonio.read(SEED)
        report.unit = unit
        source = self.folder / f"{unit}.json"
        i = 0
        while not self.stop.is_set():
            i += 1
            report.texts["problems"] = f"命令行第{i}次替换。"
            jsonio.write(report, source)
            proc = self._spawn(unit, ["-m", "report_desktop", "db", "add", str(source),
                                      "--db", str(self.path)])
            _out, err = proc.communicate()
            with self.lock:
                self.fig.cli_runs += 1
                if proc.returncode == 0:
                    self.fig.cli_ok += 1
                    self.acked[unit] = i
                elif proc.returncode != -signal.SIGKILL and not self.stop.is_set():
                    self.fig.fail(_classify(err), f"db add exit {proc.returncode}: {err}")

    # -- checks ------------------------------------------------------------------------
    def _stored(self) -> dict[str, int]:
        """Each writer's number as the store holds it (opened read-only)."""
        from report_desktop.core.store import Store
        numbers = {}
        with Store.open_readonly(self.path) as s:
            for unit in self.acked:
                rep = s.get(unit, 2024)
                text = rep.texts.get("problems", "") if rep else ""
                m = re.search(r"第(\d+)次", text)
                numbers[unit] = int(m[1]) if m else 0
                if unit == WINDOW_UNIT and rep is not None and m:
                    cell = rep.cells.get(CELL)
                    if not isinstance(cell, int) or cell < int(m[1]):
                        self.fig.fail("lost", f"window cell {cell} behind its text {m[1]}")
        return numbers

    def check(self) -> None:
        from report_desktop.core.store import Store, StoreError, backup
        with self.lock:
            acked = dict(self.acked)       # acknowledged before this check began
        self.fig.checks += 1
        try:
            numbers = self._stored()
        except StoreError as exc:
            self.fig.fail("store did not open" if exc.transient else _classify(str(exc)),
                          f"read-only open: {exc}")
            return
        for unit, n in acked.items():
            if numbers.get(unit, 0) < n:
                self.fig.fail("lost", f"{unit}: acknowledged {n}, stored {numbers.get(unit)}")
        try:
            Store(self.path, auto_backup=False).close()       # the next open for editing
            with _write_lock(self.path):      # nobody is making a backup meanwhile
                parts = [p.name for p in backup.backup_dir(self.path).glob("*.part*")]
        except StoreError as exc:
            self.fig.fail("store did not open" if exc.transient else _classify(str(exc)),
                          f"open for editing: {exc}")
            return
        if parts:
            self.fig.fail(".part left", ", ".join(parts))

    # -- the run -------------------------------------------------------------------------
    def run(self) -> Figures:
        from report_desktop.core.store import Store
        Store(self.path).close()          # the clerk's store exists before anyone reads it
        threads = [threading.Thread(target=self._keep_running, args=("window", self._window_args)),
                   threading.Thread(target=self._keep_running,
                                    args=("reader", lambda: ["-c", _READER, str(self.path)]))]
        threads += [threading.Thread(target=self._cli_writer, args=(u,)) for u in CLI_UNITS]
        for t in threads:
            t.daemon = True
            t.start()
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            time.sleep(self.rng.uniform(*self.kill_every))
            with self.lock:
                victims = [(n, p) for n, p in self.live.items() if p.poll() is None]
            if not victims:
                continue
            name, proc = self.rng.choice(victims)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            self.fig.kills += 1
            self.check()
        self.stop.set()
        with self.lock:
            for proc in self.live.values():
                if proc.poll() is None:
                    proc.kill()
        for t in threads:
            t.join(timeout=60)
        self.check()
        return self.fig


def report(fig: Figures, seconds: float) -> str:
    kinds = ("said 已损坏", "said 只读", "lost", "store did not open", ".part left",
             "other error", "crashed")
    lines = [f"torture: {seconds:.0f} s, {fig.processes} processes, {fig.kills} kills, "
             f"{fig.checks} checks",
             f"  iterations: window autosaves {fig.window_acks}, db add {fig.cli_ok} of "
             f"{fig.cli_runs} runs acknowledged, reader {fig.reads} reads",
             "  failures: " + ", ".join(f"{k} {fig.failures.get(k, 0)}" for k in kinds)]
    lines += [f"    {k}: {v}" for k, v in fig.samples.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--kill-min", type=float, default=0.3)
    ap.add_argument("--kill-max", type=float, default=1.5)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="store-torture-") as folder:
        fig = Torture(Path(folder), args.seconds, (args.kill_min, args.kill_max), args.seed).run()
    print(f"seed {args.seed}")
    print(report(fig, args.seconds))
    return 1 if sum(fig.failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
