"""The package's font parts: fontTable.xml and the theme name only the fonts we use.

python-docx's template declares Calibri, Cambria, Arial, Courier and the Japanese
ＭＳ 明朝/ＭＳ ゴシック; WPS asks for every missing font a file declares, so a clerk would
be prompted for fonts the report never uses.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from . import ooxml

from .font_sets import FontSet

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

# Word falls back to w:altName when a font is missing: the GB fonts to the Windows ones.
ALT_NAMES = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体",
             "宋体": "SimSun", "黑体": "SimHei", "仿宋": "FangSong", "楷体": "KaiTi"}


def font_table(doc: DocxDocument, fonts: FontSet) -> None:
    """Declare the Chinese fonts (GB2312 charset, fallback name) in fontTable.xml."""
    part = next((p for p in doc.part.related_parts.values()
                 if p.partname.endswith("/fontTable.xml")), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    used = (fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.table,
            fonts.page_number)
    # The template's Calibri, Cambria, Arial, Courier, ＭＳ 明朝…: WPS would ask for them.
    keep = {*used, ooxml.LATIN, "Symbol"}   # Symbol: the template's list bullets
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) not in keep:
            root.remove(font)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name in dict.fromkeys(used):
        if name in have:
            continue
        alt = ALT_NAMES.get(name)
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}">{alt_xml}<w:charset w:val="86"/>'
            '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",   # noqa: SLF001
                                standalone=True)


def theme(doc: DocxDocument, fonts: FontSet) -> None:
    """The theme's heading and body fonts: the Chinese fonts and Times New Roman only.

    Nothing we write refers to the theme, but a clerk who picks “+正文” in Word would get
    the template's Calibri/Cambria, and WPS asks for the missing fonts the theme lists
    (ＭＳ 明朝, ＭＳ ゴシック, 맑은 고딕…).  Every per-script entry but 'Hans' is dropped.
    """
    part = next((p for p in doc.part.related_parts.values()
                 if p.partname.endswith("/theme1.xml")), None)
    if part is None:
        return
    root: Any = parse_xml(part.blob)   # lxml's own xpath (namespaces=), not python-docx's
    ns = {"a": _DRAWINGML}
    for scheme, name in (("majorFont", fonts.heading1), ("minorFont", fonts.body)):
        for font_list in root.xpath(f".//a:fontScheme/a:{scheme}", namespaces=ns):
            for child in list(font_list):
                tag = etree.QName(child).localname
                if tag == "latin":
                    child.set("typeface", ooxml.LATIN)
                elif tag == "ea":
                    child.set("typeface", name)
                elif tag == "cs":
                    child.set("typeface", "")
                elif tag == "font" and child.get("script") == "Hans":
                    child.set("typeface", name)
                elif tag == "font":
                    font_list.remove(child)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",   # noqa: SLF001
                                standalone=True)


def theme_typefaces(blob: bytes) -> set[str]:
    """Every typeface a theme part names (for tests and checks)."""
    root = etree.fromstring(blob)
    return {el.get("typeface") for el in root.iter(f"{{{_DRAWINGML}}}*")
            if el.get("typeface")}


_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"
