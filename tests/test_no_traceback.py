"""No traceback from input, ever: hostile JSON documents and command lines end in exit
0, 1 or 2 with a Chinese message, in process (hypothesis) and as real processes."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_desktop.cli.commands import main
from report_desktop.core import jsonio

SEED = Path(__file__).parent / "data" / "shuozhou-2024.json"
HOLE = "\u0000HOLE"
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class Streams:
    """stdout/stderr as a real console has them: bytes underneath, UTF-8, strict."""

    def __init__(self):
        self.out, self.err = io.BytesIO(), io.BytesIO()

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout = io.TextIOWrapper(self.out, encoding="utf-8", errors="strict")
        sys.stderr = io.TextIOWrapper(self.err, encoding="utf-8", errors="strict")
        return self

    def __exit__(self, *exc):
        sys.stdout.flush()
        sys.stderr.flush()
        self.stdout = self.out.getvalue().decode("utf-8")
        self.stderr = self.err.getvalue().decode("utf-8")
        sys.stdout.detach()
        sys.stderr.detach()
        sys.stdout, sys.stderr = self.saved


def run(argv: list[str]) -> tuple[int, str, str]:
    with Streams() as s:
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:   # argparse's --help / --version
            code = exc.code
    return code, s.stdout, s.stderr


# --------------------------------------------------------------------------- JSON documents

_FIELDS = ["format", "unit", "year", "report_date", "level", "text", "text.preamble",
           "text.overview", "active", "active.licensing", "active.rules", "applications",
           "applications.new", "applications.new.0", "applications.carried_over.6",
           "review_litigation", "review_litigation.0", "extra"]

_SCALARS = st.one_of(
    st.sampled_from(["1" * 5000, "-" + "9" * 5000, "1e999", "-1e999", "NaN", "Infinity", "1.5e-400",
                     '"²⁰²⁴"', '"٢٠٢٤"', '"2024 "', '"\\ud800"', '"\\udfff甲"', '"甲\\u0001镇"',
                     '"\\u0000"', '"\\u2028"', '["government"]', '{"a": 1}', "[]", "{}", "null",
                     "true", "false", "-1", "0", "2024", "99999999999999999999", '"/"', '"１２"',
                     '"' + "长" * 20000 + '"', "[" * 50 + "]" * 50, '"2025-02-30"', '"2025-1-22"']),
    st.integers().map(str),
    st.text(max_size=30).map(lambda t: json.dumps(t, ensure_ascii=True)),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.lists(st.integers(-5, 10 ** 12), max_size=9).map(json.dumps),
)


def _document(field: str, raw: str) -> str:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    parts = field.split(".")
    target = data
    for p in parts[:-1]:
        target = target[int(p)] if isinstance(target, list) else target[p]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = HOLE
    else:
        target[last] = HOLE
    return json.dumps(data, ensure_ascii=False).replace(json.dumps(HOLE), raw)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return tmp_path


@SETTINGS
@given(field=st.sampled_from(_FIELDS), raw=_SCALARS, out=st.sampled_from([".json", ".xlsx", ".docx"]))
def test_any_json_document_ends_in_0_1_or_2_with_chinese(folder, field, raw, out):
    path = folder / "in.json"
    path.write_bytes(_document(field, raw).encode("utf-8", "surrogatepass"))
    code, stdout, stderr = run(["check", path, "--db", folder / "none.sqlite3"])
    assert code in (0, 1, 2)
    if code == 2:
        assert chinese(stderr) and "Traceback" not in stderr
    target = folder / f"out{out}"
    code, stdout, stderr = run(["convert", path, target, "--allow-errors"])
    assert code in (0, 2) and (code == 0 or chinese(stderr))
    if code == 0:   # what was written reads back
        assert run(["check", target, "--db", folder / "none.sqlite3"])[0] in (0, 1)
    code, _, stderr = run(["db", "add", path, "--db", folder / "store.sqlite3"])
    assert code in (0, 2) and (code == 0 or chinese(stderr))


# --------------------------------------------------------------------------- command lines

_WORDS = ["check", "convert", "merge", "db", "list", "add", "get", "--year", "--unit", "-o",
          "--format", "--roster", "--parent", "--from-db", "--skip-unreadable", "--fonts", "--level",
          "--previous", "--allow-errors", "--db", "json", "text", "gb", "2024", "1999", "",
          "   ", "99999999999999999999", "²⁰²⁴", "\udcff", "甲\x01镇", "甲镇", "-", "--",
          "a" * 5000, "/nonexistent/x.json", "government", "--help", "--cases", "--mapping"]


@SETTINGS
@given(verb=st.sampled_from(["check", "convert", "merge", "db", "tally"]),
       words=st.lists(st.one_of(st.sampled_from(_WORDS + ["SEED", "OUT", "FOLDER", "ROSTER"]),
                                st.text(max_size=12)), max_size=8))
def test_any_command_line_ends_in_0_1_or_2_with_chinese(folder, verb, words):
    roster = folder / "roster.txt"
    roster.write_bytes("甲镇\n".encode("gbk"))
    names = {"SEED": str(SEED), "OUT": str(folder / "o.json"), "FOLDER": str(folder),
             "ROSTER": str(roster)}
    argv = [verb, *(names.get(w, w) for w in words)]
    code, stdout, stderr = run(argv + ["--db", str(folder / "store.sqlite3")])
    assert code in (0, 1, 2)
    if code == 2:
        assert chinese(stderr) and "Traceback" not in stderr


# --------------------------------------------------------------------------- real processes

def _process(args, tmp_path, **kw):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "XDG_DATA_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "report_desktop", *map(str, args)],
                          capture_output=True, env=env, timeout=120, **kw)


def _json_with(tmp_path, field, raw) -> Path:
    p = tmp_path / "in.json"
    p.write_bytes(_document(field, raw).encode("utf-8", "surrogatepass"))
    return p


@pytest.mark.parametrize("field,raw,words", [
    ("applications.new.0", "1" * 5000, None),
    ("year", "1" * 5000, "统计年度"),
    ("year", '"²⁰²⁴"', "统计年度"),
    ("level", '["government"]', "单位层级"),
    ("unit", '"甲\\ud800镇"', "单位名称"),
    ("unit", '"甲\\u0001镇"', "单位名称（unit）"),
    ("text.preamble", '"前言\\udc80"', "引言"),
    ("active.licensing", '"\\ud800"', None),
    ("report_date", '{"y": 2025}', "报告日期"),
])
def test_the_reported_inputs_end_without_traceback(tmp_path, field, raw, words):
    path = _json_with(tmp_path, field, raw)
    for args in (["check", path, "--db", tmp_path / "s.db"],
                 ["convert", path, tmp_path / "o.xlsx", "--allow-errors"],
                 ["db", "add", path, "--db", tmp_path / "s.db"]):
        res = _process(args, tmp_path)
        err = res.stderr.decode("utf-8")
        assert res.returncode in (0, 1, 2) and "Traceback" not in err, err
        if words:
            assert res.returncode == 2 and words in err, err


def test_huge_year_with_a_store_is_a_usage_error(tmp_path, seed):
    store = tmp_path / "s.db"
    assert main(["db", "add", str(SEED), "--db", str(store)]) == 0
    for args in (["db", "get", "x", "99999999999999999999", tmp_path / "o.json", "--db", store],
                 ["merge", SEED, "-o", tmp_path / "m.json", "--unit", "某县", "--year",
                  "99999999999999999999", "--db", store]):
        res = _process(args, tmp_path)
        err = res.stderr.decode("utf-8")
        assert res.returncode == 2 and "统计年度" in err and "Traceback" not in err, err


def test_a_closed_pipe_ends_quietly(tmp_path, seed):
    store = tmp_path / "s.db"
    for n in range(30):
        seed.unit = f"第{n}个单位人民政府办公室"
        jsonio.write(seed, tmp_path / "u.json")
        assert main(["db", "add", str(tmp_path / "u.json"), "--db", str(store)]) == 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "report_desktop", "db", "list",
                             "--db", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    proc.stdout.close()     # what `| head -1` does once it has its line (here: at once)
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 0
    assert err == ""
