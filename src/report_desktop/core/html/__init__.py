"""The report as a web page for the government website, and reports read back from web pages."""
