"""Names vulture (dead-code check, tests/test_dead_code.py) cannot see being used.

vulture only parses this file, it never runs.  Each name is here for a reason given beside
it; real dead code is deleted, not listed.  Regenerate candidates with
``python3 -m vulture --make-whitelist`` and keep only what a reason below covers.
"""
_ = object()

# Properties of python-docx objects: assigning one writes the document's XML.
_.page_width, _.page_height, _.top_margin, _.bottom_margin, _.left_margin, _.right_margin
_.header_distance, _.footer_distance, _.gutter, _.is_linked_to_previous
_.odd_and_even_pages_header_footer
_.base_style, _.quick_style, _.next_paragraph_style
_.line_spacing, _.line_spacing_rule, _.space_before, _.space_after, _.keep_with_next
_.widow_control, _.highlight_color, _.rgb, _.keepNext_val
_.author, _.last_modified_by, _.subject, _.comments, _.keywords, _.language, _.revision
_.content_status             # Word shows it as 状态 (core/docx/stamp.py: 定稿第N版)
_._blob                      # a package part's bytes, replaced (core/docx/styles.py)

# Properties of openpyxl objects: assigning one writes the workbook's XML.
_.calculation, _.creator, _.paperSize, _.orientation, _.fitToWidth, _.fitToHeight
_.fitToPage, _.horizontalCentered, _.print_title_rows, _.data_type, _.border, _.freeze_panes

# sqlite3.Connection.text_factory: how TEXT comes back (bytes from a file we do not trust).
_.text_factory

# Called by a library, not by us.
_.comment                    # lxml's parser target: one call per comment (core/html/parse.py)
_.__qualname__               # read by tracebacks and repr (core/formats.py's lazy readers)
__getattr__                  # module __getattr__ (PEP 562): ui/summary's lazy dialog

# Qt virtual methods and properties Qt calls or reads itself.
_.createEditor, _.setEditorData, _.setModelData, _.features   # QStyledItemDelegate
_.headerData                  # QAbstractItemModel (the 台账 and drill-down models)
_.filterAcceptsRow            # QSortFilterProxyModel (the 台账 filter)
_.mergeWith                  # QUndoCommand
_._split_lines               # argparse.HelpFormatter (cli/argparse_zh.py)

# Reached by name: formats.REGISTER_READERS imports the register readers on first use.
read_xlsx, read_xls, read_csv

# Read by the window tests (tests/ui/): state the clerk sees, exposed for checking it.
_.current_page, _.held, _.listening, _.diff_rows, _.full_text, _.idle, _.running, _.set_checked, _.tool, _.pages
# FileActions.export_word: a Word export without the 定稿 question (the window's 导出 Word is
# FinalActions.export_word); tests/ui/test_export_files.py and test_word_fonts.py write with it.
_.export_word
# The open 使用说明 and 数据文件和日志位置 dialogs (tests/ui/test_help.py, test_locations.py).
_.help, _.locations

# Read by the Word render and export tests: the grid they measure, the theme they inspect.
LINES_PER_PAGE
theme_typefaces

# register API the 台账 window uses (h20-ui): the window has landed and does not call these
# yet (tests do); the integrator decides whether the window takes them up or they go.
_.with_row, _.inserted, _.without_personal_data       # core/register/model.py: Register
field_names                                          # core/register/model.py
outcome_label                                        # core/register/fields.py
register_dialog_filter                               # core/formats.py: 导入台账's filter
