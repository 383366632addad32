"""core.unit_level.suggest_level: the level a unit's name suggests, with the near misses."""
import pytest

from report_desktop.core import schema
from report_desktop.core.unit_level import suggest_level


@pytest.mark.parametrize("unit, level", [
    # townships and 街道, under their own or their government's name
    ("某某县某某镇", "township"),
    ("某某县甲乡", "township"),
    ("某某县某某民族乡", "township"),
    ("某某县某某镇人民政府", "township"),
    ("某某县乙乡人民政府", "township"),
    ("某某区人民政府朝阳街道办事处", "township"),
    ("朝阳街道办事处", "township"),
    ("朝阳街道", "township"),
    ("  某某镇人民政府\u3000", "township"),
    # the level's own government
    ("某某县人民政府", "government"),
    ("朔州市人民政府", "government"),
    ("某某县政府", "government"),
    # near misses: offices of a government, bureaus whose names hold 乡/镇/街道/人民政府
    ("某某县人民政府办公室", "department"),
    ("某某县政府办公室", "department"),
    ("某某市人民政府办公厅", "department"),
    ("某某镇人民政府党政办公室", "department"),
    ("某某县城乡建设局", "department"),
    ("某某县乡村振兴局", "department"),
    ("某某县城镇管理局", "department"),
    ("某某街道社区卫生服务中心", "department"),
    ("某某区街道综合执法大队", "department"),
    ("某某县人民政府国有资产监督管理委员会", "department"),
    ("某某县教育局", "department"),
])
def test_suggested_level(unit, level):
    assert suggest_level(unit) == level
    assert level in schema.LEVELS


@pytest.mark.parametrize("blank", ["", "   ", "\u3000"])
def test_blank_name_suggests_nothing(blank):
    assert suggest_level(blank) is None
