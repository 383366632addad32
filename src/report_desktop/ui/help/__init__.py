"""使用说明 (F1): the tasks of the year, each with a picture of the real window."""
