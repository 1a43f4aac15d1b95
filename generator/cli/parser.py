"""The command line of `bdp`: the parser, its Polish help and errors, and the exit statuses.

Exit statuses (EXIT_*): 0 done, no errors; 1 errors in the content; 2 usage (a wrong option, a missing
file); 3 an internal error of the program; 4 no permission to write (a read-only site/ or target
folder). Global options (--root, --quiet) are accepted before or after the command. Every text
argparse writes is in Polish (_Parser, _Formatter, polish_error).
"""
from __future__ import annotations

import argparse
import difflib
import errno
import os
import re
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL, EXIT_PERMISSION = 0, 1, 2, 3, 4
EXIT_CODES = ("Kody wyjścia:\n  0 — bez błędów\n  1 — błędy w treści\n  2 — błędne wywołanie\n"
              "  3 — błąd wewnętrzny programu\n  4 — brak uprawnień do zapisu")

_TYPE_NAMES = {"int": "liczbą całkowitą", "float": "liczbą"}
# argparse's English error messages (Python 3.11–3.13) and their Polish versions.
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "argument {arg}: niedozwolona wartość {value} (do wyboru: {choices})"),
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "brak wymaganych argumentów: {args}"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "nieznane argumenty: {args}"),
    (re.compile(r"argument (?P<arg>.+?): expected one argument"), "argument {arg}: podaj jego wartość"),
    (re.compile(r"argument (?P<arg>.+?): expected at least one argument"), "argument {arg}: podaj co najmniej jedną wartość"),
    (re.compile(r"argument (?P<arg>.+?): invalid (?P<type>\w+) value: (?P<value>.+)"),
     "argument {arg}: {value} nie jest {type}"),
    (re.compile(r"one of the arguments (?P<args>.+) is required"), "podaj jeden z argumentów: {args}"),
    (re.compile(r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)"),
     "argument {arg} nie może wystąpić razem z {other}"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"),
     "niejednoznaczna opcja {option}: pasuje do {matches}"),
    (re.compile(r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)"), "argument {arg}: zbędna wartość {value}"),
]


def polish_error(message: str) -> str:
    """An argparse error message in Polish; a misspelt choice also gets the closest valid one."""
    for pattern, template in _ERRORS:
        found = pattern.fullmatch(message)
        if not found:
            continue
        parts = found.groupdict()
        if "type" in parts:
            parts["type"] = _TYPE_NAMES.get(parts["type"], "poprawną wartością")
        text = template.format(**parts)
        if "choices" in parts:
            choices = [c.strip(" '") for c in parts["choices"].split(",")]
            close = difflib.get_close_matches(parts["value"].strip("'"), choices, n=1)
            if close:
                text += f"; czy chodziło o „{close[0]}”?"
        return text
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "użycie: " if prefix is None else prefix)


# EXIT_PERMISSION: no permission to write a file or folder (read-only site/, target folder or file system)
PERMISSION_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


def permission_message(exc: OSError, building: bool) -> str:
    """Polish text for a write refused by the system: which path, and how to fix it."""
    path = exc.filename or "?"
    why = "system plików jest tylko do odczytu" if exc.errno == errno.EROFS else "brak uprawnień do zapisu"
    return (f"bdp: nie można zapisać w „{path}”: {why}.\n"
            f"Nadaj prawo zapisu (np. chmod -R u+w „{path}”) albo uruchom polecenie jako właściciel tego katalogu."
            + (" Poprzednia wersja strony została bez zmian." if building else ""))


class _Parser(argparse.ArgumentParser):
    """argparse with Polish help and errors: own -h/--help, Polish section titles and usage line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenty"
        self._optionals.title = "opcje"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="pokaż tę pomoc i zakończ")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"bdp: błąd wywołania: {polish_error(message)}\nPomoc: {self.prog} --help\n")
        raise SystemExit(EXIT_USAGE)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("baza-dobrych-praktyk")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "nieznana (pakiet nie jest zainstalowany)"


def _global_options() -> argparse.ArgumentParser:
    """--root and --quiet, given to the main parser and to every command, so they may stand before or
    after it; SUPPRESS keeps a command's parser from overwriting a value given before the command."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar="KATALOG",
                         help="katalog z treścią bazy (domyślnie bieżący); względny — od bieżącego katalogu")
    options.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                         help="nie wypisuj postępu (sprawdzania i budowania) na stderr")
    return options


def resolve_globals(args: argparse.Namespace) -> argparse.Namespace:
    """Fill the global options that were given neither before nor after the command."""
    args.root = getattr(args, "root", Path("."))
    args.quiet = bool(getattr(args, "quiet", False))
    return args


def _jury_default() -> Path | None:
    value = os.environ.get("BDP_JURY_DATA")
    return Path(value) if value else None


def build_parser() -> argparse.ArgumentParser:
    """The parser of `bdp` and of every command."""
    common = _global_options()
    parser = _Parser(prog="bdp", description="Baza Dobrych Praktyk: sprawdzanie rekordów i budowanie strony.",
                     epilog=EXIT_CODES + "\n\nPomoc polecenia: bdp POLECENIE --help", parents=[common])
    parser.add_argument("--version", action="version", version=f"bdp {_version()}", help="pokaż wersję programu i zakończ")
    sub = parser.add_subparsers(dest="command", metavar="POLECENIE", parser_class=_Parser, title="polecenia")
    real_add_parser = sub.add_parser

    # Every command's parser gets the global options and the exit statuses; wrapping add_parser keeps
    # each command's definition below a plain sub.add_parser(...) call. (typeshed wants parents of the
    # subparser class, _Parser; argparse only copies their actions, so the plain common parser serves.)
    def add_parser(name: str, **kwargs: Any) -> _Parser:
        return real_add_parser(name, parents=[common], epilog=EXIT_CODES, **kwargs)  # type: ignore[list-item]

    sub.add_parser = add_parser  # type: ignore[method-assign]
    check = sub.add_parser("validate", help="sprawdź rekordy i wypisz wszystkie problemy")
    check.add_argument("paths", nargs="*", type=Path, metavar="ŚCIEŻKA", help="pokaż tylko problemy tych plików lub katalogów")
    check.add_argument("--format", choices=["text", "json", "github"], default="text", help="postać raportu")
    check.add_argument("--jury-data", type=Path, default=_jury_default(), metavar="KATALOG",
                       help="sprawdź też poufne dane jury z tego katalogu (prywatne repozytorium jury; domyślnie $BDP_JURY_DATA)")
    check.add_argument("--no-cache", action="store_true",
                       help="czytaj wszystkie pliki od nowa, bez pamięci podręcznej z poprzedniego sprawdzania (build/cache/)")
    make = sub.add_parser("build", help="sprawdź rekordy i zbuduj stronę w site/")
    make.add_argument("--profile", choices=["public", "jury"], default="public",
                      help="public: strona publiczna w site/; jury: poufna strona dla jury konkursu w KATALOG/jury-site/")
    make.add_argument("--jury-data", type=Path, default=_jury_default(), metavar="KATALOG",
                      help="katalog poufnych danych jury poza publicznym repozytorium (dla --profile jury; domyślnie $BDP_JURY_DATA)")
    make.add_argument("--publish", action="store_true",
                      help="budowanie do publikacji: odrzuć przykładowe ustawienia wydawcy z bdp.yaml (example.org) — kod 1")
    make.add_argument("--force", action="store_true",
                      help="buduj, nawet gdy od ostatniego udanego budowania nic się nie zmieniło (domyślnie strona zostaje bez zmian)")
    make.add_argument("--no-cache", action="store_true",
                      help="czytaj wszystkie rekordy od nowa, bez pamięci podręcznej z poprzedniego sprawdzania (build/cache/)")
    make.add_argument("--format", choices=["text", "json"], default="text",
                      help="text: komunikaty dla człowieka; json: podsumowanie (ok, liczby, czasy kroków, problemy, komunikaty) na stdout")
    new = sub.add_parser("new", help="utwórz nowy rekord: zadaj pytania i zapisz poprawny plik")
    new.add_argument("type", choices=["practice", "jst", "organisation", "project", "source", "glossary", "contest", "procedure", "indicator"],
                     metavar="RODZAJ", help="practice, jst, organisation, project, source, glossary, contest, procedure albo indicator")
    new.add_argument("--set", action="append", default=[], metavar="POLE=WARTOŚĆ", help="odpowiedź podana z góry, np. --set title=…")
    issue = sub.add_parser("from-issue", help="zamień zgłoszenie z formularza GitHub na pliki rekordów")
    source = issue.add_mutually_exclusive_group(required=True)
    source.add_argument("--event", type=Path, metavar="PLIK", help="plik zdarzenia GitHub (GITHUB_EVENT_PATH)")
    source.add_argument("--body-file", type=Path, metavar="PLIK", help="plik z treścią zgłoszenia")
    issue.add_argument("--issue", type=int, default=0, metavar="NUMER", help="numer zgłoszenia (z --body-file)")
    issue.add_argument("--write", action="store_true", help="zapisz pliki rekordów (domyślnie tylko sprawdź)")
    issue.add_argument("--comment-file", type=Path, metavar="PLIK", help="zapisz tu komentarz dla zgłaszającego (Markdown)")
    guide = sub.add_parser("guide", help="przewodnik dla redakcji i formularz zgłoszenia generowane ze schematów")
    guide.add_argument("--write", action="store_true", help="zapisz CONTRIBUTING.md i formularz zgłoszenia")
    guide.add_argument("--check", action="store_true", help="sprawdź, czy zapisane pliki są aktualne (kod 1, jeśli nie)")
    synth = sub.add_parser("synth", help="wygeneruj syntetyczne drzewo treści do testów wydajności")
    synth.add_argument("--practices", type=int, required=True, metavar="LICZBA", help="liczba praktyk")
    synth.add_argument("--jst", type=int, default=2500, metavar="LICZBA", help="liczba samorządów (domyślnie 2500)")
    synth.add_argument("--indicators", type=int, default=50, metavar="LICZBA",
                       help="liczba wskaźników z tabelami (domyślnie 50: każdy samorząd × 10 lat)")
    synth.add_argument("--years", type=int, default=10, metavar="LICZBA", help="liczba lat (edycje konkursu, lata tabel)")
    synth.add_argument("--seed", type=int, default=1, metavar="LICZBA", help="ziarno losowania (domyślnie 1)")
    synth.add_argument("--out", type=Path, required=True, metavar="KATALOG", help="katalog docelowy (nie może istnieć)")
    bench = sub.add_parser("bench", help="zmierz budowanie syntetycznych korpusów (wyniki jako JSON i tabela)")
    bench.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="LICZBA",
                       help="liczby praktyk (domyślnie 1000 10000)")
    bench.add_argument("--jst", type=int, default=2500, metavar="LICZBA", help="liczba samorządów w każdym korpusie")
    bench.add_argument("--indicators", type=int, default=50, metavar="LICZBA",
                       help="liczba wskaźników z tabelami (każdy: samorządy × 10 lat)")
    bench.add_argument("--builds-only", action="store_true",
                       help="tylko walidacja, budowanie od zera i bez zmian oraz Material (bez podglądu, edycji i podłogi "
                            "Markdown) — dla dużych korpusów, np. 30 000 praktyk")
    importing = sub.add_parser("import", help="zaimportuj dane z oficjalnego źródła (np. GUS)")
    importers = importing.add_subparsers(dest="importer", metavar="ŹRÓDŁO", parser_class=_Parser, title="źródła")
    import importlib

    from generator.authoring.importers import IMPORTERS

    for name, module_path in IMPORTERS.items():
        module = importlib.import_module(module_path)
        module.configure(importers.add_parser(name, help=module.HELP, parents=[common], epilog=EXIT_CODES))  # type: ignore[list-item]
    serve = sub.add_parser("serve", help="zbuduj stronę i pokaż ją pod http://127.0.0.1:PORT, przebudowując po zmianach")
    serve.add_argument("--port", type=int, default=8000, help="port podglądu (domyślnie 8000)")
    return parser
