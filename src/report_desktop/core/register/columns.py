"""Finding a register's header rows by their words and guessing which column holds which
field.  The guess is data (``Layout``): the window shows it with sample values, the clerk
corrects it, and it is remembered as a small JSON file keyed by the header texts."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema
from ..files import ReportFileError, atomic_write_bytes, read_text
from ..textcheck import shown
from .dates import NotADate, read_date
from .model import APPLICATION, APPLICATION_FIELDS, CASE, CASE_FIELDS
from .sources import Sheet
from .words import fold

# Header words per field, most specific first; a longer matching word wins a column.
APPLICATION_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("登记编号", "申请编号", "受理编号", "流水号", "编号", "序号"),
    "received": ("收到申请日期", "收到日期", "申请日期", "受理日期", "收件日期", "申请时间",
                 "登记日期", "接收日期", "收到时间"),
    "applicant_type": ("申请人类别", "申请人类型", "申请人身份", "申请人性质", "申请主体类型",
                       "申请主体", schema.APPLICANT_HEADER + "类别", "类别", "类型"),
    "principal_type": ("被代理人类别", "委托人类别", "委托人类型", "被代理人类型"),
    "applicant": ("申请人姓名", "申请人名称", "姓名/名称", "姓名", "申请人"),
    "request": ("申请内容", "申请公开内容", "所需信息", "申请事项", "申请信息", "信息名称",
                "内容描述", "所需政府信息"),
    "answered": ("答复日期", "办结日期", "答复时间", "办结时间", "回复日期", "告知日期",
                 "办理日期", "处理日期"),
    "outcome": ("办理结果", "答复结果", "处理结果", "办理情况", "答复情况", "处理情况",
                "答复意见", "答复类型", "结果"),
    "article": ("适用条款", "法律依据", "依据条款", "条款"),
    "extended": ("延期告知日期", "延期日期", "延期"),
    "correction_requested": ("补正告知日期", "补正通知日期", "告知补正日期"),
    "corrected": ("补正收到日期", "收到补正日期", "补正日期"),
    "consult_from": ("征求意见开始日期", "征求意见起始日期", "征求意见日期", "征求意见开始"),
    "consult_to": ("征求意见结束日期", "征求意见截止日期", "意见反馈日期", "征求意见结束"),
    "note": ("备注", "说明"),
}
CASE_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("案号", "案件编号", "编号", "序号"),
    "kind": ("案件类型", "案件类别", "类型", "类别"),
    "after_review": ("是否经复议", schema.REVIEW_BLOCKS[2].label, "是否复议"),
    "role": ("本机关角色", "本机关地位", "被告身份", "应诉身份", "本机关身份"),
    "filed": ("收案日期", "立案日期", "受理日期", "起诉日期", "申请日期", "收到日期"),
    "decided": ("决定/判决日期", "决定日期", "判决日期", "审结日期", "裁判日期", "结案日期"),
    "decision": ("决定/判决内容", "复议决定", "判决结果", "裁判结果", "审理结果", "决定内容",
                 "决定/判决", "结果"),
    "result": ("表四结果", "统计结果"),
    "application": ("关联申请", "申请登记编号", "关联申请编号"),
    "note": ("备注", "说明"),
}
WORDS = {APPLICATION: APPLICATION_WORDS, CASE: CASE_WORDS}
# How a mapped field is named to the clerk (the model's column titles, and the two fields
# that only the import reads).
FIELD_TITLES = {APPLICATION: {**APPLICATION_FIELDS, "principal_type": "被代理人类别",
                              "consult_from": "征求意见开始日期", "consult_to": "征求意见结束日期"},
                CASE: {**CASE_FIELDS, "role": "本机关角色"}}
# Without these a sheet is not that kind of register.
NEEDED = {APPLICATION: ("received", "outcome"), CASE: ("filed", "decision")}
HEADER_SCAN = 30     # header rows are looked for in the first rows of a sheet


@dataclass
class Layout:
    """Where a register sits in a file and which column holds which field."""
    kind: str
    sheet: str
    header_rows: tuple[int, ...]          # Excel row numbers of the header (one or two)
    headers: tuple[str, ...]              # the header text of every column
    columns: dict[str, int] = field(default_factory=dict)   # field → column index
    samples: dict[str, list[str]] = field(default_factory=dict)   # field → first values
    source: str = ""                      # the file's name, for messages

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1

    def mapping(self) -> dict[str, str]:
        """The mapping as remembered: field → header text, so the next file of the same
        layout (same headers, in any position) maps the same way."""
        return {f: self.headers[c] for f, c in self.columns.items()}


def _headers(rows: list[list], at: tuple[int, ...]) -> tuple[str, ...]:
    """Column titles of one or two header rows; a blank upper cell takes the text to its
    left (a merged title spread over the columns below it)."""
    width = max(len(rows[r]) for r in at)
    out = [""] * width
    for r in at:
        carry = ""
        for c in range(width):
            v = rows[r][c] if c < len(rows[r]) else None
            text = fold(v) if v is not None else ""
            if r != at[-1]:
                carry = text or carry
                text = carry
            out[c] += text if text not in out[c] else ""
    return tuple(out)


def _header_like(row: list) -> bool:
    """Only words: no numbers, no dates (a second header row, not the first data row)."""
    for v in row:
        if v is None:
            continue
        if not isinstance(v, str):
            return False
        try:
            if read_date(v) is not None:
                return False
        except NotADate:
            pass
    return True


def _matches(header: str, words) -> int:
    """The length of the longest word of ``words`` in ``header`` (0: none)."""
    return max((len(w) for w in words if w in header), default=0)


_FOLDED = {k: {f: tuple(fold(w) for w in ws) for f, ws in d.items()} for k, d in WORDS.items()}


def guess_columns(kind: str, headers: tuple[str, ...]) -> dict[str, int]:
    """Each field to the column whose header names it best; a column serves one field."""
    pairs = sorted(((_matches(h, ws), f, c) for f, ws in _FOLDED[kind].items()
                    for c, h in enumerate(headers) if h), reverse=True)
    columns: dict[str, int] = {}
    for score, f, c in pairs:
        if score and f not in columns and c not in columns.values():
            columns[f] = c
    order = list(WORDS[kind])
    return dict(sorted(columns.items(), key=lambda fc: order.index(fc[0])))


def find_layout(sheets: list[Sheet], kind: str, source: str) -> Layout:
    """The sheet and header rows that name the most fields of a ``kind`` register."""
    best: tuple[int, Layout] | None = None
    for sheet in sheets:
        rows = sheet.rows
        for r in range(min(HEADER_SCAN, len(rows))):
            for at in ((r,), (r, r + 1)):
                if at[-1] >= len(rows) or not any(v is not None for v in rows[at[-1]]):
                    continue
                if len(at) == 2 and not _header_like(rows[at[1]]):
                    continue      # a data row under the header, not its second row
                headers = _headers(rows, at)
                columns = guess_columns(kind, headers)
                score = len(columns) * 10 - len(at)
                if all(f in columns for f in NEEDED[kind]) and (best is None or score > best[0]):
                    best = (score, Layout(kind, sheet.name, tuple(x + 1 for x in at), headers, columns))
    if best is None:
        needed = "“收到日期”“办理结果”" if kind == APPLICATION else "“收案日期”“决定/判决”"
        what = "依申请公开台账" if kind == APPLICATION else "复议诉讼台账"
        raise ReportFileError(f"{source}不像是{what}：找不到写有{needed}等字样的表头行。"
                              "请确认选对了文件，或在表头中写明这些栏目。")
    layout = best[1]
    layout.samples = samples(sheets, layout)
    return layout


def samples(sheets: list[Sheet], layout: Layout, n: int = 3) -> dict[str, list[str]]:
    rows = next(s.rows for s in sheets if s.name == layout.sheet)[layout.first_data_row - 1:]
    out: dict[str, list[str]] = {f: [] for f in layout.columns}
    for row in rows:
        for f, c in layout.columns.items():
            if c < len(row) and row[c] is not None and len(out[f]) < n:
                v = row[c]
                out[f].append(v.date().isoformat() if isinstance(v, dt.datetime) else shown(v, 30))
        if all(len(v) >= n for v in out.values()):
            break
    return out


def apply_mapping(layout: Layout, remembered: dict[str, str], source: str) -> Layout:
    """``layout`` with the columns of a remembered mapping (field → header text)."""
    columns = {}
    for f, header in remembered.items():
        if f not in WORDS[layout.kind]:
            raise ReportFileError(f"映射文件中的“{shown(f)}”不是可用的字段"
                                  f"（可用：{'、'.join(WORDS[layout.kind])}）。")
        if fold(header) not in layout.headers:
            raise ReportFileError(f"{source}中找不到映射文件指定的“{shown(header)}”列"
                                  f"（{f}）：表头可能已改动，请更新映射文件。")
        columns[f] = layout.headers.index(fold(header))
    missing = [f for f in NEEDED[layout.kind] if f not in columns]
    if missing:
        raise ReportFileError(f"映射文件没有指定“{'”“'.join(missing)}”对应的列。")
    layout.columns = columns
    layout.samples = {}
    return layout


# A mapping file: {"application": {field: header text}, "case": {field: header text}}.
def read_mapping(path: str | Path) -> dict[str, dict[str, str]]:
    path = Path(path)
    source = f"映射文件“{path.name}”"
    try:
        data = json.loads(read_text(path, 1024 * 1024, source))
    except ValueError:
        raise ReportFileError(f"{source}不是有效的 JSON。") from None
    ok = isinstance(data, dict) and set(data) <= set(WORDS) and all(
        isinstance(m, dict) and all(isinstance(h, str) for h in m.values()) for m in data.values())
    if not ok:
        raise ReportFileError(f"{source}应为 {{\"application\": {{字段: 表头文字}}, "
                              f"\"case\": {{字段: 表头文字}}}} 的形式。")
    return data


def write_mapping(layouts: list[Layout], path: str | Path) -> None:
    data = {layout.kind: layout.mapping() for layout in layouts}
    atomic_write_bytes(Path(path), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
