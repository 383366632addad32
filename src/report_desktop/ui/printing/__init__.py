"""打印 and 打印预览: the report laid out as the Word export lays it out (A4, GB/T 9704
margins, “— n —” under each page), drawn by Qt in process (no LibreOffice on clerks' PCs)."""
