"""Editing without Qt (services/editing): nothing typed is lost, undo/redo put back exactly
what was there, a refused save is said once, and the dirty state is what the store lacks.

Real SQLite files throughout; a lock is a second real connection holding BEGIN EXCLUSIVE.
No PySide6 is imported here (test_no_qt checks the service in a fresh interpreter)."""
from __future__ import annotations

import ast
import datetime as dt
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from report_desktop.core import jsonio, schema
from report_desktop.core.store import Store, StoreInterrupted
from report_desktop.core.store import diagnose
from report_desktop.services.editing import (TEXT_MERGE_SECONDS, Change, Editor, OpChanges,
                                             SaveState, TextChange)
from report_desktop.services.editing.saving import NOT_RETRIED

from ..registers import registers

SEED = Path(__file__).resolve().parents[1] / "data" / "shuozhou-2024.json"
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "report_desktop"
CELL = "applications.new.research"
CELL2 = "applications.new.commercial"


def _seed():
    rep = jsonio.read(SEED)
    rep.recompute_totals()
    return rep


def _make_store(folder: Path, *reports) -> tuple[Path, list[int]]:
    path = folder / "reports.sqlite3"
    with Store(path, auto_backup=False) as store:
        ids = [store.save(r) for r in reports]
    return path, ids


def _stored(path: Path, rid: int):
    """The report as another program reads it from the file."""
    with Store.open_readonly(path) as other:
        return other.load(rid)


@contextmanager
def _locked(path: Path):
    """Another program holding the data file: a second real connection in BEGIN EXCLUSIVE."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        con.execute("ROLLBACK")
        con.close()


@pytest.fixture
def opened(tmp_path):
    path, (rid,) = _make_store(tmp_path, _seed())
    store = Store(path, auto_backup=False, wait_ms=50)     # the window waits briefly too
    yield path, store, rid
    store.close()


def _edit(editor: Editor, change: Change | None) -> OpChanges:
    assert change is not None
    return editor.apply(change)


# -- nothing typed is lost ---------------------------------------------------------------
def test_typed_text_waits_for_the_flush_and_a_close_writes_it(opened):
    """Typed text is written when flushed, not per keystroke; a close with pending text
    (the window going away before its timer fires) writes it."""
    path, store, rid = opened
    editor = Editor(store, rid)
    op = _edit(editor, editor.text_change("problems", "还没写入的一句。"))
    assert op.write_later and op.validate_later and op.saved is None
    assert op.state_changed and editor.save_state is SaveState.PENDING and editor.pending()
    assert _stored(path, rid).texts["problems"] != "还没写入的一句。"
    op = editor.close()
    assert op.saved is SaveState.SAVED and op.state_changed and not editor.pending()
    assert _stored(path, rid).texts["problems"] == "还没写入的一句。"


def test_cells_and_meta_reach_the_store_at_once_and_take_pending_text_along(opened):
    path, store, rid = opened
    editor = Editor(store, rid)
    _edit(editor, editor.text_change("other", "补充一句。"))
    op = _edit(editor, editor.cells_change({CELL: 7}))
    assert op.saved is SaveState.SAVED and op.findings and CELL in op.cells
    assert f"{CELL.rsplit('.', 1)[0]}.total" in op.cells or len(op.cells) > 1    # its totals
    _edit(editor, editor.meta_change("local_deadline", "元月第三周星期五"))
    stored = _stored(path, rid)
    assert stored.cells[CELL] == 7 and stored.texts["other"] == "补充一句。"
    assert stored.local_deadline == "元月第三周星期五" and not editor.pending()


def test_edits_made_while_another_program_holds_the_file_are_retried_until_saved(opened):
    path, store, rid = opened
    editor = Editor(store, rid)
    with _locked(path):
        _edit(editor, editor.text_change("problems", "锁住时输入的正文。"))
        op = _edit(editor, editor.cells_change({CELL: 5}))
        assert op.saved is SaveState.WAITING and op.failure is None      # retried, not said
        assert editor.pending() and editor.report.cells[CELL] == 5
        again = editor.flush()                        # the retry timer, still locked
        assert again.saved is SaveState.WAITING and not again.state_changed and again.failure is None
    done = editor.flush()                             # the next retry
    assert done.saved is SaveState.SAVED and done.state_changed and not editor.pending()
    stored = _stored(path, rid)
    assert stored.cells[CELL] == 5 and stored.texts["problems"] == "锁住时输入的正文。"


def test_a_close_while_locked_keeps_the_edits_pending_for_the_next_try(opened):
    path, store, rid = opened
    editor = Editor(store, rid)
    _edit(editor, editor.text_change("overview", "关闭时仍被占用。"))
    with _locked(path):
        assert editor.close().saved is SaveState.WAITING and editor.pending()
    assert editor.close().saved is SaveState.SAVED
    assert _stored(path, rid).texts["overview"] == "关闭时仍被占用。"


class _Interrupting(Store):
    """A real store whose next writes meet what another program's open or close can make
    SQLite say for a moment (diagnosed on the real file as StoreInterrupted)."""
    interruptions = 0

    def _interrupt(self) -> None:
        if self.interruptions:
            self.interruptions -= 1
            exc = sqlite3.OperationalError("disk I/O error")
            exc.sqlite_errorname = "SQLITE_IOERR_SHORT_READ"
            raise diagnose.diagnose(exc, self.path)

    def write_text(self, report_id, key, body):
        self._interrupt()
        super().write_text(report_id, key, body)

    def write_cells(self, report_id, changes):
        self._interrupt()
        super().write_cells(report_id, changes)


def test_an_interrupted_write_is_retried_like_a_lock(tmp_path):
    path, (rid,) = _make_store(tmp_path, _seed())
    with _Interrupting(path, auto_backup=False) as store:
        editor = Editor(store, rid)
        store.interruptions = 2
        _edit(editor, editor.text_change("problems", "第一句。"))
        op = _edit(editor, editor.cells_change({CELL: 3}))
        assert op.saved is SaveState.WAITING and op.failure is None
        op = editor.flush()
        assert op.saved is SaveState.WAITING and store.interruptions == 0
        assert editor.flush().saved is SaveState.SAVED
    stored = _stored(path, rid)
    assert stored.cells[CELL] == 3 and stored.texts["problems"] == "第一句。"


def test_the_interruption_is_the_real_diagnosis(tmp_path):
    """The fault above is what diagnose says for that SQLite error on a sound file."""
    path, _ = _make_store(tmp_path, _seed())
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorname = "SQLITE_IOERR_SHORT_READ"
    err = diagnose.diagnose(exc, path)
    assert isinstance(err, StoreInterrupted) and err.transient


# -- a refused save is said once ------------------------------------------------------------
def test_a_refused_write_is_said_once_blocks_nothing_else_and_is_said_again_after_a_save(tmp_path):
    first, second = _seed(), _seed()
    second.unit = "乙镇人民政府"
    path, (rid, _other) = _make_store(tmp_path, first, second)
    with Store(path, auto_backup=False, wait_ms=50) as store:
        editor = Editor(store, rid)
        op = _edit(editor, editor.meta_change("unit", "乙镇人民政府"))     # taken: refused
        assert op.saved is SaveState.FAILED and op.state_changed
        assert op.failure is not None and "已经有" in op.failure and NOT_RETRIED in op.failure
        op = _edit(editor, editor.cells_change({CELL: 9}))
        assert op.saved is SaveState.FAILED and op.failure is None          # said once
        _edit(editor, editor.text_change("problems", "单位名称写不进去，正文照样保存。"))
        op = editor.flush()
        assert op.saved is SaveState.FAILED and op.failure is None and editor.pending()
        stored = _stored(path, rid)
        assert stored.cells[CELL] == 9 and stored.texts["problems"].startswith("单位名称写不进去")
        assert stored.unit == first.unit
        op = _edit(editor, editor.meta_change("unit", "甲镇人民政府"))      # the clerk fixes it
        assert op.saved is SaveState.SAVED and op.failure is None and not editor.pending()
        op = _edit(editor, editor.meta_change("unit", "乙镇人民政府"))      # a new failure
        assert op.saved is SaveState.FAILED and op.failure is not None     # is said again
    assert _stored(path, rid).unit == "甲镇人民政府"


# -- dirty state -------------------------------------------------------------------------------
def test_no_change_is_no_change(opened):
    _path, store, rid = opened
    editor = Editor(store, rid)
    rep = editor.report
    assert editor.cells_change({CELL: rep.cells[CELL]}) is None
    assert editor.cells_change({"applications.new.total": 5}) is None     # totals are computed
    assert editor.text_change("problems", rep.texts["problems"]) is None
    assert editor.meta_change("year", rep.year) is None
    assert editor.register_change(rep.register, "x") is None
    assert editor.totals_change() is None                                 # already the sums
    assert not editor.pending() and editor.save_state is SaveState.SAVED


def test_recomputed_totals_undo_to_what_the_file_had(tmp_path):
    rep = _seed()
    total = next(iter(sorted(schema.TOTAL_IDS)))
    rep.cells[total] = 99999                    # a wrong total read from a file
    path, (rid,) = _make_store(tmp_path, rep)
    with Store(path, auto_backup=False) as store:
        editor = Editor(store, rid)
        change = editor.totals_change()
        assert change is not None and total in change.new
        editor.apply(change)
        assert _stored(path, rid).cells[total] != 99999 and editor.totals_change() is None
        op = editor.revert(change)
        assert total in op.cells and op.where in change.old
        assert editor.report.cells[total] == 99999 == _stored(path, rid).cells[total]


# -- text merge --------------------------------------------------------------------------------
def test_keystrokes_in_one_text_within_the_pause_are_one_step():
    a = TextChange("problems", "", "一", "编辑", True, 10.0)
    b = TextChange("problems", "一", "一二", "编辑", True, 10.0 + TEXT_MERGE_SECONDS / 2)
    merged = a.merged(b)
    assert merged is not None and (merged.old, merged.new, merged.stamp) == ("", "一二", b.stamp)
    late = TextChange("problems", "一", "一二", "编辑", True, 10.0 + TEXT_MERGE_SECONDS)
    assert a.merged(late) is None
    assert a.merged(TextChange("other", "", "一", "编辑", True, 10.0)) is None
    assert a.merged(TextChange("problems", "一", "一二", "修正标点", False, 10.0)) is None
    back = TextChange("problems", "一", "", "编辑", True, 10.5)
    assert a.merged(back) is not None and a.merged(back).empty


# -- undo/redo as data: any sequence, against a model of the stack -------------------------------
_FIELDS = st.sampled_from([("year", st.integers(2020, 2030)),
                           ("level", st.sampled_from([None, *schema.LEVELS])),
                           ("report_date", st.one_of(st.none(), st.dates(dt.date(2024, 1, 1),
                                                                         dt.date(2026, 12, 31)))),
                           ("local_deadline", st.sampled_from(["", "元月第三周星期五", "1月20日前"]))])
_INPUTS = sorted(schema.INPUT_IDS)[:30] + sorted(schema.INPUT_IDS)[-10:]


def _values(cid: str):
    """What the window's entry makes of typing in that cell: a count, or an amount."""
    if schema.CELLS[cid].kind == schema.AMOUNT:
        return st.one_of(st.none(), st.decimals(0, 100, places=2))
    return st.one_of(st.none(), st.integers(0, 60))


@st.composite
def _steps(draw):
    kind = draw(st.sampled_from(["cells", "text", "meta", "register", "undo", "redo"]))
    if kind == "cells":
        ids = draw(st.lists(st.sampled_from(_INPUTS), min_size=1, max_size=4, unique=True))
        return kind, {cid: draw(_values(cid)) for cid in ids}
    if kind == "text":
        return kind, (draw(st.sampled_from(["overview", "problems"])), draw(st.text("甲乙，。 ", max_size=6)),
                      draw(st.floats(0, 3)), draw(st.booleans()))
    if kind == "meta":
        name, values = draw(_FIELDS)
        return kind, (name, draw(values))
    if kind == "register":
        return kind, draw(st.one_of(st.none(), registers()))
    return kind, None


def _snap(rep):
    return jsonio.to_dict(rep), rep.register


class _Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_steps(), min_size=1, max_size=14))
def test_any_edits_undone_and_redone_leave_report_and_file_as_the_model_says(steps):
    """A list as the undo stack (as QUndoStack does it: a push clears the redo side, typing
    merges into the step on top, a step typed back to nothing goes).  After every step the
    report is the model's state; after a flush the file holds exactly the report."""
    clock = _Clock()
    with tempfile.TemporaryDirectory() as folder:
        path, (rid,) = _make_store(Path(folder), _seed())
        with Store(path, auto_backup=False) as store:
            editor = Editor(store, rid, clock=clock)
            done: list[Change] = []
            undone: list[Change] = []
            states = [_snap(editor.report)]          # states[i]: after done[:i]
            for kind, arg in steps:
                if kind == "undo" and done:
                    editor.revert(done[-1])
                    undone.append(done.pop())
                elif kind == "redo" and undone:
                    editor.apply(undone[-1])
                    done.append(undone.pop())
                elif kind in ("cells", "text", "meta", "register"):
                    change = _change(editor, clock, kind, arg)
                    if change is None:
                        continue
                    editor.apply(change)
                    undone.clear()
                    del states[len(done) + 1:]
                    top = done[-1] if done else None
                    merged = top.merged(change) if isinstance(top, TextChange) and \
                        isinstance(change, TextChange) else None
                    if merged is None:
                        done.append(change)
                        states.append(_snap(editor.report))
                    elif merged.empty:
                        done.pop()
                        states.pop()
                    else:
                        done[-1] = merged
                        states[-1] = _snap(editor.report)
                else:
                    continue
                assert _snap(editor.report) == states[len(done)]
            assert editor.flush().saved is SaveState.SAVED and not editor.pending()
            assert _snap(_stored(path, rid)) == _snap(editor.report)
            while done:                               # all the way back
                editor.revert(done[-1])
                undone.append(done.pop())
            editor.flush()
            assert _snap(editor.report) == states[0] == _snap(_stored(path, rid))


def _change(editor: Editor, clock: _Clock, kind: str, arg) -> Change | None:
    if kind == "cells":
        return editor.cells_change(arg)
    if kind == "text":
        key, tail, pause, merge = arg
        clock.now += pause
        return editor.text_change(key, editor.report.texts[key][:8] + tail, merge)
    if kind == "meta":
        return editor.meta_change(*arg)
    return editor.register_change(arg, "导入台账")


# -- one home for the save states, and no Qt --------------------------------------------------
SAVE_STATE_HOME = "services/editing/saving.py"


def save_state_offenders(package: Path = PACKAGE) -> list[tuple[str, str]]:
    """A save state typed as a raw string in the window or the services (core's tables use
    "pending" for 尚未审结, a different thing)."""
    words = {str(s) for s in SaveState}
    found = []
    for py in sorted(package.rglob("*.py")):
        module = py.relative_to(package).as_posix()
        if module == SAVE_STATE_HOME or not module.startswith(("ui/", "services/")):
            continue
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in words:
                found.append((module, node.value))
    return sorted(set(found))


def test_the_save_states_are_typed_once():
    assert save_state_offenders() == []


def test_the_save_state_check_sees_a_retyped_state(tmp_path):
    fake = tmp_path / "report_desktop"
    (fake / "ui").mkdir(parents=True)
    (fake / "ui" / "x.py").write_text('SAVED, FAILED = "saved", "failed"\n', encoding="utf-8")
    assert save_state_offenders(fake) == [("ui/x.py", "failed"), ("ui/x.py", "saved")]


def test_editing_runs_without_qt(tmp_path):
    """The whole cycle in a fresh interpreter: no PySide6 module is ever loaded."""
    path, (rid,) = _make_store(tmp_path, _seed())
    script = (
        "import sys\n"
        "from report_desktop.core.store import Store\n"
        "from report_desktop.services.editing import Editor\n"
        f"store = Store({str(path)!r}, auto_backup=False)\n"
        f"ed = Editor(store, {rid})\n"
        "ed.apply(ed.text_change('problems', '无界面输入。'))\n"
        f"ed.apply(ed.cells_change({{{CELL!r}: 4}}))\n"
        "ed.close(); store.close()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    stored = _stored(path, rid)
    assert stored.texts["problems"] == "无界面输入。" and stored.cells[CELL] == 4
