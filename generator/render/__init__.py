"""Records and derived data turned into page Markdown, charts, search index and open data (no I/O)."""
