"""The command line's arguments: verbs, options and argparse's messages in Chinese."""
from __future__ import annotations

import argparse
from pathlib import Path

from .. import APP_NAME, __version__
from ..core import formats, schema
from ..services.holder import WRITER_WAIT_S
from . import tally
from .argparse_zh import ChineseFormatter, ChineseParser
from .safety import wait_arg, year_arg


class UsageError(Exception):
    pass


class _Parser(ChineseParser):
    """argparse in Chinese (argparse_zh.py), with exit code 2 for wrong usage."""

    def error(self, message: str):
        raise UsageError(f"用法错误：{message}\n运行 report-desktop --help 查看用法。")


class _ListFormatter(ChineseFormatter):
    """Keeps the epilog's lines (the table of file kinds) as they are written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "".join(indent + line for line in text.splitlines(keepends=True))


def _add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-errors", action="store_true",
                   help="报告仍有错误时也导出 Word 文档（默认拒绝）")
    p.add_argument("--fonts", choices=tuple(formats.WORD_FONTS), default=formats.DEFAULT_WORD_FONTS,
                   help="Word 文档的字体：" + "；".join(f"{k}＝{v}" for k, v in formats.WORD_FONTS.items()))


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="路径", default=argparse.SUPPRESS,
                   help="数据文件路径（默认在用户数据文件夹中）")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="report-desktop", description=f"{APP_NAME}：政府信息公开工作年度报告（2021年格式）",
                add_help=True)
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _add_db(p)
    p.add_argument("--smoke", action="store_true",
                   help="自检：打开窗口、载入示例报告、导出 Word 文档后退出（用于检查安装是否完好）")
    sub = p.add_subparsers(dest="verb", parser_class=_Parser, title="命令", metavar="命令",
                           help="下列之一")

    c = sub.add_parser("check", help="检查一份报告，列出错误和提醒")
    c.add_argument("input", type=Path, metavar="输入", help=f"报告文件（{formats.listed(formats.READERS)}）")
    c.add_argument("--previous", type=Path, metavar="文件", help="上一年度的报告文件，用于跨年度检查")
    c.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    _add_db(c)

    v = sub.add_parser("convert", help="转换报告文件格式（按扩展名）", epilog=formats.help_lines(),
                       formatter_class=_ListFormatter)
    v.add_argument("input", type=Path, metavar="输入", help=f"读取的报告文件（{formats.listed(formats.READERS)}）")
    v.add_argument("output", type=Path, metavar="输出", help=f"写出的文件（{formats.listed(formats.WRITERS)}）")
    _add_export_options(v)
    _add_db(v)

    m = sub.add_parser("merge", help="汇总各单位的报告（逐格相加），生成本级汇总报告")
    m.add_argument("inputs", nargs="*", type=Path, metavar="输入",
                   help=f"各单位的报告文件（{formats.listed(formats.READERS)}）")
    m.add_argument("-o", "--output", type=Path, required=True, metavar="输出",
                   help=f"汇总结果写到的文件（按扩展名：{formats.listed(formats.WRITERS)}）")
    m.add_argument("--unit", required=True, metavar="单位名称", help="汇总报告的单位名称（本级）")
    m.add_argument("--year", type=year_arg, required=True, metavar="年度", help="统计年度，如 2024")
    m.add_argument("--level", choices=tuple(schema.LEVELS), default=schema.Level.GOVERNMENT,
                   help="汇总报告的单位层级（默认 government，即本级人民政府）")
    m.add_argument("--from-db", action="store_true",
                   help="同时汇总数据文件中该年度的全部报告（本级自己的除外）")
    m.add_argument("--roster", type=Path, metavar="文件",
                   help="应报单位名单（文本文件，UTF-8 或 GBK 编码，每行一个单位名称），列出未报送的单位")
    m.add_argument("--skip-unreadable", action="store_true",
                   help="有文件无法读取时跳过它们（列出文件名），汇总其余的报告（默认不生成汇总）")
    m.add_argument("--parent", type=Path, metavar="文件",
                   help="本级已有的报告文件，与各单位合计逐格比对（默认取数据文件中的本级报告）")
    _add_export_options(m)
    _add_db(m)

    f = sub.add_parser("fix-punctuation", help="只修正正文中的标点（半角改全角、删除多余空格和重复标点），写到新文件")
    f.add_argument("input", type=Path, metavar="输入", help=f"报告文件（{formats.listed(formats.READERS)}）")
    f.add_argument("output", type=Path, metavar="输出", help=f"修正后写到的文件（按扩展名：{formats.listed(formats.WRITERS)}）")
    f.add_argument("--fonts", choices=tuple(formats.WORD_FONTS), default=formats.DEFAULT_WORD_FONTS,
                   help=argparse.SUPPRESS)

    tally.add_parser(sub)

    d = sub.add_parser("db", help="管理数据文件中的报告")
    dsub = d.add_subparsers(dest="db_verb", parser_class=_Parser, required=True, title="命令",
                            metavar="命令", help="下列之一")
    _add_db(dsub.add_parser("list", help="列出所有报告"))
    a = dsub.add_parser("add", help="把报告文件加入数据文件（同单位同年度的将被替换）")
    a.add_argument("input", type=Path, metavar="输入", help=f"报告文件（{formats.listed(formats.READERS)}）")
    a.add_argument("--wait", type=wait_arg, default=WRITER_WAIT_S, metavar="秒",
                   help=f"数据文件正由窗口或另一个命令使用时最多等待的秒数（默认 {WRITER_WAIT_S}）")
    _add_db(a)
    g = dsub.add_parser("get", help="从数据文件取出一份报告，写到文件")
    g.add_argument("unit", metavar="单位名称", help="报告的单位名称")
    g.add_argument("year", type=year_arg, metavar="年度", help="统计年度，如 2024")
    g.add_argument("output", type=Path, metavar="输出", help=f"写出的文件（{formats.listed(formats.WRITERS)}）")
    g.add_argument("--final", action="store_true",
                   help="标记为定稿（送签发布的版本）：在数据文件中冻结为“定稿第N版”，"
                        "Word 文档和网页的文件属性中记录版本号和校验码；报告有错误时拒绝")
    _add_export_options(g)
    _add_db(g)

    k = sub.add_parser("verify", help="核对已发布的文件是否就是数据文件中的某个定稿（退出码 0 一致，1 不一致或不是定稿）")
    k.add_argument("input", type=Path, metavar="文件", help=f"要核对的文件（{formats.listed(formats.READERS)}）")
    _add_db(k)
    return p
