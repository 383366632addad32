"""The interchange JSON of ``docs/interchange.md``: read and write one report."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from . import schema, textcheck, unitname
from .files import ReportFileError, atomic_write_bytes, read_text
from .register import codec as register_codec
from .report import YEARS, Report
from .textcheck import shown
from .values import cell_from_file, to_plain

MAX_JSON_BYTES = 20 * 1024 * 1024


def from_dict(data: object, source: str = "文件") -> Report:
    if not isinstance(data, dict):
        raise ReportFileError(f"{source}不是年报数据（应为一个 JSON 对象）。")
    fmt = data.get("format")
    if fmt != schema.FORMAT_ID:
        raise ReportFileError(
            f"{source}的格式标识为“{shown(fmt)}”，本程序只读取“{schema.FORMAT_ID}”"
            f"（{schema.FORMAT_DOCUMENT}格式）。")
    unit = data.get("unit")
    if not isinstance(unit, str) or not unitname.display(unit):
        raise ReportFileError(f"{source}缺少单位名称（unit）。")
    why = textcheck.problem(unit.strip(), name=True)
    if why:
        raise ReportFileError(f"{source}的单位名称（unit）“{shown(unit)}”{why}。")
    year = data.get("year")
    if isinstance(year, str) and year.strip().isascii() and year.strip().isdigit() \
            and len(year.strip()) <= 4:
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or year not in YEARS:
        raise ReportFileError(f"{source}的统计年度（year）“{shown(year)}”无效，"
                              "应为 2024 这样的四位年份。")
    rep = Report(unit=unit.strip(), year=year)
    date = data.get("report_date")
    if date not in (None, ""):
        try:
            rep.report_date = dt.date.fromisoformat(date if isinstance(date, str) else "?")
        except ValueError:
            raise ReportFileError(f"{source}的报告日期“{shown(date)}”无效，"
                                  "应为 2025-01-22 这样的格式。") from None
    deadline = data.get("local_deadline")
    if deadline not in (None, ""):
        why = textcheck.problem(deadline) if isinstance(deadline, str) else "应为文字"
        if why or len(deadline) > 40:
            raise ReportFileError(f"{source}的上级规定报送期限（local_deadline）“{shown(deadline)}”"
                                  f"{why or '过长'}。")
        rep.local_deadline = deadline.strip()
    published = data.get("published_date")
    if published not in (None, ""):
        try:
            rep.published_date = dt.date.fromisoformat(published if isinstance(published, str) else "?")
        except ValueError:
            raise ReportFileError(f"{source}的发布日期（published_date）“{shown(published)}”无效，"
                                  "应为 2025-01-22 这样的格式。") from None
    level = data.get("level")
    if level not in (None, "") and (not isinstance(level, str) or level not in schema.LEVELS):
        raise ReportFileError(f"{source}的单位层级（level）“{shown(level)}”无效，"
                              "应为 department、township 或 government。")
    rep.level = level or None
    texts = data.get("text") or {}
    if not isinstance(texts, dict):
        raise ReportFileError(f"{source}的 text 应为对象。")
    for key, title in schema.TEXTS.items():
        val = texts.get(key, "")
        rep.texts[key] = val if isinstance(val, str) else ""
        why = textcheck.problem(rep.texts[key])
        if why:
            raise ReportFileError(f"{source}的“{title}”（text.{key}）{why}。")
    _read_active(data.get("active"), rep)
    _read_applications(data.get("applications"), rep)
    _read_list(data.get("review_litigation"), schema.REVIEW_IDS, "表四（review_litigation）", rep)
    rep.register = register_codec.from_dict(data.get("register"), source)
    rep.recompute_totals(only_blank=True)
    return rep


def _put(rep: Report, cid: str, raw: object) -> None:
    rep.cells[cid] = cell_from_file(cid, raw)


def _read_list(raw, cids, where, rep: Report) -> None:
    if raw is None:
        rep.deviations.append(f"缺少{where}")
        return
    if not isinstance(raw, list) or len(raw) != len(cids):
        n = len(raw) if isinstance(raw, list) else "非列表"
        rep.deviations.append(f"{where}应有{len(cids)}个数，实际为{n}")
        if not isinstance(raw, list):
            return
    for cid, v in zip(cids, raw):
        _put(rep, cid, v)


def _read_active(raw, rep: Report) -> None:
    if not isinstance(raw, dict):
        rep.deviations.append("缺少表二（主动公开政府信息情况）")
        return
    for block in schema.ACTIVE_BLOCKS:
        for row in block.rows:
            where = f"表二“{row.label}”"
            if row.key not in raw:
                rep.deviations.append(f"缺少{where}")
            elif len(row.cells) > 1:
                _read_list(raw[row.key], row.cells, where, rep)
            else:
                _put(rep, row.cells[0], raw[row.key])
    known = {r.key for b in schema.ACTIVE_BLOCKS for r in b.rows}
    for extra in sorted(set(raw) - known):
        rep.deviations.append(f"表二含有格式之外的项目“{shown(extra)}”")


def _read_applications(raw, rep: Report) -> None:
    if not isinstance(raw, dict):
        rep.deviations.append("缺少表三（收到和处理政府信息公开申请情况）")
        return
    for row in schema.APPLICATION_ROWS:
        where = f"表三“{row.label}”行"
        cids = [schema.application_cell(row.key, c.key) for c in schema.APPLICATION_COLUMNS]
        if row.key not in raw:
            rep.deviations.append(f"缺少{where}")
        else:
            _read_list(raw[row.key], cids, where, rep)
    for extra in sorted(set(raw) - set(schema.APPLICATION_ROW_KEYS)):
        rep.deviations.append(f"表三含有格式之外的行“{shown(extra)}”（可能是2019年试行格式）")


def to_dict(rep: Report) -> dict:
    c = rep.cells
    active: dict = {}
    for block in schema.ACTIVE_BLOCKS:
        for row in block.rows:
            vals = [to_plain(c[cid]) for cid in row.cells]
            active[row.key] = vals if len(vals) > 1 else vals[0]
    data = {
        "format": schema.FORMAT_ID,
        "unit": rep.unit,
        "year": rep.year,
    }
    if rep.report_date:
        data["report_date"] = rep.report_date.isoformat()
    if rep.level:
        data["level"] = rep.level
    if rep.local_deadline:
        data["local_deadline"] = rep.local_deadline
    if rep.published_date:
        data["published_date"] = rep.published_date.isoformat()
    data["text"] = {k: rep.texts.get(k, "") for k in schema.TEXTS}
    data["active"] = active
    data["applications"] = {
        row.key: [to_plain(v) for v in rep.row(row.key)] for row in schema.APPLICATION_ROWS}
    data["review_litigation"] = [to_plain(c[cid]) for cid in schema.REVIEW_IDS]
    if rep.register is not None:
        data["register"] = register_codec.to_dict(rep.register)
    return data


def dumps(rep: Report) -> str:
    return json.dumps(to_dict(rep), ensure_ascii=False, indent=1) + "\n"


def loads(text: str, source: str = "文件") -> Report:
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"{source}不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列"
                              f"有格式错误（{exc.msg}）。") from None
    except RecursionError:
        raise ReportFileError(f"{source}不是有效的 JSON：嵌套层数过多。") from None
    return from_dict(data, source)


def _integer(digits: str) -> int | Decimal:
    """A JSON integer; a very long one stays a Decimal (int() refuses over 4,300 digits,
    and it is a typo either way: the value check calls it too large)."""
    return int(digits) if len(digits) <= 100 else Decimal(digits)


def read(path: str | Path) -> Report:
    path = Path(path)
    source = f"文件“{path.name}”"
    return loads(read_text(path, MAX_JSON_BYTES, source), source)


def write(rep: Report, path: str | Path) -> None:
    atomic_write_bytes(Path(path), dumps(rep).encode("utf-8"))
