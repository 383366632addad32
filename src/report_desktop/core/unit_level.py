"""Which level (official.LEVELS) a unit's name suggests, for the clerk to confirm.

A township's report (乡镇（街道）) is written by a 镇/乡 or a 街道办事处, often under its
government's name (某某镇人民政府); the level's own government (本级人民政府) is named
…人民政府 or …县政府; everything else — bureaus, committees, and above all the
government's own 办公室, which publishes for itself — is a department.  Only the end of
the name counts: the unit is the last thing a Chinese name names (某某县人民政府办公室
is an office of the government, 某某县城乡建设局 a bureau)."""
from __future__ import annotations

from .official import Level

DEPARTMENT, TOWNSHIP, GOVERNMENT = Level.DEPARTMENT, Level.TOWNSHIP, Level.GOVERNMENT

# Name endings, tried in this order (longest first where one ends another).
_TOWNSHIP_ENDS = ("街道办事处", "街道办", "街道", "镇人民政府", "乡人民政府", "镇政府", "乡政府",
                  "镇", "乡")
_GOVERNMENT_ENDS = ("人民政府", "县政府", "市政府", "区政府", "旗政府", "州政府", "盟政府")
_BLANKS = " \t\u3000"


def suggest_level(unit: str) -> str | None:
    """The LEVELS key the unit's name suggests, or None for a blank name."""
    name = unit.strip(_BLANKS)
    if not name:
        return None
    if name.endswith(_TOWNSHIP_ENDS):
        return TOWNSHIP
    if name.endswith(_GOVERNMENT_ENDS):
        return GOVERNMENT
    return DEPARTMENT
