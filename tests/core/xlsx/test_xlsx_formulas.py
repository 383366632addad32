"""Formulas saved without their result (core/xlsx/formulas.py): what Excel would show is
computed for + − SUM and & of quoted text, anything else is listed, never read as blank."""
from __future__ import annotations

from decimal import Decimal

import pytest

from report_desktop.core.xlsx import formulas

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _sheet(rows: str) -> bytes:
    return f'<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>'.encode()


def test_uncached_formulas_are_found_with_shared_ones_translated():
    xml = _sheet('<row r="2"><c r="A2"><v>5</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">A2+1</f>'
                 '<v></v></c></row><row r="3"><c r="A3"><v>7</v></c><c r="B3"><f t="shared" si="0"/></c>'
                 '<c r="C3"><f>A3*2</f><v>14</v></c><c r="D3" t="str"><f>""</f><v></v></c>'
                 '<c r="E3"><f t="array" ref="E3">SUM(A2:A3*2)</f></c></row>')
    assert formulas.uncached(xml) == {(2, 2): "=A2+1", (3, 2): "=A3+1", (3, 5): None}


def _value(values: dict, formula: str):
    sheet = formulas.FormulaSheet(values, {(99, 1): formula})
    return sheet.value((99, 1))


@pytest.mark.parametrize("formula, expected", [
    ("13", 13), ("10-3+2", 9), ("-2+5", 3), ("(1+2)-(3-4)", 4), ("A1+B1", 5),
    ("SUM(A1:B2)", 12), ("SUM(A1,B1,3)", 8), ("SUM(A1:A3)+C9", 6), ("1.25+0", Decimal("1.25")),
    ("$A$1+B$1", 5), ("SUM(A1:C1)", 5),       # SUM skips the text in C1, as Excel does
    ('"全年"&"共"&"办理"', "全年共办理"), ('"他说""好"""', '他说"好"'),
])
def test_simple_arithmetic_and_text_are_computed(formula, expected):
    values = {(1, 1): 2, (1, 2): 3, (1, 3): "说明", (2, 1): 4, (2, 2): Decimal(3), (3, 1): 0}
    got = _value(values, formula)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("formula", [
    "A1*2", "A1/2", "VLOOKUP(1,A1:B2,2,FALSE)", "表三!D5", "Sheet2!A1+1", "C1+1",
    'CONCATENATE("a","b")', '"a"&A1', "IF(A1>1,1,0)", "SUM(A1:XFD1048576)", "", "1+", "A1 B1",
])
def test_anything_else_is_not_guessed(formula):
    values = {(1, 1): 2, (1, 2): 3, (1, 3): "说明"}
    with pytest.raises(formulas.Unsupported):
        _value(values, formula)


def test_formulas_referring_to_formulas_and_circles():
    sheet = formulas.FormulaSheet({(1, 1): 1}, {(1, 2): "A1+1", (1, 3): "B1+1", (2, 1): "B2", (2, 2): "A2"})
    assert sheet.value((1, 3)) == 3
    with pytest.raises(formulas.Unsupported):
        sheet.value((2, 1))
