"""Workbook shapes of the fidelity corpus: formulas with and without their saved result.

openpyxl writes formulas without a result (as some web exports do); a result is added to
the sheet XML where a shape needs one, as Excel saves it.
"""
from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
from openpyxl.utils import get_column_letter

import build
from report_desktop.core import layout, schema
from report_desktop.core.values import Bad

A = "applications."
HELPER_COL = 20     # helper numbers, right of every table
META = "基本信息"


def _workbook(rep):
    """A hand-made workbook: particulars and texts on the first sheet, one sheet per table
    at the official layout's positions (row 1: the section heading)."""
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 20, 9, 0, 0)
    ws = wb.active
    ws.title = META
    rows = [("单位名称", rep.unit), ("统计年度", rep.year), ("报告日期", "2025年1月20日")]
    for k, label in schema.TEXTS.items():
        for i, line in enumerate(rep.texts[k].split("\n")):
            rows.append((label if i == 0 else None, line))
    for r, (a, b) in enumerate(rows, 1):
        ws.cell(r, 1, a)
        ws.cell(r, 2, b)
    where = {}
    for s in schema.SECTIONS:
        if not s.table:
            continue
        sheet = wb.create_sheet(s.heading.split("、", 1)[1][:20])
        sheet.cell(1, 1, s.heading)
        for box in layout.table(s.table).boxes:
            r, c = box.row + 2, box.col + 1
            if box.cell_id:
                v = rep.cells[box.cell_id]
                sheet.cell(r, c, float(v) if not isinstance(v, int) else v)
                where[box.cell_id] = (sheet, r, c)
            else:
                sheet.cell(r, c, box.text)
            if box.rows > 1 or box.cols > 1:
                sheet.merge_cells(start_row=r, start_column=c, end_row=r + box.rows - 1,
                                  end_column=c + box.cols - 1)
    return wb, where


def _save(wb, results: dict[tuple[str, str], str] | None = None) -> bytes:
    """The workbook's bytes; ``results[(sheet part, "B5")]`` is written as the saved
    result of the formula in that cell."""
    out = io.BytesIO()
    wb.save(out)

    def fix(name: str, part: bytes) -> bytes:
        for (sheet_part, ref), value in (results or {}).items():
            if name == sheet_part:
                part = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)<v\s*/?>(?:</v>)?'.encode(),
                              lambda m: m.group(1) + m.group(2) + f"<v>{value}</v>".encode(), part)
        return part
    return build.normalised_zip(out.getvalue(), fix)


def _ref(where, cid) -> str:
    _, r, c = where[cid]
    return f"{get_column_letter(c)}{r}"


def plain():
    rep = build.base_report()
    wb, _ = _workbook(rep)
    return "plain.xlsx", _save(wb), rep, [], [], None


def cached():
    """Formulas Excel saved with their results: the results are read, whatever the
    formula (VLOOKUP included)."""
    rep = build.base_report()
    wb, where = _workbook(rep)
    results = {}
    for n, cid in enumerate((A + "new.natural_person", A + "granted.commercial", "active.licensing")):
        sheet, r, c = where[cid]
        sheet.cell(r, c, "=VLOOKUP(1,$T$1:$U$2,2,FALSE)" if n == 0 else f"={rep.cells[cid]}*1")
        part = f"xl/worksheets/sheet{wb.worksheets.index(sheet) + 1}.xml"
        results[part, _ref(where, cid)] = str(rep.cells[cid])
    return "formulas_cached.xlsx", _save(wb, results), rep, [], [], None


def uncached_simple():
    """Formulas without results that are plain arithmetic: computed, and said so."""
    rep = build.base_report()
    wb, where = _workbook(rep)
    v = rep.cells
    sheet, r, _ = where[A + "new.natural_person"]
    sheet.cell(r, HELPER_COL, v[A + "new.natural_person"] - 1)
    sheet.cell(r, HELPER_COL + 1, 1)
    helper = f"{get_column_letter(HELPER_COL)}{r}:{get_column_letter(HELPER_COL + 1)}{r}"
    formulas = {
        A + "new.natural_person": f"=SUM({helper})",
        A + "new.commercial": f"={v[A + 'new.commercial'] + 2}-2",
        A + "new.research": f"=SUM(2,{v[A + 'new.research'] - 2})",
        A + "granted.natural_person": f"={_ref(where, A + 'new.natural_person')}"
                                      f"{v[A + 'granted.natural_person'] - v[A + 'new.natural_person']:+d}",
        "active.fees_10k_yuan": "=1+0.25",
    }
    for cid, formula in formulas.items():
        s, rr, cc = where[cid]
        s.cell(rr, cc, formula)
    return "formulas_uncached_simple.xlsx", _save(wb), rep, ["已按公式算出", "已按公式算出"], [], None


def uncached_other():
    """Formulas without results that are not plain arithmetic: kept as the formula, the
    cell unusable and listed; a text formula of quoted pieces is joined."""
    rep = build.base_report()
    wb, where = _workbook(rep)
    for cid, formula in ((A + "new.legal_service", "=VLOOKUP(1,T1:U2,2,FALSE)"),
                         (A + "carried_over.research", "=B5*2"),
                         ("active.rules.made", "=表三!D5")):
        s, r, c = where[cid]
        s.cell(r, c, formula)
        rep.cells[cid] = Bad(formula, "")
    meta = wb[META]
    for row in meta.iter_rows():
        if row[1].value == "本年度未收取信息处理费。":
            row[1].value = '="本年度未收取"&"信息处理费。"'
        if row[1].value == "二是更新不够及时。":
            row[1].value = '=CONCATENATE("二是更新","不够及时。")'
    rep.texts["problems"] = '一是公开内容不够全面。\n=CONCATENATE("二是更新","不够及时。")'
    return "formulas_uncached_other.xlsx", _save(wb), rep, ["“基本信息”的B9公式没有计算结果", "“主动公开政府信息情况”的B4公式没有计算结果",
             "H5、F6公式没有计算结果"], [], None


def shapes():
    return [plain(), cached(), uncached_simple(), uncached_other()]
