"""The `bdp` command: validate, build and serve the database (parser.py: the command line; commands.py:
what each command does; here: dispatch and the last line of defence against a traceback).

Exit statuses (EXIT_*): 0 done, no errors; 1 errors in the content; 2 usage (a wrong option, a missing
file); 3 an internal error of the program; 4 no permission to write (a read-only site/ or target
folder). Global options (--root, --quiet) are accepted before or after the command. Every text
argparse writes is in Polish (_Parser, _Formatter, polish_error).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from generator.cli.commands import COMMANDS, build_summary
from generator.cli.parser import (
    EXIT_CODES,
    EXIT_CONTENT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PERMISSION,
    EXIT_USAGE,
    PERMISSION_ERRNOS,
    build_parser,
    permission_message,
    polish_error,
    resolve_globals,
)

__all__ = ["EXIT_CODES", "EXIT_CONTENT", "EXIT_INTERNAL", "EXIT_OK", "EXIT_PERMISSION", "EXIT_USAGE", "build_summary",
           "main", "polish_error"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run `bdp` with these arguments (default: the command line); return the exit status."""
    parser = build_parser()
    args = resolve_globals(parser.parse_args(argv))
    if not args.root.is_dir():
        print(f"bdp: katalog „{args.root}” nie istnieje", file=sys.stderr)
        return 2
    args.root = args.root.resolve()  # once, here: MkDocs and the jury build resolve paths from other folders
    if args.command not in COMMANDS:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in PERMISSION_ERRNOS:
            print(permission_message(exc, args.command == "build"), file=sys.stderr)
            return EXIT_PERMISSION
        if os.environ.get("BDP_DEBUG"):
            raise
        print(f"bdp: błąd wewnętrzny programu (to nie jest błąd w treści rekordów): {type(exc).__name__}: {exc}\n"
              "Strona nie została zmieniona. Zgłoś ten komunikat opiekunom repozytorium (szczegóły: BDP_DEBUG=1).", file=sys.stderr)
        return EXIT_INTERNAL
