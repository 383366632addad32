"""Formulas saved without their result (openpyxl and some web exports write them so).

Excel shows such a cell's result after computing it; the file holds only the formula.
Reading it as blank would make ``check`` ask for a number Excel shows.  The simple ones
are computed here, as Excel would: ``+``/``-`` and ``SUM`` of constants, cells and ranges
of the same sheet, and ``&`` of quoted text.  Anything else (other functions, other
sheets, ``*``, ``/``) is not guessed: the cell is kept as its formula, marked unusable with
``REASON``, and listed by address.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.utils import column_index_from_string, get_column_letter

from ..values import Bad

REASON = "公式没有计算结果，请用 Excel/WPS 打开并保存后再导入"
MAX_FORMULA_CHARS = 1000
MAX_RANGE_CELLS = 10_000
MAX_DEPTH = 50          # formulas referring to formulas, this deep
HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")

_TOKEN = re.compile(r"""\s*(?:
    (?P<str>"(?:[^"]|"")*")
  | (?P<range>\$?[A-Z]{1,3}\$?[0-9]{1,7}:\$?[A-Z]{1,3}\$?[0-9]{1,7})
  | (?P<ref>\$?[A-Z]{1,3}\$?[0-9]{1,7})(?![A-Z0-9(!])
  | (?P<num>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
  | (?P<sum>SUM\s*\()
  | (?P<op>[-+&(),])
)""", re.X | re.I)


Token = tuple[str, str]   # (kind: a group name of _TOKEN, its text)
_END: Token = ("", "")     # past the last token: no kind matches it


class Unsupported(Exception):
    """A formula this module does not compute."""


def _tokens(formula: str) -> list[Token]:
    text, at = formula.strip(), 0
    out: list[Token] = []
    while at < len(text):
        m = _TOKEN.match(text, at)
        # (each alternative of _TOKEN is a named group: a match has a lastgroup)
        if m is None or m.end() == at or m.lastgroup is None:
            if text[at:].strip():
                raise Unsupported(formula)
            break
        out.append((m.lastgroup, m.group(m.lastgroup)))
        at = m.end()
    return out


def _pos(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})", ref)
    if m is None:                  # callers pass what _TOKEN or a cell's r matched as one
        raise Unsupported(ref)
    return int(m.group(2)), column_index_from_string(m.group(1).upper())


class FormulaSheet:
    """Computes the uncached formulas of one sheet from its cached values."""

    def __init__(self, values: dict[tuple[int, int], object], formulas: dict[tuple[int, int], str]):
        self.values = values          # the data-only reading (blank cells absent)
        self.formulas = formulas      # position → formula text without its "=", uncached only
        self.done: dict[tuple[int, int], object] = {}
        self._busy: set[tuple[int, int]] = set()

    def value(self, pos: tuple[int, int], depth: int = 0) -> object:
        """The cell's value: cached, computed, or Unsupported raised."""
        if pos in self.done:
            return self.done[pos]
        if pos not in self.formulas:
            return self.values.get(pos)
        if pos in self._busy or depth > MAX_DEPTH:
            raise Unsupported("circular")
        self._busy.add(pos)
        try:
            result = self._evaluate(self.formulas[pos], depth)
        finally:
            self._busy.discard(pos)
        self.done[pos] = result
        return result

    def _evaluate(self, formula: str, depth: int) -> object:
        if len(formula) > MAX_FORMULA_CHARS:
            raise Unsupported(formula)
        tokens = _tokens(formula)
        if any(t == ("op", "&") for t in tokens) or tokens and tokens[0][0] == "str":
            return self._text(tokens)
        parser = _Parser(tokens, self, depth)
        result = parser.expr()
        if parser.at != len(tokens):
            raise Unsupported(formula)
        return int(result) if result == result.to_integral_value() and "." not in str(result) \
            else result

    @staticmethod
    def _text(tokens: list[Token]) -> str:
        """``"a"&"b"``: quoted text joined; nothing else."""
        out = []
        for i, (kind, tok) in enumerate(tokens):
            if i % 2 == 0 and kind == "str":
                out.append(tok[1:-1].replace('""', '"'))
            elif i % 2 == 1 and (kind, tok) == ("op", "&"):
                continue
            else:
                raise Unsupported("text")
        if len(tokens) % 2 == 0:
            raise Unsupported("text")
        return "".join(out)


class _Parser:
    def __init__(self, tokens: list[Token], sheet: FormulaSheet, depth: int):
        self.tokens, self.sheet, self.depth, self.at = tokens, sheet, depth, 0

    def _peek(self) -> Token:
        return self.tokens[self.at] if self.at < len(self.tokens) else _END

    def _take(self, kind: str, tok: str | None = None) -> str:
        k, t = self._peek()
        if k != kind or (tok is not None and t != tok):
            raise Unsupported("syntax")
        self.at += 1
        return t

    def expr(self) -> Decimal:
        total = self.term()
        while self._peek() in (("op", "+"), ("op", "-")):
            sign = self._take("op")
            total = total + self.term() if sign == "+" else total - self.term()
        return total

    def term(self) -> Decimal:
        sign = 1
        while self._peek() in (("op", "+"), ("op", "-")):
            sign = -sign if self._take("op") == "-" else sign
        return sign * self.primary()

    def primary(self) -> Decimal:
        kind, tok = self._peek()
        if kind == "num":
            self.at += 1
            return Decimal(tok)
        if kind == "ref":
            self.at += 1
            return self._number(self.sheet.value(_pos(tok), self.depth + 1), strict=True)
        if kind == "sum":
            self.at += 1
            total = Decimal(0)
            while True:
                total += self._argument()
                if self._peek() == ("op", ","):
                    self.at += 1
                    continue
                self._take("op", ")")
                return total
        if (kind, tok) == ("op", "("):
            self.at += 1
            value = self.expr()
            self._take("op", ")")
            return value
        raise Unsupported("syntax")

    def _argument(self) -> Decimal:
        kind, tok = self._peek()
        if kind == "range":
            self.at += 1
            (r1, c1), (r2, c2) = (_pos(p) for p in tok.split(":"))
            r1, r2, c1, c2 = min(r1, r2), max(r1, r2), min(c1, c2), max(c1, c2)
            if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_RANGE_CELLS:
                raise Unsupported("range")
            return sum((self._number(self.sheet.value((r, c), self.depth + 1), strict=False)
                        for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)), Decimal(0))
        if kind == "ref" and self.tokens[self.at + 1:self.at + 2] in ([("op", ",")], [("op", ")")]):
            self.at += 1     # SUM skips text in the cells it adds, as Excel does
            return self._number(self.sheet.value(_pos(tok), self.depth + 1), strict=False)
        return self.expr()

    @staticmethod
    def _number(value: object, strict: bool) -> Decimal:
        if value is None:
            return Decimal(0)
        if isinstance(value, bool) or isinstance(value, Bad):
            raise Unsupported("value")
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        if strict:          # "abc"+1 is #VALUE! in Excel
            try:
                return Decimal(str(value).strip())
            except InvalidOperation:
                raise Unsupported("value") from None
        return Decimal(0)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def uncached(sheet_xml: bytes) -> dict[tuple[int, int], str | None]:
    """Position → formula text ("=…") of every formula cell saved without its result;
    None for one this module never computes (an array formula).  The part was checked
    by safezip (no DTD, bounded size) before it comes here."""
    out: dict[tuple[int, int], str | None] = {}
    shared: dict[str, tuple[str, str]] = {}     # si → (master formula, master cell)
    row = col = 0
    parser = etree.iterparse(__import__("io").BytesIO(sheet_xml), events=("start", "end"),
                             resolve_entities=False, no_network=True, load_dtd=False)
    for event, el in parser:
        name = _local(el.tag)
        if event == "start":
            if name == "row":
                r = el.get("r")
                row, col = (int(r) if r and r.isdigit() else row + 1), 0
            elif name == "c":
                ref = el.get("r")
                col = _pos(ref)[1] if ref and re.fullmatch(r"[A-Za-z]{1,3}[0-9]{1,7}", ref) else col + 1
            continue
        if name != "c":
            if name == "row":
                el.clear()
            continue
        f = v = None
        for child in el:
            kind = _local(child.tag)
            if kind == "f":
                f = child
            elif kind == "v":
                v = child
        if f is not None:
            text = f.text or ""
            ref = f"{get_column_letter(col)}{row}"
            if f.get("t") == "shared" and f.get("si") is not None:
                if text:
                    shared[f.get("si")] = (text, ref)
                elif f.get("si") in shared:
                    master, origin = shared[f.get("si")]
                    try:
                        text = Translator("=" + master, origin).translate_formula(ref)[1:]
                    except (TranslatorError, ValueError, KeyError):
                        text = ""
            if v is None or not (v.text or "").strip() and el.get("t") != "str":
                out[row, col] = None if f.get("t") == "array" or not text else "=" + text
        el.clear()
    return out


def address(pos: tuple[int, int]) -> str:
    return f"{get_column_letter(pos[1])}{pos[0]}"
