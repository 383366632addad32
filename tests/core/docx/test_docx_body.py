"""The Word writer's own paragraph and run appending (core.docx.body) makes exactly the
XML python-docx's add_paragraph/add_run make, in order, before the section properties,
also for a report far longer than any real one.  (Its speed is in benchmarks/bench_docx_lines.py.)"""
from __future__ import annotations

import io
import threading

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from report_desktop.core import formats
from report_desktop.core.docx import body, ooxml, writer
from report_desktop.core.docx.styles import HEADING1, SIGNATURE, TITLE

TEXTS = ["本年度主动公开政府信息 123 条。", "", " 前面有空格", "后面有空格 ", "\u3000全角空格\u3000",
         "\u2003em 空格", "制表\t符", "两行\n标题", "回车\r符", "末尾\t", "A&B <c> \"d\" 'e'",
         "\u00a0不间断空格", "x" * 3000]
STYLES = [None, TITLE.name, HEADING1.name, SIGNATURE.name]


def _template() -> bytes:
    return writer._template(writer.font_set("gb"))   # noqa: SLF001 - our styled empty document


def _body_xml(doc) -> bytes:
    return etree.tostring(doc.element.body)


def _python_docx(texts, style, size) -> bytes:
    doc = docx.Document(io.BytesIO(_template()))
    for text in texts:
        p = doc.add_paragraph(style=style)
        run = p.add_run(text)
        run._r.insert(0, ooxml.new_rpr("仿宋_GB2312", ooxml.LATIN, size))
    return _body_xml(doc)


def _ours(texts, style, size) -> bytes:
    doc = docx.Document(io.BytesIO(_template()))
    for text in texts:
        body.add_run(body.add_paragraph(doc, style=style), text, "仿宋_GB2312", ooxml.LATIN, size)
    return _body_xml(doc)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("size", [None, 22.0])
def test_paragraphs_and_runs_are_the_xml_python_docx_makes(style, size):
    assert _ours(TEXTS, style, size) == _python_docx(TEXTS, style, size)


def test_a_run_from_the_template_is_a_python_docx_run_that_can_be_changed():
    doc = docx.Document(io.BytesIO(_template()))
    first = body.add_run(body.add_paragraph(doc), "甲", "仿宋_GB2312")
    first.font.bold = True                        # changes this run, not the template
    second = body.add_run(body.add_paragraph(doc), "乙", "仿宋_GB2312")
    assert first.bold is True and second.bold is None
    assert [p.text for p in doc.paragraphs] == ["甲", "乙"]


def test_a_body_without_section_properties_gets_the_paragraph_at_its_end():
    doc = docx.Document(io.BytesIO(_template()))
    sect = doc.element.body.sectPr
    doc.element.body.remove(sect)
    body.add_paragraph(doc).add_run("末尾")
    assert doc.paragraphs[-1].text == "末尾"


def test_many_lines_stay_in_order_before_the_section_properties(seed, tmp_path):
    lines = [f"第{i}行：本年度主动公开政府信息。" for i in range(12_000)]
    seed.texts["overview"] = "\n".join(lines)
    out = tmp_path / "long.docx"
    writer.write(seed, out)
    doc = docx.Document(str(out))
    children = list(doc.element.body)
    assert children[-1].tag == qn("w:sectPr")
    texts = [p.text for p in doc.paragraphs]
    start = texts.index(lines[0])
    assert texts[start:start + len(lines)] == lines
    assert formats.read(out).texts["overview"] == seed.texts["overview"]   # and reads back


def test_two_threads_export_at_once(seed, tmp_path):
    """Run templates are per thread (lxml trees stay in the thread that made them)."""
    errors, outs = [], [tmp_path / f"t{i}.docx" for i in range(3)]

    def export(path):
        try:
            for _ in range(3):
                writer.write(seed, path)
        except Exception as exc:   # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
    threads = [threading.Thread(target=export, args=(p,)) for p in outs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({formats.read(p).texts["overview"] for p in outs}) == 1
