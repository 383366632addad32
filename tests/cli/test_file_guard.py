"""Files a command is pointed at (issue 18): an output that is an input — the same file, a
symbolic or a hard link — is refused for every verb; pipes, devices and sockets are never
opened as input nor replaced as output; a name too long for the file system is told in
Chinese, for input, output and --db.  Real FIFOs, sockets, /dev/null and /dev/zero, links
and long names, in real processes (a FIFO opened for reading would block them: the
timeout fails the test) and in process."""
from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from report_desktop.cli.commands import main
from report_desktop.core import fileguard, files, formats, jsonio
from report_desktop.core.store import Store

from tests.conftest import DATA

SEED = DATA / "shuozhou-2024.json"
UNIT = "朔州市人民政府办公室"
posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and /dev are POSIX")


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def run(args, tmp_path, timeout=60):
    """The command as a real process: (exit code, stderr); a blocked one fails the test."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "XDG_DATA_HOME": str(tmp_path)}
    res = subprocess.run([sys.executable, "-m", "report_desktop", *map(str, args)],
                         capture_output=True, env=env, timeout=timeout, stdin=subprocess.DEVNULL)
    err = res.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return res.returncode, err


def refused(code_err, *words):
    code, err = code_err
    assert code == 2 and chinese(err) and err.count("\n") <= 1, err
    for w in words:
        assert w in err, err
    return err


@pytest.fixture
def src(tmp_path) -> Path:
    p = tmp_path / "报告.json"
    shutil.copy(SEED, p)
    return p


def _snapshot(path: Path):
    st = os.lstat(path)
    return st.st_mode, st.st_ino, (path.read_bytes() if stat.S_ISREG(st.st_mode) else None)


# ------------------------------------------------------------------ output = input

@pytest.mark.parametrize("ext", [".json", ".xlsx", ".docx"])
def test_convert_onto_its_input_is_refused_also_through_links(tmp_path, ext, capsys):
    original = tmp_path / f"甲镇{ext}"
    formats.write(jsonio.read(SEED), original)
    if ext == ".xlsx":   # what a re-export would lose: a sheet the clerk added
        book = openpyxl.load_workbook(original)
        book.create_sheet("备注")["A1"] = "请于1月20日前报送"
        book.save(original)
    before = _snapshot(original)
    links = [original, tmp_path / "." / original.name]
    if os.name == "posix":
        (tmp_path / f"软链接{ext}").symlink_to(original.name)
        links.append(tmp_path / f"软链接{ext}")
    os.link(original, tmp_path / f"硬链接{ext}")
    links.append(tmp_path / f"硬链接{ext}")
    for out in links:
        assert main(["convert", str(original), str(out), "--allow-errors"]) == 2
        err = capsys.readouterr().err
        assert "请换一个输出文件名" in err and "是同一个文件" in err and original.name in err, err
        assert main(["convert", str(out), str(original), "--allow-errors"]) == 2   # either way
        capsys.readouterr()
    assert _snapshot(original) == before
    if ext == ".xlsx":
        assert "备注" in openpyxl.load_workbook(original).sheetnames


def test_fix_punctuation_onto_its_input_is_refused(src, tmp_path, capsys):
    before = src.read_bytes()
    os.link(src, tmp_path / "link.json")
    for out in (src, tmp_path / "link.json"):
        assert main(["fix-punctuation", str(src), str(out)]) == 2
        assert "是同一个文件" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_merge_output_onto_any_input_parent_or_roster_is_refused(src, tmp_path, capsys):
    other = tmp_path / "乙镇.json"
    rep = jsonio.read(SEED)
    rep.unit = "乙镇人民政府"
    jsonio.write(rep, other)
    parent = tmp_path / "本级.json"
    shutil.copy(SEED, parent)
    roster = tmp_path / "名单.json"       # a roster with a report's extension: still an input
    roster.write_text(f"{UNIT}\n乙镇人民政府\n", encoding="utf-8")
    common = ["--unit", "某县人民政府", "--year", "2024", "--db", str(tmp_path / "none.db"),
              "--parent", str(parent), "--roster", str(roster)]
    for out in (src, other, parent, roster):
        before = out.read_bytes()
        assert main(["merge", str(src), str(other), "-o", str(out), *common]) == 2
        err = capsys.readouterr().err
        assert "是同一个文件" in err and out.name in err and "各单位报告检查结果" not in err
        assert out.read_bytes() == before
    assert main(["merge", str(src), str(other), "-o", str(tmp_path / "汇总.json"), *common]) == 0


def test_db_get_onto_the_data_file_is_refused(src, tmp_path, capsys):
    db = tmp_path / "数据.json"                     # a data file named like an export
    assert main(["db", "add", str(src), "--db", str(db)]) == 0
    capsys.readouterr()
    before = db.read_bytes()
    assert main(["db", "get", UNIT, "2024", str(db), "--db", str(db)]) == 2
    assert "数据文件“数据.json”是同一个文件" in capsys.readouterr().err
    assert db.read_bytes() == before
    with Store.open_readonly(db) as store:
        assert store.get(UNIT, 2024) is not None
    assert main(["convert", str(src), str(db), "--db", str(db)]) == 2   # any verb with --db
    assert db.read_bytes() == before


def test_same_file_compares_the_file_not_the_name(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text("{}")
    b.write_text("{}")                            # equal bytes, another file
    assert not fileguard.same_file(a, b)
    assert not fileguard.same_file(a, tmp_path / "missing.json")
    os.link(a, tmp_path / "c.json")
    assert fileguard.same_file(a, tmp_path / "c.json")
    assert fileguard.same_file(a, tmp_path / "sub" / ".." / "a.json") is False   # no "sub"
    (tmp_path / "sub").mkdir()
    assert fileguard.same_file(a, tmp_path / "sub" / ".." / "a.json")


# ------------------------------------------------------------------ inputs that are not files

@posix
def test_a_fifo_as_any_input_is_refused_at_once(src, tmp_path):
    fifo = tmp_path / "管道.json"
    os.mkfifo(fifo)
    store = tmp_path / "s.db"
    refused(run(["convert", fifo, tmp_path / "o.json"], tmp_path), "管道（FIFO）", "管道.json")
    refused(run(["check", fifo, "--db", store], tmp_path), "管道（FIFO）")
    refused(run(["check", src, "--previous", fifo, "--db", store], tmp_path), "管道（FIFO）")
    refused(run(["db", "add", fifo, "--db", store], tmp_path), "管道（FIFO）")
    merge = ["-o", tmp_path / "m.json", "--unit", "某县人民政府", "--year", "2024", "--db", store]
    code, err = run(["merge", src, fifo, *merge], tmp_path)
    assert code == 2 and "有 1 个文件无法读取" in err and "管道（FIFO）" in err, err
    code, err = run(["merge", src, fifo, *merge, "--skip-unreadable"], tmp_path)
    assert code == 0 and "已跳过 1 个无法读取的文件" in err and "管道（FIFO）" in err, err
    assert jsonio.read(tmp_path / "m.json").unit == "某县人民政府"
    (tmp_path / "m.json").unlink()
    refused(run(["merge", src, *merge, "--roster", fifo], tmp_path), "名单文件", "管道（FIFO）")
    refused(run(["merge", src, *merge, "--parent", fifo], tmp_path), "管道（FIFO）")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix
def test_a_device_or_socket_as_input_is_refused_without_reading(tmp_path):
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")                  # an endless device behind a report's name
    refused(run(["check", zero, "--db", tmp_path / "s.db"], tmp_path), "一个设备")
    sock_path = tmp_path / "s.json"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(files.ReportFileError, match="套接字"):
            formats.read(sock_path)
    (tmp_path / "文件夹.json").mkdir()
    with pytest.raises(files.ReportFileError, match="一个文件夹"):
        formats.read(tmp_path / "文件夹.json")


# ------------------------------------------------------------------ outputs that are not files

@posix
def test_a_device_fifo_link_or_folder_is_never_replaced(src, tmp_path, capsys):
    fifo = tmp_path / "管道.docx"
    os.mkfifo(fifo)
    null_link = tmp_path / "null.json"
    null_link.symlink_to("/dev/null")
    other = tmp_path / "另一个.json"
    other.write_text("别人的文件", encoding="utf-8")
    file_link = tmp_path / "链接.xlsx"
    file_link.symlink_to(other)
    folder = tmp_path / "文件夹.json"
    folder.mkdir()
    cases = [(fifo, "管道（FIFO）"), (null_link, "符号链接"), (file_link, "符号链接"),
             (folder, "文件夹")]
    for out, words in cases:
        before = _snapshot(out)
        refused(run(["convert", src, out, "--allow-errors"], tmp_path), words, out.name)
        assert main(["convert", str(src), str(out), "--allow-errors"]) == 2
        assert words in capsys.readouterr().err
        assert _snapshot(out) == before
    assert other.read_text(encoding="utf-8") == "别人的文件"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
    for device in ("/dev/null", "/dev/zero"):
        refused(run(["convert", src, device], tmp_path))      # no type to write it as
        refused(run(["db", "get", UNIT, "2024", device, "--db", tmp_path / "s.db"], tmp_path))
    for device in ("/dev/null", "/dev/zero"):    # what every writer goes through
        with pytest.raises(files.ReportFileError, match="一个设备"):
            files.atomic_write_bytes(Path(device), b"{}")
        assert stat.S_ISCHR(os.lstat(device).st_mode)


# ------------------------------------------------------------------ names too long

def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return 255


needs_255 = pytest.mark.skipif(os.name == "nt", reason="byte-counted names (Windows counts UTF-16)")


@needs_255
def test_names_too_long_get_a_chinese_message_everywhere(src, tmp_path):
    if _name_max(tmp_path) != 255:
        pytest.skip("the test's folder is not on a 255-byte-name file system")
    long = "长" * 84 + ".json"                      # 257 bytes in UTF-8
    refused(run(["convert", src, tmp_path / long], tmp_path), "太长（257 字节）", "最多 255 字节")
    refused(run(["convert", tmp_path / long, tmp_path / "o.json"], tmp_path), "无法读取", "太长")
    refused(run(["db", "list", "--db", tmp_path / ("长" * 84 + ".db")], tmp_path),
            "数据文件", "太长", "日志和备份文件")
    refused(run(["convert", src, tmp_path / ("夹" * 90) / "o.json"], tmp_path), "太长（270 字节）")
    for db in (tmp_path / ("长" * 84 + ".db"), tmp_path / ("夹" * 90) / "x.db"):
        assert run(["check", src, "--db", db], tmp_path)[0] == 0   # the store is optional here
        refused(run(["merge", src, "-o", tmp_path / "m.json", "--unit", "某县人民政府", "--year",
                     "2024", "--from-db", "--db", db], tmp_path), "无法使用数据文件", "太长")
    merge = ["--unit", "某县人民政府", "--year", "2024", "--db", tmp_path / "s.db"]
    refused(run(["merge", src, "-o", tmp_path / long, *merge], tmp_path), "太长")
    code, err = run(["merge", src, tmp_path / long, "-o", tmp_path / "m.json", *merge,
                     "--skip-unreadable"], tmp_path)
    assert code == 0 and "太长" in err, err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@needs_255
@pytest.mark.parametrize("ext", [".json", ".xlsx", ".docx", ".html"])
def test_the_longest_legal_name_is_written_whatever_the_temp_name(src, tmp_path, ext):
    if _name_max(tmp_path) != 255:
        pytest.skip("the test's folder is not on a 255-byte-name file system")
    name = "长" * ((255 - len(ext)) // 3) + "x" * ((255 - len(ext)) % 3) + ext
    assert len(os.fsencode(name)) == 255
    assert main(["convert", str(src), str(tmp_path / name), "--allow-errors"]) == 0
    assert formats.read(tmp_path / name).unit == UNIT
    assert main(["convert", str(src), str(tmp_path / name), "--allow-errors"]) == 0   # replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([src.name, name])


@needs_255
def test_a_data_file_name_leaves_room_for_its_journal_and_backups(src, tmp_path):
    """The longest data file name accepted still gets its journal and every backup kind."""
    if _name_max(tmp_path) != 255:
        pytest.skip("the test's folder is not on a 255-byte-name file system")
    from report_desktop.core.store.paths import STEM_ROOM
    from report_desktop.services import reports as report_service
    stem = "x" * (255 - STEM_ROOM)
    db = tmp_path / f"{stem}.sqlite3"
    assert main(["db", "add", str(src), "--db", str(db)]) == 0
    with Store(db) as store:          # a replace makes a before-change backup
        report_service.put(store, jsonio.read(src))
    names = [p.name for p in (tmp_path / "backups").iterdir()]
    assert any("before-change" in n for n in names) and not any(n.endswith(".part") for n in names)
    with pytest.raises(Exception, match="太长"):
        Store(tmp_path / f"{stem}x.sqlite3")


def test_a_nul_in_a_file_name_is_told_not_raised(src, tmp_path, capsys):
    merge = ["--unit", "某县人民政府", "--year", "2024", "--db", str(tmp_path / "s.db")]
    for argv in (["convert", str(src), str(tmp_path / "o\x00.json")],
                 ["convert", str(tmp_path / "a\x00.json"), str(tmp_path / "o.json")],
                 ["check", str(src), "--previous", str(tmp_path / "a\x00.json")],
                 ["db", "list", "--db", str(tmp_path / "a\x00.db")],
                 ["merge", str(tmp_path / "a\x00.json"), "-o", str(tmp_path / "m.json"), *merge,
                  "--skip-unreadable"]):
        assert main(argv) == 2
        assert "空字符（U+0000）" in capsys.readouterr().err
