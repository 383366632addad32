"""Item 8 of issue 23: the command line's help and usage errors are Chinese throughout,
argparse's own words included (real subprocesses, as a clerk or a script runs them)."""
import argparse
import re
import subprocess
import sys

import pytest

from report_desktop.cli.argparse_zh import columns
from report_desktop.cli.parser import build_parser
from report_desktop.core import formats

# Names a clerk types as they are: the program, verbs, option names and values, file
# types, and the proper names of products and encodings.
def _verbs(parser: argparse.ArgumentParser) -> set[str]:
    """Every verb the parser knows (db's too), so a new verb needs no edit here."""
    found: set[str] = set()
    for action in parser._actions:                      # noqa: SLF001 - argparse has no API
        if isinstance(action, argparse._SubParsersAction):   # noqa: SLF001
            for name, sub in action.choices.items():
                found |= {name} | _verbs(sub)
    return found


VERBS = "|".join(sorted(map(re.escape, _verbs(build_parser())), key=len, reverse=True))
# File types as formats.py lists them (reports and registers).
EXTENSIONS = "|".join(sorted({e.lstrip(".") for e in (*formats.READERS, *formats.WRITERS,
                                                      *formats.REGISTER_READERS)},
                             key=len, reverse=True))
NAMES = re.compile(rf"report-desktop|--?[a-z][a-z-]*|\{{[^}}]*\}}|\.(?:{EXTENSIONS})\b"
                   rf"|\b(?:{VERBS}|text|json|gb"
                   r"|windows|department|township|government|Word|Windows|WPS|Excel|UTF|GBK"
                   r"|BOM)\b|GB2312|GB18030")
ENGLISH = re.compile(r"[A-Za-z]{2,}")


def run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "report_desktop", *argv], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, env=None)


def english_in(text: str) -> list[str]:
    return ENGLISH.findall(NAMES.sub(" ", text))


@pytest.mark.parametrize("argv", [["--help"], ["convert", "--help"], ["merge", "--help"],
                                  ["check", "--help"], ["db", "--help"], ["db", "get", "--help"],
                                  ["fix-punctuation", "--help"], ["tally", "--help"],
                                  ["verify", "--help"]])
def test_help_is_chinese_throughout(argv):
    result = run(*argv)
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("用法：report-desktop")
    assert english_in(text) == [], text
    for english in ("usage", "positional arguments", "options:", "show this help"):
        assert english not in text
    assert "显示本帮助并退出" in text and "选项：" in text


@pytest.mark.parametrize("argv,words", [
    (["convert", "a.json"], "缺少参数：输出"),
    (["bogus"], "“bogus”不是可用的选项"),
    (["check", "--format", "xml", "a.json"], "“xml”不是可用的选项"),
    (["check", "a.json", "--surplus"], "无法识别的参数：--surplus"),
    (["check", "--previous"], "后面缺少值"),
    (["db"], "缺少参数：命令"),
])
def test_usage_errors_are_chinese(argv, words):
    result = run(*argv)
    assert result.returncode == 2
    assert words in result.stderr
    typed = result.stderr
    for arg in argv:                          # what she typed is quoted back as typed
        typed = typed.replace(f"“{arg}”", " ")
    assert english_in(typed) == [], result.stderr


def test_help_columns_line_up_with_chinese_option_values():
    text = build_parser()._subparsers._group_actions[0].choices["convert"].format_help()
    rows = [line for line in text.splitlines() if line.startswith("  --db") or
            line.startswith("  --allow-errors")]
    starts = {columns(re.match(r"^(\s+\S.*?\s{2,})\S", row).group(1)) for row in rows}
    assert len(starts) == 1, rows


def test_argparse_is_left_english_for_others():
    """Only our parsers speak Chinese: argparse itself is unchanged afterwards."""
    import argparse
    build_parser().format_help()
    assert "usage:" in argparse.ArgumentParser(prog="x").format_help()
