"""The sample's published text (data/shuozhou-2024-published.txt) as the web page it came
from: a CMS article whose tables lost every merge — each row's cells pushed to the left and
padded with empty cells at its end (the "| |||" in the text) — saved as GB2312, with the
site's menus, scripts and footer around it."""
from __future__ import annotations

from html import escape
from pathlib import Path

PUBLISHED = Path(__file__).parent / "data" / "shuozhou-2024-published.txt"
WIDTHS = {"二、": 4, "三、": 10, "四、": 15}     # columns of 表二、表三、表四
# The text kept only the first line of a wrapped header cell; the page had both lines.
WRAPPED = {"商业 企业": "商业<br>企业", "科研 机构": "科研<br>机构"}
PARTS = ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"]   # 表四, rows 2 and 3


def _cell(text: str, wrapped: dict) -> str:
    inner = wrapped.get(text, text if "<br>" in text else escape(text))
    return (f'<td width="60" valign="center" style="border:1px solid windowtext">'
            f'<p style="text-align:center"><span style="font-family:宋体;font-size:14px">'
            f"{inner}</span></p></td>")


def _rows(cells: list[str], width: int) -> list[list[str]]:
    rows, row = [], []
    for c in cells:
        row.append(c)
        if len(row) == width:
            rows.append(row)
            row = []
    if row:            # the text drops the last row's padding
        rows.append(row)
    return rows


def article(text: str | None = None, truncated: bool = False) -> str:
    """The article body: paragraphs, and each table as rows of left-pushed cells;
    ``truncated``: 表四's wrapped headers cut at their line break, as the text shows them."""
    lines = (text or PUBLISHED.read_text(encoding="utf-8")).splitlines()
    out, cells, width = [], [], 0

    def table():
        if cells:
            rows = _rows(cells, width)
            if width == 15 and not truncated:
                rows[1][:5] = PARTS
                rows[2][:10] = PARTS * 2
            body = "".join("<tr>" + "".join(_cell(c, WRAPPED) for c in row) + "</tr>"
                           for row in rows)
            out.append('<table border="1" cellspacing="0" cellpadding="0" width="100%">'
                       f"<tbody>{body}</tbody></table>")
            cells.clear()
    for line in lines:
        if "|" in line:
            cells += [c.strip() for c in line.split("|")[:-1]]
            continue
        table()
        width = next((w for k, w in WIDTHS.items() if line.startswith(k)), width)
        out.append(f'<p style="text-indent:2em;line-height:1.75em"><span style="font-size:16px">'
                   f"{escape(line)}</span></p>")
    table()
    return "\n".join(out)


def page(text: str | None = None, truncated: bool = False) -> str:
    return ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=gb2312"><title>朔州市人民政府办公室2024年政府信息公开工作年度报告_朔州市人民政府</title>'
            '<script src="/js/jquery.js"></script><script>document.write("统计代码")</script>'
            '<style>.nav{color:red}</style></head><body>'
            '<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | '
            '<a href="/zfxxgk/">政府信息公开</a></div>'
            '<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; '
            '朔州市人民政府办公室2024年政府信息公开工作年度报告</div>'
            '<h1 class="title">朔州市人民政府办公室2024年政府信息公开工作年度报告</h1>'
            '<div class="info">发布时间：2025-01-22 来源：市政府办公室 【字体：大 中 小】</div>'
            f'<div class="TRS_Editor">{article(text, truncated)}</div>'
            '<div class="footer"><p>主办：朔州市人民政府办公室 网站标识码：1406000001</p>'
            '<p>晋ICP备05001234号 晋公网安备 14060202000123号</p></div>'
            '<script>var _hmt=_hmt||[];</script></body></html>')


def write(path: Path, text: str | None = None) -> Path:
    path.write_bytes(page(text).encode("gb18030"))
    return path
