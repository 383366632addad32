"""Safe file reading and writing shared by every importer and exporter.

Writers never leave half a file: they write a temporary file beside the target, flush
it to disk and replace the target in one step, with the permissions a normal save gives;
they never replace a pipe, device, link or folder, nor a file the command reads
(``check_output``).  Readers refuse what is not a regular file and oversized files before
opening them.  What a path names is looked at in ``fileguard``.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from . import fileguard


class ReportFileError(Exception):
    """A file that cannot be read or written; ``str()`` is a Chinese sentence."""


_OUR_PACKAGE = __name__.split(".")[0]


def raised_by_us(exc: BaseException) -> bool:
    """Whether ``exc`` was raised in this program's own code rather than in a library
    parsing a file for it.  A parser's many error kinds on a malformed file become a
    message about the file; an error of ours stays a bug and is not blamed on the file.
    (By module name, not path: the installer byte-compiles elsewhere than it installs.)"""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = tb.tb_frame.f_globals.get("__name__", "")
    return module == _OUR_PACKAGE or module.startswith(_OUR_PACKAGE + ".")


def read_limited(path: Path, limit: int, source: str) -> bytes:
    """The bytes of a regular file no larger than ``limit``.  Anything else (a pipe, a
    device, a socket) is refused from its stat, before it is opened: opening a FIFO
    blocks until a writer comes, which may be never."""
    path = Path(path)
    try:
        too_long = fileguard.name_problem(path)
        if too_long:
            raise ReportFileError(f"无法读取{source}：{too_long}。")
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        why = fileguard.input_problem(st)
        if why:
            raise ReportFileError(f"无法读取{source}：{why}。")
        if st.st_size > limit:
            raise ReportFileError(f"{source}过大（{st.st_size // 1024 // 1024} MB），不像是年报文件。")
        # O_NONBLOCK: a FIFO put in its place since the stat still does not block the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            swapped = fileguard.input_problem(os.fstat(f.fileno()))
            if swapped:
                raise ReportFileError(f"无法读取{source}：{swapped}。")
            return f.read(limit + 1)
    except FileNotFoundError:
        raise ReportFileError(f"找不到{source}。") from None
    except IsADirectoryError:
        raise ReportFileError(f"{source}是一个文件夹，不是文件。") from None
    except PermissionError:
        raise ReportFileError(f"没有权限读取{source}。") from None
    except OSError as exc:
        raise ReportFileError(f"无法读取{source}：{_reason(exc)}。") from None


# Byte order marks a text file may start with, UTF-32 before UTF-16 (FF FE 00 00).
_TEXT_BOMS = ((codecs.BOM_UTF32_LE, None), (codecs.BOM_UTF32_BE, None),
              (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
              (codecs.BOM_UTF16_BE, "utf-16"))
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(raw: bytes) -> str | None:
    """Text as Windows saves it: UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's
    "Unicode"), or GB18030/GBK (Notepad's and Excel's "ANSI" on Chinese Windows).
    None when it is none of these, or decodes to control characters (binary, UTF-16
    without BOM): a guess would only be garbled names."""
    codec = next((c for bom, c in _TEXT_BOMS if raw.startswith(bom)), "")
    for name in ([codec] if codec != "" else ["utf-8", "gb18030"]):
        if name is None:
            return None
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        return None if _NOT_TEXT.search(text) else text
    return None


def read_text(path: Path, limit: int, source: str, hint: str = "") -> str:
    """A text file in one of the encodings of ``decode_text``, refused in Chinese naming
    the file when it is in none."""
    text = decode_text(read_limited(path, limit, source))
    if text is None:
        raise ReportFileError(f"{source}不是可识别的文本文件（应为 UTF-8、UTF-16 或 GBK 编码）"
                              f"{hint or '，请用记事本打开后“另存为”UTF-8 编码'}。")
    return text


def _umask() -> int:
    """The process umask, read without changing it where the system tells (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)   # elsewhere: the classic read-and-restore
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The permissions a normal save gives: the replaced file's, else 0666 less the umask
    (mkstemp makes 0600, and os.replace would keep that)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# errno → what to tell the clerk (EDQUOT is missing on some systems).
_REASONS = {
    errno.ENOSPC: "磁盘已满（或超出配额），请腾出空间后重试",
    getattr(errno, "EDQUOT", errno.ENOSPC): "磁盘已满（或超出配额），请腾出空间后重试",
    errno.EFBIG: "文件超出了系统允许的大小",
    errno.EROFS: "所在的磁盘是只读的",
    errno.EIO: "磁盘读写出错（U 盘或网络盘可能已断开）",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.ENAMETOOLONG: "文件名或路径过长，请换一个短一些的名称或位置",
    errno.EINVAL: "文件名中有系统不允许的字符（如 : * ? \" < > |）",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno) or f"系统报告的错误：{exc.strerror or exc}"


Source = tuple["str | Path | None", str]    # a file a command reads, and what it is in words


def inputs(*paths: str | Path | None) -> list[Source]:
    """Input files of a command as ``check_output`` sources."""
    return [(p, f"输入文件“{Path(p).name}”") for p in paths if p is not None]


def check_output(path: str | Path, sources: Iterable[Source] = ()) -> None:
    """Refuse, in Chinese naming the file, an output that cannot or must not be replaced:
    one of ``sources`` (the same file, also through a link), a name too long for the file
    system, a folder, a link, a pipe or device.  Every writer comes through here
    (atomic_write); a command calls it with its inputs before doing the work."""
    path = Path(path)
    where = f"文件“{path}”"
    same = fileguard.same_as(path, sources)
    if same:
        raise ReportFileError(f"请换一个输出文件名：“{path.name}”与{same}是同一个文件，"
                              "写出会覆盖它。")
    too_long = fileguard.name_problem(path)
    if too_long:
        raise ReportFileError(f"无法写入{where}：{too_long}。")
    try:
        kind = fileguard.output_problem(path)
    except OSError:      # e.g. a folder it may not look into: the write says what is wrong
        return
    if kind and os.path.isdir(path) and not os.path.islink(path):
        raise ReportFileError(f"{where}是一个文件夹，无法写入。")
    if kind:
        raise ReportFileError(f"无法写入{where}：它{kind}。")


# The temporary file's name: short whatever the target's (a legal 255-byte name plus a
# prefix and suffix would not be), yet recognisable beside it.
_TMP_STEM_CHARS = 16


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` and move the finished temp file onto ``path``.

    The temp file gets the permissions the target would get from a normal save, is
    flushed to disk (fsync) before it replaces the target, and the folder is synced after.
    A target that cannot be written (open in Word, read-only folder, full disk) raises
    ReportFileError naming it; the target and its folder are left as they were.
    So does one ``check_output`` refuses.
    """
    path = Path(path)
    where = f"文件“{path}”"
    check_output(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem[:_TMP_STEM_CHARS]}-", suffix=".tmp",
                                        dir=folder)
    except FileNotFoundError:
        raise ReportFileError(f"无法写入{where}：文件夹不存在。") from None
    except PermissionError:
        raise ReportFileError(f"无法写入{where}：没有写入该文件夹的权限。") from None
    except OSError as exc:
        raise ReportFileError(f"无法写入{where}：{_reason(exc)}。") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(path)
        os.replace(tmp, path)
        _sync_folder(folder)
    except PermissionError:
        raise ReportFileError(
            f"无法写入{where}：文件是只读的，或正被其他程序（如 Word、WPS、Excel）打开。"
            "请关闭该文件后重试，或换一个文件名。") from None
    except OSError as exc:
        raise ReportFileError(f"无法写入{where}：{_reason(exc)}。") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: tmp.write_bytes(data))
