"""Every question the window can ask (ui/prompts.py's Prompts) has a scripted twin in
conftest.py's ScriptedPrompts, taking the same arguments: a dialog added to Prompts without
one would open for real in a window test and wait for a click that never comes."""
from __future__ import annotations

import inspect

from report_desktop.ui.prompts import Prompts


def questions(cls: type) -> dict:
    """The public methods of ``cls`` (and its bases): name → function."""
    return {name: member for name, member in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith("_")}


def _parameters(function) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def untwinned(real: type, scripted: type) -> list[str]:
    """What ``scripted`` leaves to ``real`` (a dialog that would open) or answers with other
    arguments than ``real`` takes (a call that would fail only in the tests)."""
    problems = []
    for name, function in questions(real).items():
        twin = getattr(scripted, name)
        if twin is function:
            problems.append(f"{name}: no scripted twin")
        elif _parameters(twin) != _parameters(function):
            problems.append(f"{name}: twin takes {_parameters(twin)}, Prompts {_parameters(function)}")
    return problems


def test_every_prompt_has_a_scripted_twin(prompts):
    scripted = type(prompts)
    assert issubclass(scripted, Prompts) and scripted is not Prompts
    assert {"info", "warn", "confirm", "save_path"} <= set(questions(Prompts))   # it sees them
    assert untwinned(Prompts, scripted) == [], (
        "add the method to ScriptedPrompts in tests/ui/conftest.py, answering from a list "
        "the test fills and recording what was shown")


def test_a_new_dialog_without_a_twin_is_found(prompts):
    """The check breaks as it should: Prompts grows a dialog and an argument while the
    scripted twins stay as they are."""

    class GrownPrompts(Prompts):
        def choose_colour(self, title: str) -> str | None:
            return None

        def confirm(self, title, text, detail=None, yes="确定", no="取消", remember=False):
            return True

    twins = {name: member for name, member in vars(type(prompts)).items() if not name.startswith("__")}
    scripted = type("Scripted", (GrownPrompts,), twins)   # conftest.py's twins, unchanged
    assert untwinned(GrownPrompts, scripted) == [
        "choose_colour: no scripted twin",
        f"confirm: twin takes {_parameters(scripted.confirm)}, "
        f"Prompts {_parameters(GrownPrompts.confirm)}"]
