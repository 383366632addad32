"""``report-desktop tally 台账.xlsx -o 报告.json --unit 名称 --year 2025 [--cases …]
[--previous …] [--mapping …]``: 表三 and 表四 counted from the registers.

Exit codes: 0 every row counted; 1 some rows could not be classified (listed on stderr
with their row numbers and values; nothing is counted for them); 2 a file cannot be read."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import jsonio, textcheck
from ..core.files import ReportFileError
from ..core.register import APPLICATION, CASE
from ..core.register.columns import FIELD_TITLES, read_mapping, write_mapping
from ..core.rules import RULE_TITLES, SEVERITY_WORDS, validate
from ..services import registers
from .safety import year_arg

EXIT_OK, EXIT_UNCLASSIFIED = 0, 1


def add_parser(sub) -> None:
    t = sub.add_parser("tally", help="按依申请公开台账（和复议诉讼台账）统计表三、表四，写出报告 .json")
    t.add_argument("register", type=Path, metavar="台账",
                   help="依申请公开台账（.xlsx、.xls 或 .csv）")
    t.add_argument("-o", "--output", type=Path, required=True, help="写出的报告文件（.json）")
    t.add_argument("--unit", required=True, help="单位名称")
    t.add_argument("--year", type=year_arg, required=True, help="统计年度，如 2025")
    t.add_argument("--cases", type=Path, metavar="FILE", help="行政复议、行政诉讼案件台账")
    t.add_argument("--previous", type=Path, metavar="FILE",
                   help="上一年度的报告或台账，核对“上年结转”（H6）")
    t.add_argument("--mapping", type=Path, metavar="FILE",
                   help="列映射文件（.json）：存在时按它对应各列，不存在时把本次识别的对应关系写入它")


def run(args: argparse.Namespace) -> int:
    unit = args.unit.strip()
    why = textcheck.problem(unit, name=True) if unit else "不能为空"
    if why:
        raise ReportFileError(f"单位名称（--unit）“{textcheck.shown(args.unit)}”{why}。")
    if args.output.suffix.lower() != ".json":
        raise ReportFileError(f"输出文件“{args.output.name}”应为 .json 报告文件（可再用 convert 转为 Word 或 Excel）。")
    mapping = read_mapping(args.mapping) if args.mapping and args.mapping.exists() else {}
    apps = registers.read_register(args.register, APPLICATION, mapping.get(APPLICATION))
    cases = registers.read_register(args.cases, CASE, mapping.get(CASE)) if args.cases else None
    previous = registers.previous_report(args.previous, args.year, mapping.get(APPLICATION)) \
        if args.previous else None
    counted = registers.count(unit, args.year, apps, cases)
    jsonio.write(counted.report, args.output)
    if args.mapping and not args.mapping.exists():
        write_mapping([i.layout for i in (apps, cases) if i is not None], args.mapping)
        print(f"已保存列映射：{args.mapping}（下次导入同样格式的台账时用 --mapping 指定它）")
    for imp, what in ((apps, "申请"), (cases, "案件")):
        if imp is not None:
            titles = FIELD_TITLES[imp.layout.kind]
            cols = "、".join(f"“{imp.layout.headers[c]}”列为{titles[f]}"
                            for f, c in imp.layout.columns.items())
            print(f"{imp.layout.source}：读取{what} {len(imp.rows)} 条（工作表“{imp.layout.sheet}”，"
                  f"表头第 {'、'.join(map(str, imp.layout.header_rows))} 行；{cols}）")
    if previous is not None:
        for f in validate(counted.report, previous):
            if f.rule == "H6":
                print(f"[{SEVERITY_WORDS[f.severity]} {f.rule} {RULE_TITLES[f.rule]}] {f.message}")
    lines = counted.unclassified_lines()
    cells = counted.tally.cells
    print(f"已写出：{args.output}（{args.year}年本年新收 {cells['applications.new.total']} 件，"
          f"办结 {cells['applications.total.total']} 件，结转下年度 "
          f"{cells['applications.carry_forward.total']} 件）")
    if lines:
        print(f"有 {len(lines)} 处无法归类，相应的记录没有计入表三、表四，请在台账中改正或指定后重新统计：",
              file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
        return EXIT_UNCLASSIFIED
    return EXIT_OK
