"""Turning what a clerk types (or a file holds) into cell values, with Chinese reasons.

Counts are non-negative integers; amounts (万元) are exact decimals with up to four
places, kept as typed ("12.50" stays "12.50").  Full-width digits and separators are
normalised first, so "１，２３４" is 1234.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeGuard

from . import schema

MAX_DIGITS = 9          # a count or amount with more integer digits is a typo
MAX_DECIMALS = 4


@dataclass(frozen=True)
class Bad:
    """A value read from a file that is not usable; kept so nothing is lost."""
    raw: str
    reason: str

    def __str__(self) -> str:
        return self.raw


Value = int | Decimal | Bad | None   # None: a blank cell


class InputError(ValueError):
    """Input that cannot go into a cell; ``str()`` is a Chinese sentence."""


_SURROGATES = re.compile(r"[\ud800-\udfff]")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")
_PLAIN = re.compile(r"^\d+(\.\d*)?$|^\.\d+$")


def normalise(text: str) -> str:
    """Full-width → half-width, drop spaces; '１，２３４' → '1,234'."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("，", ",").replace("。", ".").replace("－", "-").replace("−", "-")
    return "".join(text.split())


def _reason(text: str, kind: str) -> str | None:
    """Why normalised text is not a number of this kind, or None if it is one."""
    if text in ("/", "／", "\\", "无", "空", "—", "——", "-", "--"):
        # "-" and "—" read as a minus sign; "/" and 无 as "did not happen".
        return "不能是负数" if text.strip("-—") == "" else "不是数字，没有发生的请填0"
    if text.startswith(("-", "—")):
        return "不能是负数"
    if text.startswith("+"):
        text = text[1:]
    if not (_PLAIN.match(text) or _GROUPED.match(text)):
        if re.search(r"[零一二两三四五六七八九十百千万亿]", text):
            return "请填写阿拉伯数字（如 12），不要用汉字数字"
        return "只能填写数字"
    integer, _, decimals = text.replace(",", "").partition(".")
    if kind == schema.COUNT and decimals.strip("0"):
        return "件数必须是整数，不能有小数"
    if len(integer.lstrip("0")) > MAX_DIGITS:
        return f"数字过大（超过{MAX_DIGITS}位），请检查是否多输了数字"
    if kind == schema.AMOUNT and len(decimals) > MAX_DECIMALS:
        return f"金额最多保留{MAX_DECIMALS}位小数"
    return None


def parse(text: str, kind: str, cell_name: str = "") -> int | Decimal | None:
    """Parse typed text for a cell of ``kind``; blank gives None.

    Raises InputError with a message that names the cell.
    """
    norm = normalise(text)
    if norm == "":
        return None
    reason = _reason(norm, kind)
    if reason:
        where = f"{cell_name}：" if cell_name else ""
        raise InputError(f"{where}“{text.strip()}”{reason}。")
    norm = norm.lstrip("+").replace(",", "")
    if kind == schema.COUNT:
        return int(Decimal(norm))
    if norm.startswith("."):
        norm = "0" + norm
    if norm.endswith("."):
        norm = norm[:-1]
    try:
        return Decimal(norm)
    except InvalidOperation:   # pragma: no cover - the regexes exclude this
        raise InputError(f"{cell_name}：“{text}”不是有效金额。") from None


def parse_cell(cell_id: str, text: str) -> int | Decimal | None:
    cell = schema.CELLS[cell_id]
    return parse(text, cell.kind, cell.name)


def from_file(raw: object, kind: str) -> Value:
    """A value as a JSON/Excel/Word file holds it; unusable input becomes Bad."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Bad(str(raw), "不是数字")
    if isinstance(raw, int):
        if raw < 0:
            return Bad(str(raw), "不能是负数")
        if len(str(raw)) > MAX_DIGITS:
            return Bad(str(raw), f"数字过大（超过{MAX_DIGITS}位）")
        return raw if kind == schema.COUNT else Decimal(raw)
    if isinstance(raw, float):
        raw = repr(raw)
    if isinstance(raw, Decimal):
        raw = str(raw)
    text = _SURROGATES.sub("\ufffd", str(raw))   # unprintable, unsavable: shown as �
    norm = normalise(text)
    if norm == "":
        return None
    reason = _reason(norm, kind)
    if reason:
        return Bad(text, reason)
    return parse(text, kind)


def to_text(value: Value) -> str:
    """How a value is shown in a cell and printed in a document."""
    if value is None:
        return ""
    if isinstance(value, Bad):
        return value.raw
    if isinstance(value, Decimal):
        return format(value, "f")   # never exponent notation ("1E+2")
    return str(value)


def cell_from_file(cell_id: str, raw: object) -> Value:
    """``from_file`` for the kind of a schema cell."""
    return from_file(raw, schema.CELLS[cell_id].kind)


def to_plain(value: Value) -> int | str | None:
    """The value as JSON and SQLite keep it: counts as int, amounts and unusable input
    as their exact text, blanks as None."""
    return to_text(value) if isinstance(value, (Bad, Decimal)) else value


def same(a: Value, b: Value) -> bool:
    """Equal as the clerk sees them: 12.50 is not 12.5, 0 is not blank."""
    return type(a) is type(b) and to_text(a) == to_text(b)


def is_number(value: Value) -> TypeGuard[int | Decimal]:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)
