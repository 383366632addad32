"""The help's topics, in the order of the clerk's year.  Each picture is a PNG that
tools/screenshots.py --help-images takes from the real window (so it never shows an old
window); HELP_DIR holds them, committed with the code."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...core.schema import FORMAT_DOCUMENT

HELP_DIR = Path(__file__).resolve().parents[2] / "resources" / "help"


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    text: str            # HTML paragraphs
    image: str | None    # file name in HELP_DIR


TOPICS: tuple[Topic, ...] = (
    Topic("new", "新建报告", (
        "<p>第一次打开本程序时，在欢迎页输入单位名称、选择年度即可建立报告。以后用"
        "<b>文件 → 新建报告</b>（Ctrl+N）：填写单位全称、报告年度和单位层级，点“创建”。</p>"
        "<p>已有上一年报告的，用<b>从上一年创建</b>更省事（见“从上一年创建”）。"
        "别人报送的 Word、Excel 或 JSON 文件，用<b>文件 → 导入报告</b>（Ctrl+O）读入。</p>"),
        "new.png"),
    Topic("tables", "填写表格", (
        "<p>表二、表三、表四各在一个标签页中。选中单元格直接输入数字即可替换原内容；回车下移，"
        "Tab 右移，Shift+Tab 左移；F2 或双击修改；Delete 清空所选单元格。可输入全角数字。</p>"
        "<p>灰色单元格是合计，自动计算，不能填写；光标会跳过它们。可以从 Excel / WPS 表格中复制一块数字，"
        "选中本程序表格的左上角单元格粘贴。本年没有发生的事项，用<b>编辑 → 本表未发生的填0</b>"
        "一次填好。</p>"),
        "tables.png"),
    Topic("text", "撰写正文", (
        "<p>总体情况、存在的主要问题及改进情况、其他需要报告的事项等正文各在一个标签页中，"
        "直接输入或从 Word 粘贴。每段一行，（一）（二）……开头的小标题会按正式格式排版。</p>"
        "<p>编辑框下方提示本部分还缺什么。标点有误的地方标有下划线：右键单击可逐处修正，"
        "也可点“全部修正标点”，逐条确认后一起修改。</p>"),
        "text.png"),
    Topic("check", "检查", (
        "<p>每次修改后程序自动检查，结果列在窗口下方的“检查结果”中：<b>错误</b>（如各项之和与合计不符）"
        "导出正式文件前应改正；<b>提醒</b>请核对；<b>未填</b>的单元格单独列出。</p>"
        "<p>单击一项即转到相应的单元格或段落；F8 转到下一个问题，F5 重新检查整份报告。"
        "各标签页的名称旁也标出该页还有的问题。</p>"),
        "check.png"),
    Topic("export", "导出和打印", (
        f"<p><b>文件 → 导出 Word 文档</b>（Ctrl+E）按{FORMAT_DOCUMENT}的正式格式生成 Word 文档："
        "A4 纸、仿宋正文、黑体标题、合并单元格的表格和“— 1 —”式页码。还有错误时会先提示，"
        "可以改正后再导出，也可以仍然导出（文件标明“草稿”）。</p>"
        "<p>也可导出 Excel 工作簿（报送或汇总用）和 JSON 数据文件。<b>打印预览</b>（Ctrl+P）按同样的版式显示"
        "每一页，可直接打印；<b>打印</b>（Ctrl+Shift+P）选择打印机后打印。</p>"),
        "export.png"),
    Topic("rollover", "从上一年创建", (
        "<p>打开上一年的报告，用<b>文件 → 从上一年创建</b>（Ctrl+Shift+N）建立下一年的报告："
        "上年结转的申请数和现行有效的规章、规范性文件件数从上一年带入，其他数字留空待填；正文带入上一年的内容作为草稿，"
        "第一行标黄提示“以下为上年内容，请按本年实际修改”。</p>"
        "<p>逐段改成本年的实际情况后，删除标黄的提示行；提示行还在时，检查结果会提醒。</p>"),
        "rollover.png"),
    Topic("versions", "版本和备份", (
        "<p>所有修改自动保存，不需要点保存；Ctrl+Z 撤销，Ctrl+Y 重做。交稿前用"
        "<b>文件 → 保存为命名版本</b>留一个版本（如“送审稿”“定稿”），以后可用"
        "<b>文件 → 恢复版本</b>回到它；恢复前的内容也会自动留一个版本，不会丢失。</p>"
        "<p>程序每天自动备份数据文件。误删了报告，可用<b>文件 → 从备份中找回报告</b>。"
        "数据文件和备份在哪里，见<b>帮助 → 数据文件和日志位置</b>，那里可以打开文件夹或复制路径。</p>"),
        "versions.png"),
    Topic("summary", "汇总各单位报告", (
        "<p>县（区）政府办公室用<b>文件 → 汇总各单位报告</b>（Ctrl+M）把各单位的报告逐格相加，"
        "生成本级政府的汇总报告。可以选数据文件中的报告，也可以添加各单位报送的 Word、Excel 文件。</p>"
        "<p>对话框同时列出各单位报告中的错误、无法读取的文件和还没有报送的单位，"
        "便于在汇总前请有关单位改正。</p>"),
        "summary.png"),
    Topic("web", "网上公开", (
        "<p>报告定稿后在政府网站的政府信息公开专栏公开。<b>文件 → 复制网页版</b>（Ctrl+Shift+C）"
        "把报告复制为网页格式，在网站后台编辑器中直接粘贴，表格的合并单元格保持原样；"
        "<b>文件 → 导出网页</b>保存为一个 .html 文件，供上传。</p>"
        "<p>别的单位已在网上公开的报告，可在浏览器中全选复制后用<b>文件 → 从网页粘贴</b>读入，"
        "或用<b>文件 → 导入网页</b>读入保存的网页文件。</p>"),
        None),
    Topic("deadlines", "答复期限", (
        "<p>报告带有依申请公开台账时，<b>检查 → 答复期限</b>按工作日列出超过法定期限答复和延期答复的申请"
        "（20 个工作日，延期再加 20 个；补正后重新计算，征求第三方意见的时间不计）。</p>"
        "<p>工作日按国务院办公厅公布的法定节假日和调休上班日计算；新一年的安排公布后，"
        "在<b>检查 → 工作日日历</b>中录入。</p>"),
        "deadlines.png"),
)

