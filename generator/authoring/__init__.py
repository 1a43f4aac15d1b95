"""Tools for editors: new records, issue forms to records, committed guide files, importers."""
