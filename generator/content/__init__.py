"""Reading the content tree: record types, YAML with line numbers, records, CSV tables, settings, TERYT."""
