"""What the program writes: the permissions a normal save gives, flushed to disk, one
Chinese line on a full disk; merge refuses a blank unit and sums over 9 digits first."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from report_desktop.cli.commands import main
from report_desktop.core import files, jsonio, summary

from tests.conftest import DATA

SEED = DATA / "shuozhou-2024.json"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("ext", [".json", ".xlsx", ".docx"])
def test_replacing_a_file_keeps_its_permissions(tmp_path, ext):
    for old in (0o644, 0o640, 0o664):
        out = tmp_path / f"out{ext}"
        out.write_bytes(b"old")
        out.chmod(old)
        assert main(["convert", str(SEED), str(out), "--allow-errors"]) == 0
        assert mode(out) == old and out.read_bytes() != b"old"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_a_new_file_gets_the_umask_default(tmp_path, umask):
    saved = os.umask(umask)
    try:
        out = tmp_path / "new.xlsx"
        assert main(["convert", str(SEED), str(out)]) == 0
    finally:
        os.umask(saved)
    assert mode(out) == 0o666 & ~umask


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name the fds")
def test_atomic_write_syncs_the_file_and_its_folder(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def spy(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)
    monkeypatch.setattr(os, "fsync", spy)
    files.atomic_write_bytes(tmp_path / "a.json", b"{}")
    assert len(synced) == 2
    assert Path(synced[0]).parent == tmp_path and synced[0].endswith(".tmp")
    assert Path(synced[1]) == tmp_path


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs user namespaces to mount a tiny tmpfs")
@pytest.mark.parametrize("ext", [".docx", ".xlsx", ".json"])
def test_a_full_disk_gives_one_chinese_line(tmp_path, ext):
    disk = tmp_path / "disk"
    disk.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    script = (f'mount -t tmpfs -o size=12k tmpfs "{disk}" && '
              f'head -c 6000 /dev/zero > "{disk}/filler" && '
              f'echo kept > "{disk}/out{ext}" && '
              f'"{sys.executable}" -m report_desktop convert "{SEED}" "{disk}/out{ext}" '
              '--allow-errors; code=$?; '
              f'cat "{disk}/out{ext}"; ls -a "{disk}"; exit $code')
    res = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, env=env,
                         timeout=120)
    err = res.stderr.decode("utf-8")
    assert res.returncode == 2, err
    assert err.strip().count("\n") == 0 and "磁盘已满" in err and f"out{ext}" in err
    assert "Exception ignored" not in err and "Traceback" not in err
    listing = res.stdout.decode("utf-8").split()
    assert listing[0] == "kept"                      # the old file is untouched
    assert not [n for n in listing if n.endswith(".tmp")]   # no temp file left


# --------------------------------------------------------------------------- merge

def _unit(tmp_path, name: str, licensing: int) -> Path:
    rep = jsonio.read(SEED)
    rep.unit = name
    rep.cells["active.licensing"] = licensing
    path = tmp_path / f"{name}.json"
    jsonio.write(rep, path)
    return path


@pytest.mark.parametrize("unit,words", [("", "不能为空"), ("   ", "不能为空"),
                                        ("某县\x01人民政府", "控制字符（U+0001）"),
                                        ("某县\n人民政府", "控制字符（U+000A）")])
def test_merge_refuses_a_blank_or_unprintable_unit_before_writing(capsys, tmp_path, unit, words):
    out = tmp_path / "sum.json"
    code = main(["merge", str(_unit(tmp_path, "甲镇", 1)), "-o", str(out), "--unit", unit,
                 "--year", "2024", "--db", str(tmp_path / "none.db")])
    err = capsys.readouterr().err
    assert code == 2 and words in err and "--unit" in err
    assert not out.exists()


def test_merge_refuses_sums_over_nine_digits_and_writes_the_largest_allowed(capsys, tmp_path):
    out = tmp_path / "sum.json"
    args = ["-o", str(out), "--unit", "某县人民政府", "--year", "2024", "--db", str(tmp_path / "n.db")]
    ok = [_unit(tmp_path, "甲镇", 499_999_999), _unit(tmp_path, "乙镇", 500_000_000)]
    assert main(["merge", *map(str, ok), *args]) == 0
    assert jsonio.read(out).cells["active.licensing"] == 999_999_999      # 9 digits: fine
    out.unlink()
    over = [_unit(tmp_path, "甲镇", 500_000_000), _unit(tmp_path, "乙镇", 500_000_000)]
    capsys.readouterr()
    assert main(["merge", *map(str, over), *args]) == 2
    err = capsys.readouterr().err
    assert "1000000000" in err and "超过9位数字" in err and "行政许可" in err
    assert not out.exists()


def test_the_window_summary_does_not_total_over_nine_digits(tmp_path):
    from report_desktop.services import summary as gather
    paths = [_unit(tmp_path, "甲镇", 600_000_000), _unit(tmp_path, "乙镇", 600_000_000)]
    out = gather.gather(gather.Request("某县人民政府", 2024, [], paths, None), lambda *a: None, None)
    assert out.total is None and len(out.problems) == 1 and "超过9位数字" in out.problems[0]
    assert summary.total_problems(summary.merge(out.reports[:1])) == []


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
def test_control_characters_in_a_stored_unit_do_not_break_an_export(tmp_path, ext):
    """A unit typed before names were checked (or pasted into the window) still exports:
    the writers drop what XML cannot hold."""
    rep = jsonio.read(SEED)
    rep.unit = "朔州市\x01人民政府\x1f办公室"
    out = tmp_path / f"out{ext}"
    from report_desktop.core import formats
    formats.write(rep, out)
    assert formats.read(out).unit == "朔州市人民政府办公室"
