"""Opening the store when it cannot be used: each cause gets its own diagnosis (已损坏,
不是本程序的数据文件, 只读, 磁盘已满, 这是一个文件夹, 由更新版本创建, …); only a damaged
store is offered the newest good backup, copied to a new file.  The refused file is
never written to.  No default button restores a backup (Enter and Esc quit): moving the
clerk onto an older copy is a choice made by clicking it.  The window then says, for as
long as it is open, which file it is using instead (``replacement_note``)."""
from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings

from ...core.store import Store, StoreDamaged, StoreError, check_file
from ...core.store.diagnose import translate

log = logging.getLogger(__name__)

RESTORE, NEW, QUIT = "restore", "new", "quit"
# The window's edits wait this long for another program's lock, then autosave retries
# (services/editing RETRY_MS) with the state shown, instead of freezing the window for long.
WAIT_MS = 500
_KEY = "store/replacements"


def _replacements() -> dict[str, str]:
    try:
        return json.loads(QSettings().value(_KEY, "{}") or "{}")
    except (TypeError, ValueError):
        return {}


def remember_replacement(damaged: Path, replacement: Path) -> None:
    table = _replacements()
    table[str(damaged)] = str(replacement)
    QSettings().setValue(_KEY, json.dumps(table, ensure_ascii=False))


def known_replacement(damaged: Path) -> Path | None:
    """A file that earlier replaced this damaged store, if it is still healthy."""
    other = _replacements().get(str(damaged))
    if not other or not Path(other).exists():
        return None
    try:
        check_file(Path(other))
    except StoreError:
        return None
    return Path(other)


def _fresh_name(damaged: Path, tag: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = damaged.with_name(f"{damaged.stem}-{tag}-{stamp}{damaged.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = damaged.with_name(f"{damaged.stem}-{tag}-{stamp}-{n}{damaged.suffix}")
    return candidate


def ask(exc: StoreDamaged, parent=None) -> str:
    from PySide6.QtWidgets import QMessageBox   # only for a damaged store: not at every start
    box = QMessageBox(QMessageBox.Icon.Critical, title(exc), str(exc),
                      QMessageBox.StandardButton.NoButton, parent)
    restore = None
    if exc.good_backup is not None:
        restore = box.addButton("从备份恢复", QMessageBox.ButtonRole.ActionRole)
        box.setInformativeText(f"将把备份“{exc.good_backup.name}”复制为一个新的数据文件并打开它；"
                               f"损坏的文件原样保留在“{exc.path.parent}”，可交给技术人员检查。")
    else:
        box.setInformativeText("可以新建一个空白数据文件继续工作；损坏的文件原样保留，可交给技术人员检查。")
    new = box.addButton("新建空白数据文件", QMessageBox.ButtonRole.ActionRole)
    quit_ = box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_)          # never a restore by pressing Enter
    box.setEscapeButton(quit_)
    box.exec()
    clicked = box.clickedButton()
    return RESTORE if clicked is restore and restore else NEW if clicked is new else QUIT


def handle_damaged(exc: StoreDamaged, parent=None,
                   choose: Callable[[StoreDamaged], str] | None = None) -> Path | None:
    """The path to open instead of the damaged store, or None to quit."""
    choice = (choose or (lambda e: ask(e, parent)))(exc)
    if choice == RESTORE and exc.good_backup is not None:
        target = _fresh_name(exc.path, "restored")
        shutil.copy2(exc.good_backup, target)
        log.warning("store %s damaged; restored backup %s to %s", exc.path, exc.good_backup, target)
    elif choice == NEW:
        target = _fresh_name(exc.path, "new")
        log.warning("store %s damaged; starting new store %s", exc.path, target)
    else:
        return None
    remember_replacement(exc.path, target)
    return target


def open_store(path: Path, parent=None, choose=None, warn=None) -> Store | None:
    """Open the store at ``path``, dealing with damage; None when the clerk quits.
    ``warn(title, message)`` tells why a store cannot be used (default: a message box)."""
    try:
        try:
            return Store(path, wait_ms=WAIT_MS)
        except StoreDamaged as exc:
            log.error("store damaged: %s", exc)
            other = known_replacement(Path(path))
            if other is not None:
                return Store(other, wait_ms=WAIT_MS)
            target = handle_damaged(exc, parent, choose)
            return Store(target, wait_ms=WAIT_MS) if target else None
    except StoreError as exc:
        log.error("store cannot be opened (%s): %s", exc.kind, exc)
        (warn or (lambda t, m: _critical(parent, t, m)))(title(exc), str(exc))
        return None
    except OSError as exc:             # copying the backup failed
        err = translate(exc, Path(path))
        (warn or (lambda t, m: _critical(parent, t, m)))(title(err), str(err))
        return None


def replacement_note(requested: Path, used: Path, short: bool = False) -> str:
    """What the window shows while it uses ``used`` in place of the damaged ``requested``."""
    what = "从备份恢复的" if f"{Path(requested).stem}-restored-" in used.name else "新建的"
    if short:
        return f"正在使用{what}数据文件：{used.name}"
    return (f"正在使用{what}数据文件“{used}”：原数据文件“{requested}”已损坏，原样保留，"
            "可交给技术人员检查。")


def title(exc: StoreError) -> str:
    """The dialog title: the diagnosis itself (数据文件只读（文件或文件夹）, …)."""
    return f"无法打开数据文件：{exc.kind}"


def _critical(parent, title_text: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox
    QMessageBox.critical(parent, title_text, message)
