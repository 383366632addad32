"""Helpers for proving a refused data file was left exactly as found, and for making files
read-only even when the tests run as root (root ignores permission bits, so the code under
test then runs with the effective user id of ``nobody``)."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256: a side file or a backup shows up here."""
    return {str(p.relative_to(folder)): (digest(p) if p.is_file() else "<dir>")
            for p in sorted(folder.rglob("*"))}


def foreign_sqlite(path: Path, *statements: str, wal: bool = True) -> Path:
    """Another program's SQLite file; in WAL mode at rest, as many programs leave theirs
    (a careless read-only open of it would leave -wal/-shm files beside it)."""
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode = WAL")
    for stmt in statements:
        con.execute(stmt)
    con.commit()
    con.close()
    for side in ("-wal", "-shm"):
        assert not Path(f"{path}{side}").exists()
    return path


@contextmanager
def private_folder():
    """A folder the code can be denied writing to: owned by the test user, or by nobody
    when running as root."""
    folder = Path(tempfile.mkdtemp(prefix="store-ro-"))
    try:
        if os.geteuid() == 0:
            os.chown(folder, NOBODY, NOBODY)
        yield folder
    finally:
        for p in (folder, *folder.rglob("*")):
            try:
                os.chmod(p, 0o755 if p.is_dir() else 0o644)
            except OSError:
                pass
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def as_unprivileged():
    """Run the block without root's power to write read-only files (no-op for non-root)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
