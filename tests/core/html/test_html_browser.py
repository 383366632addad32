"""The web page in a real browser: Debian's Chromium, headless, at a desktop (1280 px) and a
phone (375 px) width.  Screenshots are taken; the rendered text (``innerText``, which follows
layout: cells by tabs, rows by lines) must hold every label and number in table order, the
page must not scroll sideways on a phone while 表三 and 表四 scroll inside their own boxes,
and the same must hold for the page after a CMS editor's allow-list sanitizer."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess

import nh3
import pytest

from report_desktop.core import layout, schema
from report_desktop.core.html import writer
from report_desktop.core.values import to_text

from tests.strategies import distinct

from tests.core.html.test_html import ALLOWED_ATTRS, ALLOWED_TAGS

pytestmark = pytest.mark.slow
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
# Reads each frame's layout and rendered text once it has loaded (only this test harness
# has a script; the page under test has none and forbids them).
PROBE = """<script>
window.onload = () => {
  const out = {};
  for (const f of document.querySelectorAll('iframe')) {
    const d = f.contentDocument, root = d.documentElement;
    out[f.id] = {
      page: [root.clientWidth, root.scrollWidth],
      article: d.body.firstElementChild.getBoundingClientRect().width,
      boxes: [...d.querySelectorAll('table')].map(t => [t.parentElement.clientWidth,
                                                       t.parentElement.scrollWidth]),
      tables: [...d.querySelectorAll('table')].map(t => t.innerText),
      text: d.body.innerText};
  }
  const pre = document.createElement('pre');
  pre.id = 'out';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
};
</script>"""


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (tools/install-debian-packages.sh)")
        pytest.skip("chromium not installed")
    return exe


def run_chromium(tmp_path, *args: str) -> str:
    res = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout



def expected_tokens(table_id: str, report) -> list[str]:
    """Caption, then every label and number of the official table, row by row."""
    boxes = sorted(layout.table(table_id).boxes, key=lambda b: (b.row, b.col))
    texts = [to_text(report.cells[b.cell_id]) if b.cell_id else b.text for b in boxes]
    caption = next(s.heading.split("、", 1)[1] for s in schema.SECTIONS if s.table == table_id)
    return [caption] + ["".join(t.split()) for t in texts if t]


def tokens(inner_text: str) -> list[str]:
    return ["".join(t.split()) for t in re.split(r"[\t\n]", inner_text) if t.strip()]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seed):
    """What Chromium renders of the page (phone and desktop) and of the sanitized page."""
    tmp = tmp_path_factory.mktemp("browser")
    rep = distinct(seed)
    page = writer.page(rep)
    cleaned = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>'
               f'<div>{nh3.clean(writer.body(rep), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS)}'
               "</div></body></html>")
    frames = [("phone", page, 375), ("desktop", page, 1280), ("cleaned", cleaned, 1280)]
    wrapper = tmp / "probe.html"
    wrapper.write_text("<!DOCTYPE html><html><body style='margin:0'>" + "".join(
        f'<iframe id="{name}" style="width:{w}px;height:900px;border:0" '
        f'srcdoc="{html.escape(doc)}"></iframe>' for name, doc, w in frames) + PROBE
        + "</body></html>", encoding="utf-8")
    dom = run_chromium(tmp, "--virtual-time-budget=10000", "--dump-dom", wrapper.as_uri())
    m = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    return rep, json.loads(html.unescape(m.group(1)))


@pytest.fixture(scope="module")
def seed():
    from report_desktop.core import jsonio

    from tests.conftest import SEED
    return jsonio.read(SEED)


@pytest.mark.parametrize("frame", ["phone", "desktop", "cleaned"])
def test_rendered_tables_read_back_every_label_and_number_in_order(rendered, frame):
    rep, out = rendered
    for table_id, text in zip(layout.TABLE_IDS, out[frame]["tables"], strict=True):
        assert tokens(text) == expected_tokens(table_id, rep), table_id


@pytest.mark.parametrize("frame", ["phone", "desktop", "cleaned"])
def test_rendered_text_has_title_headings_prose_and_signature_in_order(rendered, frame):
    rep, out = rendered
    lines = [ln.strip() for ln in out[frame]["text"].splitlines() if ln.strip()]
    wanted = [rep.title, rep.texts["preamble"]]
    for section in schema.SECTIONS:
        wanted.append(section.heading)
        if section.text:
            wanted += rep.texts[section.text].splitlines()
    wanted += [rep.unit, "2025年1月22日"]
    found = [ln for ln in lines if ln in wanted]
    assert found == wanted
    assert lines[-2:] == [rep.unit, "2025年1月22日"]


def test_on_a_phone_only_the_wide_tables_scroll_sideways(rendered):
    _rep, out = rendered
    phone = out["phone"]
    view, scroll = phone["page"]
    assert scroll <= view <= 375                          # the page itself never scrolls sideways
    (a_box, a_scroll), (b_box, b_scroll), (c_box, c_scroll) = phone["boxes"]
    assert a_scroll == a_box <= view                      # 表二 fits the phone
    assert b_scroll > b_box and c_scroll > c_box          # 表三、表四 scroll in their own box
    assert b_box <= view and c_box <= view


def test_on_a_desktop_the_page_is_capped_and_nothing_scrolls(rendered):
    _rep, out = rendered
    desktop = out["desktop"]
    assert desktop["page"][1] <= desktop["page"][0]
    assert desktop["article"] == float(writer.PAGE_MAX_WIDTH.removesuffix("px"))
    assert all(scroll == box for box, scroll in desktop["boxes"])


@pytest.mark.parametrize("width, height", [(1280, 2600), (375, 4200)])
def test_screenshots(seed, tmp_path, width, height):
    page = tmp_path / "报告.html"
    writer.write(seed, page)
    shot = tmp_path / f"shot-{width}.png"
    run_chromium(tmp_path, f"--window-size={width},{height}", f"--screenshot={shot}",
                 page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (width, height)
    from PySide6.QtGui import QImage
    image = QImage(str(shot))
    colours = {image.pixel(x, y) for y in range(0, height, 7) for x in range(0, width, 5)}
    assert len(colours) > 20                             # text and table rules, not a blank page
    keep = os.environ.get("REPORT_DESKTOP_SCREENSHOTS")  # to look at them: a folder to copy to
    if keep:
        shutil.copy(shot, os.path.join(keep, shot.name))
