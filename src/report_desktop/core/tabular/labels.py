"""Matching the labels of the official tables as people actually type them.

``key(text)`` folds the differences that do not change a label's meaning: spaces and
line breaks ("商业\\n企业"), full-/half-width forms (（）() ：: １), quotes, "其它" for
"其他", "1、" for "1.".  Variants that do change the printed label (docs/format.md
§6) are accepted through ``VARIANTS`` and reported as deviations by the caller.
"""
from __future__ import annotations

import re
import unicodedata

from .. import official, schema
from ..unitname import visible

_DROP = dict.fromkeys(map(ord, "“”‘’\"'「」『』"), None)
_ITEM_NUMBER = re.compile(r"^(\d{1,2})[、,，.．]")
_SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十])[、.．,]")


def key(text: object) -> str:
    """A label folded for comparison; '' for anything that is not text."""
    if not isinstance(text, str):
        return ""
    t = unicodedata.normalize("NFKC", visible(text))   # a zero-width space is no difference
    t = "".join(t.split()).translate(_DROP).replace("其它", "其他")
    t = _ITEM_NUMBER.sub(r"\1.", t)
    return _SECTION_NUMBER.sub(r"\1、", t)


def _without_note(label: str) -> str | None:
    """'（二）部分公开（区分处理的…）' → '（二）部分公开'; None when there is no note."""
    m = re.match(r"^(.+?)[（(][^（()）]*[）)]$", label)
    if m and len(m.group(1)) > 3:
        return m.group(1)
    return None


# label as printed in the 2021 format → variants seen in real reports (all deviations)
VARIANTS: dict[str, tuple[str, ...]] = dict(official.LABEL_VARIANTS)
for _row in schema.APPLICATION_ROWS:
    _short = _without_note(_row.label)
    if _short:
        VARIANTS[_row.label] = (_short,)


def candidates(label: str) -> list[tuple[str, str | None]]:
    """(folded key, variant text or None for the official label) to search for."""
    out: list[tuple[str, str | None]] = [(key(label), None)]
    out += [(key(v), v) for v in VARIANTS.get(label, ())]
    return out


TRIAL_2019_LABELS = official.TRIAL_LABELS
TRIAL_2019 = official.TRIAL_FORMAT
