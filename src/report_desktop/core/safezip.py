"""Checks on an Office Open XML package (.xlsx, .docx) before any parser sees it.

A .xlsx or .docx is a zip of XML parts.  Before openpyxl or python-docx touch one, the
file must be a zip, small enough once unpacked (zip bombs), and free of DTDs
(billion laughs, external entities) in every XML part, whatever its name or encoding
(xmlsniff.py); no XML part may be larger than a report could need (MAX_XML_BYTES), so
what the parsers get is bounded.  Every refusal is a Chinese sentence naming the file.
Sizes are checked from the zip directory first and then again while unpacking, so a
directory that lies about sizes does not help.  Nothing large is allocated: parts are
read in chunks and only the first bytes of each are kept.
"""
from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from pathlib import Path

from .files import ReportFileError, read_limited
from .xmlsniff import DtdScanner, OddEncoding, xml_codec

MAX_FILE_BYTES = 50 * 1024 * 1024          # the package as stored
MAX_UNPACKED_BYTES = 100 * 1024 * 1024     # all parts unpacked
MAX_MEMBERS = 1000
# One XML part unpacked: a report's is ~150 KB; our own Word file of 100,000 lines of text
# is ~20 MB (tests/core/test_extreme_round_trip.py), and what we write we must read.
MAX_XML_BYTES = 32 * 1024 * 1024
# Markup ("<") in all XML parts together: parsing costs ~5 µs a tag in openpyxl, and every
# shared string is loaded up front, so this bounds the parse (ours: 2,600 in .xlsx, 8,400
# in .docx; a long report typed in WPS stays well under 100,000; our own files of 100,000
# lines of text: ~1,000,000 in .xlsx, ~950,000 in .docx).
MAX_XML_TAGS = 1_200_000
# openpyxl loads a shared-string table (root <sst>) at ~4× a sheet's cost a tag, up front.
SHARED_STRINGS_WEIGHT = 4
MAX_RATIO = 200                            # unpacked / packed, for parts over RATIO_FLOOR
RATIO_FLOOR = MAX_XML_BYTES          # below it a high ratio is text (a million spaces), not a bomb
CHUNK = 64 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_KIND = {".xlsx": ("Excel 工作簿", "xl/workbook.xml"), ".docx": ("Word 文档", "word/document.xml")}


def _refuse(source: str, why: str) -> ReportFileError:
    return ReportFileError(f"{source}{why}")


def open_package(path: Path, kind: str, max_tags: int | None = None,
                 max_xml_bytes: int | None = None) -> tuple[bytes, zipfile.ZipFile]:
    """Read and check the package at ``path``; ``kind`` is '.xlsx' or '.docx'.
    A register (10,000 rows and more) passes larger ``max_tags``/``max_xml_bytes``.

    Returns the raw bytes and an open ZipFile over them.  Raises ReportFileError.
    """
    path = Path(path)
    name, main_part = _KIND[kind]
    source = f"文件“{path.name}”"
    data = read_limited(path, MAX_FILE_BYTES, source)
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(source, "过大，不像是年报文件。")
    if not data:
        raise _refuse(source, f"是空文件（0 字节），不是有效的{name}。")
    if data.startswith(_OLE_MAGIC):
        old = "旧版 .xls、WPS 表格（.et）" if kind == ".xlsx" else "旧版 .doc、WPS 文字（.wps）"
        raise _refuse(source, f"是加密（设置了打开密码）的文件或{old}文件：请在 "
                              f"{'Excel/WPS' if kind == '.xlsx' else 'Word/WPS'} 中取消密码，"
                              f"另存为 {kind} 后再导入。")
    if content_kind(data) in ("html", "mht"):
        raise _refuse(source, f"实际上是网页（{'网页存档 MHT' if content_kind(data) == 'mht' else 'HTML'}），"
                              f"不是{name}：请把扩展名改为 .html 后再导入（本程序可以读取网页）。")
    if not data.startswith(_ZIP_MAGIC):
        raise _refuse(source, f"不是有效的{name}（{kind} 文件应是 zip 压缩包），"
                              "可能是改了扩展名的其他文件。请用 Excel/WPS/Word 打开后另存为 "
                              f"{kind}。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise _refuse(source, "已损坏或不完整（压缩包结构无法读取），可能下载或复制时中断了，"
                              "请重新获取或重新保存该文件。") from None
    _check_directory(infos, source)
    names = {i.filename for i in infos}
    if main_part not in names:
        other = next(((n, k) for k, (n, part) in _KIND.items() if part in names), None)
        raise _refuse(source, f"是{other[0]}，不是{name}：请把扩展名改为 {other[1]} 后再导入。"
                      if other else f"不是{name}（缺少 {main_part}）。")
    _check_parts(zf, infos, source, max_tags, max_xml_bytes)
    return data, zf


_SST = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<([\w.-]+:)?sst[\s>/]", re.S)
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|meta|body|table|div|p)\b", re.I | re.S)


def content_kind(data: bytes) -> str | None:
    """What a file is by its first bytes, whatever its name: "docx", "xlsx", "zip",
    "ole" (old Word/Excel/WPS or an encrypted Office file), "html", "mht" or None."""
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.startswith(_ZIP_MAGIC):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
            return "zip"
        return next((k.lstrip(".") for k, (_, part) in _KIND.items() if part in names), "zip")
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    if _HTML_START.match(head):
        return "html"
    from .html.mht import is_mht     # the email package only when it may be one
    return "mht" if is_mht(head) else None


def _check_directory(infos: list[zipfile.ZipInfo], source: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _refuse(source, f"包含的部件过多（{len(infos)} 个），不像是正常的 Office 文件，"
                              "可能是恶意构造的文件，已拒绝读取。")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(source, "中的内容已加密，无法读取。请取消密码后另存。")
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise _bomb(source)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(source, f"（“{info.filename}”压缩比异常）")


def _bomb(source: str, detail: str = "") -> ReportFileError:
    return _refuse(source, f"解压后过大（超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB）{detail}，"
                           "不像是年报文件，可能是恶意构造的压缩炸弹，已拒绝读取。")


def _check_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], source: str,
                 max_tags: int | None = None, max_xml_bytes: int | None = None) -> None:
    """Unpack every part in chunks: count real sizes; sniff each part's first bytes and
    scan the XML ones, in the encoding a parser would use, for DTDs."""
    max_tags = MAX_XML_TAGS if max_tags is None else max_tags          # read now: tests lower them
    max_xml_bytes = MAX_XML_BYTES if max_xml_bytes is None else max_xml_bytes
    total = tags = 0
    for info in infos:
        if info.is_dir():
            continue
        scanner: DtdScanner | None = None
        size = 0
        try:
            with zf.open(info) as part:
                while True:
                    chunk = part.read(CHUNK)
                    if not chunk and size:
                        break
                    if size == 0:
                        scanner = _scanner(chunk, info.filename, source)
                    size += len(chunk)
                    total += len(chunk)
                    if total > MAX_UNPACKED_BYTES:
                        raise _bomb(source)
                    if scanner is not None:
                        if size > max_xml_bytes:
                            raise _refuse(source, f"中的“{info.filename}”过大（解压后超过 "
                                                  f"{max_xml_bytes // 1024 // 1024} MB），"
                                                  "不像是年报文件，已拒绝读取。")
                        before = scanner.tags
                        found = scanner.feed(chunk)
                        if size == len(chunk):     # the part's first chunk: what it is
                            weight = SHARED_STRINGS_WEIGHT if _SST.match(scanner.head) else 1
                        if found:
                            raise _refuse(
                                source, f"中的“{info.filename}”含有 DTD 或实体声明"
                                        "（<!DOCTYPE/<!ENTITY），正常的 Office 文件不会有，"
                                        "可能是恶意构造的文件（XML 实体攻击），已拒绝读取。")
                        tags += (scanner.tags - before) * weight
                        if tags > max_tags:
                            raise _refuse(source, "的内容结构过于复杂（XML 标记超过 "
                                                  f"{max_tags:,} 个），不像是年报文件，"
                                                  "已拒绝读取。请删去多余的内容、另存后再导入。")
                    if not chunk:
                        break
        except ReportFileError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError):
            raise _refuse(source, f"已损坏或不完整（“{info.filename}”无法解压），"
                                  "请重新获取或重新保存该文件。") from None


def _scanner(head: bytes, name: str, source: str) -> DtdScanner | None:
    """A DTD scanner for an XML part (by content, not name); None for other parts."""
    try:
        codec = xml_codec(head)
    except OddEncoding as exc:
        raise _refuse(source, f"中的“{name}”使用了 Office 文件不会用的字符编码（{exc}），"
                              "可能是恶意构造的文件，已拒绝读取。") from None
    return DtdScanner(codec) if codec else None
