"""One vocabulary of store errors: every sqlite3 or OS error the store meets becomes one of
these, each with its own Chinese diagnosis, so no caller ever sees a raw sqlite3 error.

``kind`` is the short diagnosis a dialog puts in its title; ``transient`` says whether
trying again later can succeed (a lock held by someone else, or a file another program is
opening or closing just now); only ``StoreDamaged`` offers a backup.

Building one of these reads nothing from the disk and this module imports nothing of the
store: what an error really means, and which backup a damaged store can offer, is decided by
looking at the file (diagnose.py: ``translate``, ``damaged``, ``diagnose``).
"""
from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A store problem; ``str()`` is a Chinese sentence that leads with what to do."""
    kind = "无法使用"
    transient = False

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


class StoreDamaged(StoreError):
    kind = "已损坏"

    def __init__(self, message: str, path: Path, good_backup: Path | None):
        super().__init__(message, path)
        self.good_backup = good_backup


class StoreNotOurs(StoreError):
    kind = "不是本程序的数据文件"


class StoreReadOnly(StoreError):
    kind = "只读（文件或文件夹）"


class StoreDiskFull(StoreError):
    kind = "磁盘已满"


class StoreIsFolder(StoreError):
    kind = "这是一个文件夹"


class StoreTooNew(StoreError):
    kind = "由更新版本创建"


class StoreLocked(StoreError):
    kind = "正被使用"
    transient = True


class StoreInterrupted(StoreLocked):
    """An I/O or recovery error met while another program opens, closes or recovers the
    file: transient like a lock, and never a sign of damage by itself."""
    kind = "暂时无法读写"


class StoreBadPath(StoreError):
    kind = "路径不可用"


class StoreMissing(StoreError):
    kind = "不存在"


def not_ours(path: Path) -> StoreNotOurs:
    return StoreNotOurs(f"请选择本程序的数据文件：“{path}”不是本程序的数据文件（可能属于别的软件），"
                        "程序没有对它做任何修改。", path)


def read_only(path: Path, folder: bool, where: Path | None = None) -> StoreReadOnly:
    """``where``: the read-only folder when it is not the store's own (e.g. its backups)."""
    if folder:
        return StoreReadOnly(f"请把数据文件放到可以写入的文件夹：“{where or path.parent}”是只读的，"
                             f"无法保存对数据文件“{path.name}”的修改。", path)
    return StoreReadOnly(f"请取消数据文件的“只读”属性：“{path}”是只读的，无法保存修改。", path)


def disk_full(path: Path) -> StoreDiskFull:
    return StoreDiskFull(f"请清理磁盘空间后再试：磁盘已满，无法写入数据文件“{path}”。"
                         "已保存的内容没有受到影响。", path)


def is_folder(path: Path) -> StoreIsFolder:
    return StoreIsFolder(f"请给出数据文件的完整路径：“{path}”是一个文件夹，不是数据文件"
                         "（例如在末尾加上 reports.sqlite3）。", path)


def too_new(path: Path, version: int) -> StoreTooNew:
    return StoreTooNew(f"请升级本程序后再打开：数据文件“{path}”由更新版本的程序创建"
                       f"（结构版本{version}）。", path)


def locked(path: Path, network: bool = False) -> StoreLocked:
    who = ("网络共享文件夹上的数据文件同一时间只能由一个人打开，请等别人关闭后再试"
           if network else "请稍候再试，或关闭正在使用它的其他程序")
    return StoreLocked(f"{who}：数据文件“{path}”正被另一个程序使用。", path)


def interrupted(path: Path, detail: str) -> StoreInterrupted:
    return StoreInterrupted(f"请稍候再试：暂时无法读写数据文件“{path}”（{detail}），"
                            "可能另一个程序正在打开或关闭它。", path)


def needs_recovery(path: Path) -> StoreReadOnly:
    """A hot journal (the last writer stopped mid-change) that only a write can roll back."""
    return StoreReadOnly(f"请取消数据文件的“只读”属性后再打开：“{path}”上次没有正常关闭，"
                         "需要写入一次才能恢复到最后保存的内容，而它现在是只读的。", path)


def unreadable(path: Path) -> StoreReadOnly:
    return StoreReadOnly(f"请检查文件权限：没有权限读取数据文件“{path}”。", path)


def damaged(path: Path, what: str, good: Path | None) -> StoreDamaged:
    """``good``: the newest backup that passes its check, looked up by the caller
    (diagnose.damaged) — building an error never reads the disk."""
    offer = f"可以从最近的完好备份“{good.name}”恢复。" if good else "没有找到可用的备份。"
    return StoreDamaged(f"数据文件“{path}”已损坏（{what}），程序没有对它做任何修改。{offer}",
                        path, good)


def lenient_text(raw: bytes) -> str:
    """text_factory for checking connections: a damaged store's messages and names may
    not be valid UTF-8, and reading them must not raise."""
    return raw.decode("utf-8", "replace")


def sqlite_name(exc: BaseException) -> str:
    """SQLite's extended error name (``SQLITE_READONLY_ROLLBACK``), or ""."""
    return getattr(exc, "sqlite_errorname", "") or ""
