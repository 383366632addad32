"""argparse in Chinese: its own words (用法, 选项, 显示本帮助并退出, its error texts).

argparse looks every one of its texts up through the module's ``_``/``ngettext`` (the
gettext hook it offers); ``ChineseParser`` points them at WORDS while it builds, parses
or formats — and only then, so no other use of argparse in the process is affected.
Texts of newer Python versions are listed too; an unknown text stays as argparse has it.
"""
from __future__ import annotations

import argparse
import contextlib
import re
import threading
import unicodedata

WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",                # before Python 3.10
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可用的选项（可用：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "“%(value)s”不是可用的选项，是不是“%(closest)s”？（可用：%(choices)s）",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "后面缺少值",
    "expected at least one argument": "后面至少要有一个值",
    "expected at most one argument": "后面至多有一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "one of the arguments %s is required": "需要 %s 中的一个",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项 %s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令“%(parser_name)s”（可用：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
}
PLURALS = {"expected %s argument": "后面要有 %s 个值"}

_lock = threading.RLock()


def _gettext(text: str) -> str:
    return WORDS.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return PLURALS.get(singular, singular if n == 1 else plural)


@contextlib.contextmanager
def chinese():
    """argparse's texts in Chinese for the duration (re-entrant)."""
    with _lock:
        saved = argparse._, getattr(argparse, "ngettext", None)
        argparse._ = _gettext
        argparse.ngettext = _ngettext
        try:
            yield
        finally:
            argparse._ = saved[0]
            if saved[1] is not None:
                argparse.ngettext = saved[1]


def columns(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_TOKENS = re.compile(r"[\x21-\x7e]+|\s+|.")       # an ASCII word stays whole
_HEADING = re.compile(r"^(\S[^\n]*):$", re.M)
_ROW = re.compile(r"^( +\S.*?)( {2,})(\S.*)$")


class ChineseFormatter(argparse.HelpFormatter):
    """Lines wrapped and columns aligned by terminal columns, not characters; headings
    end in a Chinese colon."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _split_lines(self, text, width):
        lines, line = [], ""
        for token in _TOKENS.findall(" ".join(text.split())):
            if line and columns(line + token.rstrip()) > width:
                lines.append(line.rstrip())
                line = "" if token.isspace() else token
            else:
                line += token
        return lines + [line.rstrip()] if line.strip() else lines

    def format_help(self) -> str:
        out = []
        for line in _HEADING.sub(r"\1：", super().format_help()).split("\n"):
            row = _ROW.match(line)
            if row:                       # "  --db 路径      help": pad to the same column
                wide = columns(row.group(1)) - len(row.group(1))
                pad = len(row.group(2)) - wide
                if pad >= 2:
                    line = row.group(1) + " " * pad + row.group(3)
            out.append(line)
        return "\n".join(out)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose own texts are Chinese (its subparsers too, when given as
    ``parser_class``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseFormatter)
        with chinese():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs):
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", WORDS["show program's version number and exit"])
        with chinese():
            return super().add_argument(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        with chinese():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with chinese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return super().format_help()
