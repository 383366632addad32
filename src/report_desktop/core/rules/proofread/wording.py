"""P5: wording the format prescribes — 其他 not 其它, the 2021 format's document number,
the 条例's full name, no 2019 (试行) format wording."""
from __future__ import annotations

import re

from ... import official
from .slip import Slip

FORMAT_NUMBER = official.FORMAT_DOCUMENT
_DOC = re.compile(r"国办公开办函\s*(?P<o>[^\d\s])?\s*(?P<y>\d{4})\s*(?P<c>[^\d\s第])?\s*第?(?P<n>\d+)\s*号")
_FORMAT_NEAR = re.compile(r"年度报告格式[^\n]{0,60}$")
_FORMAT_AFTER = re.compile(r"[^\n。]{0,6}(?:编制|格式)")
_OLD_NAMES = re.compile(r"《(?:政府)?信息公开条例》")
_OLD_DECREE = re.compile(r"国务院令第\s*492\s*号")
# Labels only the 2019 trial format had (docs/format.md §6); 第二十条第（一）项 and
# 本年处理决定数量 are 2021 labels too and must stay silent.
# 政府集中采购 and 采购总金额 are ordinary words in prose as well.
_TRIAL = re.compile("|".join([r"年度报告格式[（(]试行[）)]"] + [
    re.escape(label).replace("（", "[（(]").replace("）", "[）)]")
    for label in official.TRIAL_LABELS if label not in ("政府集中采购", "采购总金额")]))


OTHER_WRONG, OTHER_RIGHT = "其它", "其他"


def other_slips(text: str) -> list[Slip]:
    """其它 for 其他 (the one P5 slip with a one-click fix, fixes.wording_edits)."""
    return [Slip("P5", m.start(), m.end(), f"“{OTHER_WRONG}”改为“{OTHER_RIGHT}”（格式统一用“其他”）")
            for m in re.finditer(OTHER_WRONG, text)]


def check(text: str) -> list[Slip]:
    out = other_slips(text)
    for m in _DOC.finditer(text):
        right = (m.group(0) == FORMAT_NUMBER)
        if right:
            continue
        y, n = m.group("y"), m.group("n")
        if (y, n) == ("2019", "60"):
            msg = f"引用的是2019年试行格式的文号，应为“{FORMAT_NUMBER}”"
        elif (y, n) == ("2021", "30"):
            msg = f"文号应写作“{FORMAT_NUMBER}”（年份用六角括号〔〕，不加空格）"
        elif (_FORMAT_NEAR.search(text, max(0, m.start() - 80), m.start())
              or _FORMAT_AFTER.match(text, m.end())):
            msg = f"年度报告格式的文号应为“{FORMAT_NUMBER}”"
        else:
            continue                      # another notice of the same office, cited on purpose
        out.append(Slip("P5", m.start(), m.end(), msg))
    out += [Slip("P5", m.start(), m.end(), f"条例名称写全：{official.REGULATION}")
            for m in _OLD_NAMES.finditer(text)]
    out += [Slip("P5", m.start(), m.end(), "条例已于2019年修订，应为国务院令第711号")
            for m in _OLD_DECREE.finditer(text)]
    out += [Slip("P5", m.start(), m.end(), f"“{m.group(0)}”是2019年试行格式的用语，按2021年格式改写")
            for m in _TRIAL.finditer(text)]
    return out
