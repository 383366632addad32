"""Parsing what a clerk types."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from report_desktop.core import schema
from report_desktop.core.values import Bad, InputError, from_file, parse, parse_cell

FULL = str.maketrans("0123456789,", "０１２３４５６７８９，")


@pytest.mark.parametrize("text, value", [
    ("12", 12), (" 12 ", 12), ("１２", 12), ("１，２３４", 1234), ("1,234", 1234),
    ("0", 0), ("007", 7), ("1,234,567", 1234567), ("\u300012\u3000", 12), ("", None),
])
def test_counts_accepted(text, value):
    assert parse(text, schema.COUNT) == value


@pytest.mark.parametrize("text, reason", [
    ("abc", "只能填写数字"), ("12a", "只能填写数字"), ("-3", "负数"), ("－３", "负数"),
    ("1.5", "整数"), ("１．５", "整数"), ("1234567890", "过大"), ("/", "填0"),
    ("十二", "阿拉伯数字"), ("1,23", "只能填写数字"),
])
def test_counts_refused_with_reason_naming_the_cell(text, reason):
    cell = "applications.new.natural_person"
    with pytest.raises(InputError) as exc:
        parse_cell(cell, text)
    assert reason in str(exc.value)
    assert schema.CELLS[cell].name in str(exc.value)


@pytest.mark.parametrize("text, value", [
    ("7730.28", "7730.28"), ("12.50", "12.50"), ("0", "0"), ("５９２３７．２４４９", "59237.2449"),
    ("1,234.5", "1234.5"), (".5", "0.5"),
])
def test_amounts_keep_the_typed_decimals(text, value):
    result = parse(text, schema.AMOUNT)
    assert isinstance(result, Decimal) and str(result) == value


@pytest.mark.parametrize("text", ["1.23456", "-1", "abc", "1234567890.1"])
def test_bad_amounts_refused(text):
    with pytest.raises(InputError):
        parse(text, schema.AMOUNT)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_any_count_parses_plain_grouped_and_full_width(n):
    assert parse(str(n), schema.COUNT) == n
    assert parse(f"{n:,}", schema.COUNT) == n
    assert parse(f"{n:,}".translate(FULL), schema.COUNT) == n


@given(st.text())
def test_parse_never_fails_with_anything_but_input_error(text):
    try:
        parse(text, schema.COUNT)
        parse(text, schema.AMOUNT)
    except InputError as exc:
        assert str(exc)


def test_file_values_keep_bad_input():
    assert from_file(3, schema.COUNT) == 3
    assert from_file(None, schema.COUNT) is None
    assert from_file("/", schema.COUNT) == Bad("/", "不是数字，没有发生的请填0")
    assert isinstance(from_file(-1, schema.COUNT), Bad)
    assert isinstance(from_file(True, schema.COUNT), Bad)
    assert isinstance(from_file(Decimal("1.5"), schema.COUNT), Bad)
    assert from_file(Decimal("7730.28"), schema.AMOUNT) == Decimal("7730.28")
