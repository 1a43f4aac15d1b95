"""Site search: Polish text processing, the search index and the search page (issue 3)."""
