"""Word (.docx) export of a report in the 2021 format, laid out after GB/T 9704-2012.

``writer.write(report, path, fonts=...)`` is the entry point; ``writer.build`` returns
the python-docx ``Document`` without saving it (used by the tests and the benchmark).
No Qt here: the package runs headless.
"""
