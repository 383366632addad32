"""Hypothesis strategies: any valid report of the 2021 format."""
import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from report_desktop.core import schema
from report_desktop.core.report import Report

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
                max_size=60)

# A unit name: no control characters (refused with the field named) nor surrogates.
_name_chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))


@st.composite
def reports(draw):
    rep = Report.blank(draw(st.text(_name_chars, min_size=1, max_size=20).filter(str.strip)).strip(),
                       draw(st.integers(2019, 2100)),
                       draw(st.sampled_from([None, *schema.LEVELS])))
    rep.report_date = draw(st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2101, 12, 31))))
    for key in schema.TEXTS:
        rep.texts[key] = draw(_text)
    for cid in schema.INPUT_IDS:
        if schema.CELLS[cid].kind == schema.AMOUNT:
            value = draw(st.decimals(min_value=0, max_value=Decimal("999999999.9999"), places=4,
                                     allow_nan=False, allow_infinity=False))
            rep.set(cid, value.normalize() if draw(st.booleans()) else value)
        else:
            rep.set(cid, draw(st.integers(0, 10 ** 6)))
    return rep


def distinct(report):
    """A copy of ``report`` where every cell holds a different number, so the order
    numbers are read back in (from a document or a rendered page) is checked."""
    rep = report.copy()
    for i, cid in enumerate(schema.CELL_IDS, start=1):
        kind = schema.CELLS[cid].kind
        rep.cells[cid] = Decimal(f"{i}.25") if kind == schema.AMOUNT else 100 + i
    return rep
