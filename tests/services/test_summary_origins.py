"""The errors a county's summary inherits from its units are named after them
(services.summary.origins / name_origins; issue 23 item 6), without Qt."""
from report_desktop.core import schema
from report_desktop.core.rules import validate
from report_desktop.core.summary import merge, unit_checks
from report_desktop.services import summary as service

NEW = schema.application_cell("new", "natural_person")


def _unit(seed, name, broken=False):
    rep = seed.copy()
    rep.unit = name
    if broken:
        rep.set(NEW, rep.cells[NEW] + 1)
    return rep


def test_only_the_units_with_the_same_error_are_named(seed):
    units = [_unit(seed, "甲镇", broken=True), _unit(seed, "乙镇"), _unit(seed, "丙镇", broken=True)]
    found = service.origins(unit_checks(units))
    total = merge(units, "某县人民政府", seed.year)
    named = service.name_origins(validate(total), found)
    h3 = [f for f in named if f.rule == "H3"]
    assert h3 and all(f.message.endswith("（甲镇、丙镇的报告中也有此错误）") for f in h3)
    assert all("乙镇" not in f.message for f in named)
    # kept with the report as text, and read back; anything else reads as nothing
    assert service.origins_from_text(service.origins_to_text(found)) == found
    for junk in (None, "", "[1]", "{", '{"H3|x": "甲镇"}'):
        assert service.name_origins(named, service.origins_from_text(junk)) == named
