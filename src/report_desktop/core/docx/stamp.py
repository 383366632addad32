"""The 定稿 stamp in a Word file's document properties (not on the page): written by the
exporter, read back by ``verify``.  Word shows 状态 (contentStatus) in the file's
properties; the hash and the version number are Dublin Core / OPC fields Word keeps."""
from __future__ import annotations

import zipfile
from pathlib import Path

from docx.document import Document
from lxml import etree

from ..final import HASH_NAME, Stamp
from ..safezip import open_package

CORE_PART = "docProps/core.xml"
_NS = {"dc": "http://purl.org/dc/elements/1.1/",
       "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
_PREFIX = f"{HASH_NAME}:"


def apply(doc: Document, stamp: Stamp) -> None:
    """Set the stamp on a python-docx Document's core properties."""
    props = doc.core_properties
    props.identifier = _PREFIX + stamp.hash
    props.version = str(stamp.version)
    props.content_status = stamp.label


def read(path: str | Path) -> Stamp | None:
    """The stamp of the Word file at ``path``, or None (none, or not one of ours).
    The package is checked as every import checks it (safezip: size, DTDs)."""
    _data, zf = open_package(Path(path), ".docx")
    with zf:
        try:
            raw = zf.read(CORE_PART)
        except (KeyError, zipfile.BadZipFile, OSError):
            return None
    try:
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    identifier = root.findtext("dc:identifier", default="", namespaces=_NS).strip()
    version = root.findtext("cp:version", default="", namespaces=_NS).strip()
    if not identifier.startswith(_PREFIX) or not version.isdigit():
        return None
    return Stamp(int(version), identifier[len(_PREFIX):])
