"""The command line's arguments: verbs, options and argparse's messages in Chinese."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from .. import APP_NAME, __version__
from ..core import formats, schema
from .safety import year_arg


class UsageError(Exception):
    pass


# argparse's own messages, in the words a clerk reads.
_ARGPARSE_ZH = (
    (re.compile(r"the following arguments are required: (.*)"), r"缺少参数：\1"),
    (re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)"),
     r"“\2”不是可用的选项（可用：\3）"),
    (re.compile(r"argument (\S+): invalid int value: '([^']*)'"), r"参数 \1 应为整数，而不是“\2”"),
    (re.compile(r"unrecognized arguments: (.*)"), r"无法识别的参数：\1"),
    (re.compile(r"argument (\S+): expected one argument"), r"参数 \1 后面缺少值"),
    (re.compile(r"argument (\S+): (.*)", re.S), r"参数 \1：\2"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and a Chinese message for wrong usage."""

    def error(self, message: str):
        for pattern, zh in _ARGPARSE_ZH:
            if pattern.fullmatch(message):
                message = pattern.sub(zh, message)
                break
        raise UsageError(f"用法错误：{message}\n运行 report-desktop --help 查看用法。")


def _add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-errors", action="store_true",
                   help="报告仍有错误时也导出 Word 文档（默认拒绝）")
    p.add_argument("--fonts", choices=tuple(formats.WORD_FONTS), default=formats.DEFAULT_WORD_FONTS,
                   help="Word 文档的字体：" + "；".join(f"{k}＝{v}" for k, v in formats.WORD_FONTS.items()))


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                   help="数据文件路径（默认在用户数据文件夹中）")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="report-desktop", description=f"{APP_NAME}：政府信息公开工作年度报告（2021年格式）",
                add_help=True)
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _add_db(p)
    p.add_argument("--smoke", action="store_true",
                   help="自检：打开窗口、载入示例报告、导出 Word 文档后退出（用于检查安装是否完好）")
    sub = p.add_subparsers(dest="verb", parser_class=_Parser)

    c = sub.add_parser("check", help="检查一份报告，列出错误和提醒")
    c.add_argument("input", type=Path, help=f"报告文件（{formats.listed(formats.READERS)}）")
    c.add_argument("--previous", type=Path, help="上一年度的报告文件，用于跨年度检查")
    c.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    _add_db(c)

    v = sub.add_parser("convert", help="转换报告文件格式（按扩展名）")
    v.add_argument("input", type=Path, help=f"读取的报告文件（{formats.listed(formats.READERS)}）")
    v.add_argument("output", type=Path, help=f"写出的文件（{formats.listed(formats.WRITERS)}）")
    _add_export_options(v)
    _add_db(v)

    m = sub.add_parser("merge", help="汇总各单位的报告（逐格相加），生成本级汇总报告")
    m.add_argument("inputs", nargs="*", type=Path, metavar="IN",
                   help=f"各单位的报告文件（{formats.listed(formats.READERS)}）")
    m.add_argument("-o", "--output", type=Path, required=True,
                   help=f"汇总结果写到的文件（按扩展名：{formats.listed(formats.WRITERS)}）")
    m.add_argument("--unit", required=True, help="汇总报告的单位名称（本级）")
    m.add_argument("--year", type=year_arg, required=True, help="统计年度，如 2024")
    m.add_argument("--level", choices=tuple(schema.LEVELS), default=schema.Level.GOVERNMENT,
                   help="汇总报告的单位层级（默认 government，即本级人民政府）")
    m.add_argument("--from-db", action="store_true",
                   help="同时汇总数据文件中该年度的全部报告（本级自己的除外）")
    m.add_argument("--roster", type=Path, metavar="FILE",
                   help="应报单位名单（文本文件，UTF-8 或 GBK 编码，每行一个单位名称），列出未报送的单位")
    m.add_argument("--skip-unreadable", action="store_true",
                   help="有文件无法读取时跳过它们（列出文件名），汇总其余的报告（默认不生成汇总）")
    m.add_argument("--parent", type=Path, metavar="FILE",
                   help="本级已有的报告文件，与各单位合计逐格比对（默认取数据文件中的本级报告）")
    _add_export_options(m)
    _add_db(m)

    f = sub.add_parser("fix-punctuation", help="只修正正文中的标点（半角改全角、删除多余空格和重复标点），写到新文件")
    f.add_argument("input", type=Path, help=f"报告文件（{formats.listed(formats.READERS)}）")
    f.add_argument("output", type=Path, help=f"修正后写到的文件（按扩展名：{formats.listed(formats.WRITERS)}）")
    f.add_argument("--fonts", choices=tuple(formats.WORD_FONTS), default=formats.DEFAULT_WORD_FONTS,
                   help=argparse.SUPPRESS)

    d = sub.add_parser("db", help="管理数据文件中的报告")
    dsub = d.add_subparsers(dest="db_verb", parser_class=_Parser, required=True)
    _add_db(dsub.add_parser("list", help="列出所有报告"))
    a = dsub.add_parser("add", help="把报告文件加入数据文件（同单位同年度的将被替换）")
    a.add_argument("input", type=Path, help=f"报告文件（{formats.listed(formats.READERS)}）")
    _add_db(a)
    g = dsub.add_parser("get", help="从数据文件取出一份报告，写到文件")
    g.add_argument("unit")
    g.add_argument("year", type=year_arg)
    g.add_argument("output", type=Path, help=f"写出的文件（{formats.listed(formats.WRITERS)}）")
    g.add_argument("--final", action="store_true",
                   help="标记为定稿（送签发布的版本）：在数据文件中冻结为“定稿第N版”，"
                        "Word 文档和网页的文件属性中记录版本号和校验码；报告有错误时拒绝")
    _add_export_options(g)
    _add_db(g)

    k = sub.add_parser("verify", help="核对已发布的文件是否就是数据文件中的某个定稿（退出码 0 一致，1 不一致或不是定稿）")
    k.add_argument("input", type=Path, help=f"要核对的文件（{formats.listed(formats.READERS)}）")
    _add_db(k)
    return p
