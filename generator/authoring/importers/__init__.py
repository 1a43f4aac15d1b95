"""`bdp import NAME`: importers that bring official data in with its source recorded.

Each importer module defines `HELP` (one Polish line), `configure(parser)` to add its arguments
and `run(args) -> int` (exit status). IMPORTERS maps the subcommand name to the module path.
"""
from __future__ import annotations

IMPORTERS: dict[str, str] = {
    "bdl": "generator.authoring.importers.bdl",
    "csv": "generator.authoring.importers.csvtable",
    "terc": "generator.authoring.importers.terc",
}
