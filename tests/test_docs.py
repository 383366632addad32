"""The repository stands alone: the format reference the code cites is in docs/, every
``docs/….md`` the code or the tests name exists, nothing points at a folder outside the
repository, and the reference covers what the code defines (rule ids, row and cell keys)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from report_desktop.core import schema
from report_desktop.core.rules import RULE_TITLES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCANNED = ("src", "tests", "installer", "benchmarks", "tools", ".ci", "README.md", "pyproject.toml")
# How the code used to cite references kept outside the repository.
OUTSIDE = re.compile(r"\.\./shared|shared/(?:format|notes|samples)|official-format\.md|toolchain notes"
                     r"|(?<!docs/)\binterchange\.md|(?<!docs/)\bregisters\.md")
CITED = re.compile(r"docs/([\w.-]+\.md)")


def _files():
    """The repository's own files (git's list, so build output such as the egg-info that
    `pip install -e` leaves in src/ with a copy of an older README is not read)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", *SCANNED],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return sorted(ROOT / line for line in listed.splitlines())
    except (OSError, subprocess.CalledProcessError):
        return sorted(f for name in SCANNED for f in ((ROOT / name).rglob("*")
                      if (ROOT / name).is_dir() else [ROOT / name])
                      if ".egg-info" not in f.as_posix())


def _texts():
    for f in _files():
        if f.is_file() and f.suffix in (".py", ".md", ".toml", ".lock", ".nsi", ".sh", "") \
                and "__pycache__" not in f.parts and f != Path(__file__):
            try:
                yield f, f.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue


def test_nothing_points_outside_the_repository():
    found = [(f.relative_to(ROOT).as_posix(), m.group(0))
             for f, text in _texts() for m in OUTSIDE.finditer(text)]
    assert found == []


def test_every_cited_page_exists():
    cited = {(f.relative_to(ROOT).as_posix(), m.group(1))
             for f, text in _texts() for m in CITED.finditer(text)}
    assert cited, "the code cites docs/"
    assert [c for c in cited if not (DOCS / c[1]).is_file()] == []
    links = {m for page in DOCS.glob("*.md")
             for m in re.findall(r"\]\(([\w.-]+\.md)\)", page.read_text(encoding="utf-8"))}
    assert [link for link in links if not (DOCS / link).is_file()] == []


def test_the_reference_covers_what_the_code_defines():
    rules = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule, title in RULE_TITLES.items():
        assert re.search(rf"^\| {rule} \| {re.escape(title)} \|", rules, re.M), rule
    reference = (DOCS / "format.md").read_text(encoding="utf-8") \
        + (DOCS / "interchange.md").read_text(encoding="utf-8")
    keys = set(schema.APPLICATION_ROW_KEYS) | {c.key for c in schema.APPLICATION_COLUMNS} \
        | {r.key for b in schema.ACTIVE_BLOCKS for r in b.rows} | set(schema.TEXTS) \
        | {b.key for b in schema.REVIEW_BLOCKS} | {p.key for p in schema.REVIEW_PARTS} \
        | {str(level) for level in schema.Level}
    words = set(re.findall(r"[a-z_0-9]+", reference))
    # Numbered rows are written as a range: `withheld_1` … `withheld_8`.
    last = {}
    for k in keys:
        m = re.fullmatch(r"(\w+?)_(\d)", k)
        if m:
            last[m.group(1)] = max(last.get(m.group(1), 0), int(m.group(2)))
    missing = [k for k in keys if k not in words and not (
        (m := re.fullmatch(r"(\w+?)_(\d)", k))
        and {f"{m.group(1)}_1", f"{m.group(1)}_{last[m.group(1)]}"} <= words)]
    assert missing == []
    for heading in (s.heading for s in schema.SECTIONS):
        assert heading in reference
