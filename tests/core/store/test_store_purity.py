"""The store's errors stand below every store module (they import none of them; that no
store module imports another in a cycle — backup → paths → errors → backup once hid in a
function — is checked for all of core/ by test_import_cycles.py), and building a store
error is pure: it reads and writes no file — what an error means is decided on the file by
diagnose.py."""
from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import pytest

from report_desktop.core.store import Store, backup, diagnose, errors

PACKAGE = Path(errors.__file__).parent
NAME = "report_desktop.core.store"


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The store modules ``path`` imports anywhere in it, as import-linter counts them:
    ``from . import x`` imports the module ``x``."""
    own = path.stem
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith(NAME + "."):
                out.add(node.module[len(NAME) + 1:].split(".")[0])
        elif isinstance(node, ast.Import):
            out |= {a.name[len(NAME) + 1:].split(".")[0] for a in node.names
                    if a.name.startswith(NAME + ".")}
    return (out & modules) - {own}


def _graph(folder: Path) -> dict[str, set[str]]:
    files = {p.stem: p for p in folder.glob("*.py") if p.stem != "__init__"}
    return {name: _imports(p, set(files)) for name, p in files.items()}


def test_errors_imports_nothing_of_the_store():
    """The vocabulary stands below every store module, so it can be imported by any."""
    assert _graph(PACKAGE)["errors"] == set()


_FILE_EVENTS = ("open", "os.", "shutil.", "sqlite3.", "tempfile.", "glob.", "pathlib.")


def _builders() -> list[tuple[str, dict[str, object]]]:
    """Every function of errors.py that builds a StoreError, with arguments for it."""
    values = {"what": "完整性检查未通过", "detail": "磁盘 I/O 错误", "version": 99,
              "network": True, "folder": True, "where": None, "good": None}
    out = []
    for name, fn in inspect.getmembers(errors, inspect.isfunction):
        if fn.__module__ != errors.__name__ or "Store" not in str(fn.__annotations__.get("return")):
            continue
        params = [p for p in inspect.signature(fn).parameters if p != "path"]
        out.append((name, {p: values[p] for p in params}))
    return out


def _store_with_backup(tmp_path: Path, seed) -> Path:
    store_path = tmp_path / "reports.sqlite3"
    with Store(store_path, auto_backup=False) as s:
        s.save(seed)
        backup.make_backup(s._con, store_path)
    assert backup.list_backups(store_path)
    return store_path


def test_building_any_store_error_touches_no_file(tmp_path, seed):
    """A real store with a good backup lies at the path: an error that went looking for
    the backup (as errors.damaged once did) would open it."""
    store_path = _store_with_backup(tmp_path, seed)
    missing = tmp_path / "没有的文件夹" / "reports.sqlite3"
    before = sorted(tmp_path.rglob("*"))
    events: list[str] = []
    watching = [False]

    def hook(event: str, _args: object) -> None:
        if watching[0] and event.startswith(_FILE_EVENTS):
            events.append(event)

    sys.addaudithook(hook)
    builders = _builders()
    assert {"damaged", "read_only", "locked", "not_ours", "interrupted"} <= {n for n, _ in builders}
    for where in (store_path, missing):
        for name, kwargs in builders:
            watching[0] = True
            try:
                exc = getattr(errors, name)(where, **kwargs)
            finally:
                watching[0] = False
            assert isinstance(exc, errors.StoreError) and str(exc) and exc.path == where, name
            assert events == [], (name, events)
    assert sorted(tmp_path.rglob("*")) == before
    assert not missing.parent.exists()


def test_the_audit_hook_sees_a_backup_being_looked_for(tmp_path, seed):
    """The check above can fail: looking for a store's good backup is seen as file events."""
    store_path = _store_with_backup(tmp_path, seed)
    events: list[str] = []
    watching = [True]
    sys.addaudithook(lambda e, _a: watching[0] and e.startswith(_FILE_EVENTS) and events.append(e))
    try:
        found = diagnose.damaged(store_path, "完整性检查未通过")
    finally:
        watching[0] = False
    assert isinstance(found, errors.StoreDamaged) and found.good_backup is not None
    assert events


@pytest.mark.parametrize("good", [None, Path("备份.sqlite3")])
def test_a_damaged_error_offers_the_backup_it_is_given(tmp_path, good):
    exc = errors.damaged(tmp_path / "r.sqlite3", "文件头不是 SQLite 数据库", good)
    assert exc.good_backup == good and exc.kind == "已损坏"
    assert ("备份.sqlite3" in str(exc)) == (good is not None)
    assert ("没有找到可用的备份" in str(exc)) == (good is None)
