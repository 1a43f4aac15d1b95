"""The `bdp` command: validate, build and serve the database. Exit 0 clean, 1 content problems, 2 usage,
3 no permission to write (a read-only site/ or target folder)."""
from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import Sequence

from generator.problems import Problem, format_github, format_json, format_text, summary


EXIT_PERMISSION = 3  # no permission to write a file or folder (read-only site/, target folder or file system)
PERMISSION_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


def permission_message(exc: OSError, building: bool) -> str:
    """Polish text for a write refused by the system: which path, and how to fix it."""
    path = exc.filename or "?"
    why = "system plików jest tylko do odczytu" if exc.errno == errno.EROFS else "brak uprawnień do zapisu"
    return (f"bdp: nie można zapisać w „{path}”: {why}.\n"
            f"Nadaj prawo zapisu (np. chmod -R u+w „{path}”) albo uruchom polecenie jako właściciel tego katalogu."
            + (" Poprzednia wersja strony została bez zmian." if building else ""))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"bdp: błąd wywołania: {message}\nPomoc: bdp --help\n")
        raise SystemExit(2)


def _jury_default() -> Path | None:
    value = os.environ.get("BDP_JURY_DATA")
    return Path(value) if value else None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bdp", description="Baza Dobrych Praktyk: sprawdzanie rekordów i budowanie strony.")
    parser.add_argument("--root", type=Path, default=Path("."), help="katalog z treścią bazy (domyślnie bieżący)")
    sub = parser.add_subparsers(dest="command", metavar="POLECENIE", parser_class=_Parser)
    check = sub.add_parser("validate", help="sprawdź rekordy i wypisz wszystkie problemy")
    check.add_argument("paths", nargs="*", type=Path, metavar="ŚCIEŻKA", help="pokaż tylko problemy tych plików lub katalogów")
    check.add_argument("--format", choices=["text", "json", "github"], default="text", help="postać raportu")
    check.add_argument("--jury-data", type=Path, default=_jury_default(), metavar="KATALOG",
                       help="sprawdź też poufne dane jury z tego katalogu (prywatne repozytorium jury; domyślnie $BDP_JURY_DATA)")
    make = sub.add_parser("build", help="sprawdź rekordy i zbuduj stronę w site/")
    make.add_argument("--profile", choices=["public", "jury"], default="public",
                      help="public: strona publiczna w site/; jury: poufna strona dla jury konkursu w KATALOG/jury-site/")
    make.add_argument("--jury-data", type=Path, default=_jury_default(), metavar="KATALOG",
                      help="katalog poufnych danych jury poza publicznym repozytorium (dla --profile jury; domyślnie $BDP_JURY_DATA)")
    make.add_argument("--publish", action="store_true",
                      help="budowanie do publikacji: odrzuć przykładowe ustawienia wydawcy z bdp.yaml (example.org) — kod 1")
    new = sub.add_parser("new", help="utwórz nowy rekord: zadaj pytania i zapisz poprawny plik")
    new.add_argument("type", choices=["practice", "jst", "organisation", "project", "source", "glossary", "contest", "procedure", "indicator"],
                     metavar="RODZAJ", help="practice, jst, organisation, project, source, glossary, contest, procedure albo indicator")
    new.add_argument("--set", action="append", default=[], metavar="POLE=WARTOŚĆ", help="odpowiedź podana z góry, np. --set title=…")
    issue = sub.add_parser("from-issue", help="zamień zgłoszenie z formularza GitHub na pliki rekordów")
    source = issue.add_mutually_exclusive_group(required=True)
    source.add_argument("--event", type=Path, help="plik zdarzenia GitHub (GITHUB_EVENT_PATH)")
    source.add_argument("--body-file", type=Path, help="plik z treścią zgłoszenia")
    issue.add_argument("--issue", type=int, default=0, help="numer zgłoszenia (z --body-file)")
    issue.add_argument("--write", action="store_true", help="zapisz pliki rekordów (domyślnie tylko sprawdź)")
    issue.add_argument("--comment-file", type=Path, help="zapisz tu komentarz dla zgłaszającego (Markdown)")
    guide = sub.add_parser("guide", help="przewodnik dla redakcji i formularz zgłoszenia generowane ze schematów")
    guide.add_argument("--write", action="store_true", help="zapisz CONTRIBUTING.md i formularz zgłoszenia")
    guide.add_argument("--check", action="store_true", help="sprawdź, czy zapisane pliki są aktualne (kod 1, jeśli nie)")
    synth = sub.add_parser("synth", help="wygeneruj syntetyczne drzewo treści do testów wydajności")
    synth.add_argument("--practices", type=int, required=True, help="liczba praktyk")
    synth.add_argument("--jst", type=int, default=2500, help="liczba samorządów (domyślnie 2500)")
    synth.add_argument("--indicators", type=int, default=50, help="liczba wskaźników z tabelami (domyślnie 50: każdy samorząd × 10 lat)")
    synth.add_argument("--years", type=int, default=10, help="liczba lat (edycje konkursu, lata tabel)")
    synth.add_argument("--seed", type=int, default=1)
    synth.add_argument("--out", type=Path, required=True, help="katalog docelowy (nie może istnieć)")
    bench = sub.add_parser("bench", help="zmierz budowanie syntetycznych korpusów (wyniki jako JSON i tabela)")
    bench.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="liczby praktyk (domyślnie 1000 10000)")
    bench.add_argument("--jst", type=int, default=2500, help="liczba samorządów w każdym korpusie")
    bench.add_argument("--indicators", type=int, default=50, help="liczba wskaźników z tabelami (każdy: samorządy × 10 lat)")
    importing = sub.add_parser("import", help="zaimportuj dane z oficjalnego źródła (np. GUS)")
    importers = importing.add_subparsers(dest="importer", metavar="ŹRÓDŁO", parser_class=_Parser)
    import importlib

    from generator.importers import IMPORTERS

    for name, module_path in IMPORTERS.items():
        module = importlib.import_module(module_path)
        module.configure(importers.add_parser(name, help=module.HELP))
    serve = sub.add_parser("serve", help="zbuduj stronę i pokaż ją pod http://127.0.0.1:PORT, przebudowując po zmianach")
    serve.add_argument("--port", type=int, default=8000)
    return parser


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _select(problems: list[Problem], paths: list[Path], root: Path) -> list[Problem]:
    if not paths:
        return problems
    wanted = [_relative(p, root).rstrip("/") for p in paths]
    return [p for p in problems if any(w in (".", "") or p.path == w or p.path.startswith(w + "/") for w in wanted)]


def _print_problems(problems: list[Problem], files: int, fmt: str) -> None:
    if fmt == "json":
        print(format_json(problems))
        return
    formatter = format_github if fmt == "github" else format_text
    for problem in problems:
        print(formatter(problem))
    print(summary(problems, files), file=sys.stderr if fmt == "github" else sys.stdout)


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.validate import validate_tree

    for path in args.paths:
        if not path.exists():
            print(f"bdp: nie ma pliku ani katalogu „{path}”", file=sys.stderr)
            return 2
    if args.jury_data is not None and not args.jury_data.is_dir():
        print(f"bdp: nie ma katalogu danych jury „{args.jury_data}”", file=sys.stderr)
        return 2
    result = validate_tree(args.root, jury_data=args.jury_data)
    problems = _select(result.problems, args.paths, args.root)
    _print_problems(problems, result.files, args.format)
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import build

    if getattr(args, "publish", False) and getattr(args, "profile", "public") != "public":
        print("bdp: błąd wywołania: --publish dotyczy tylko strony publicznej (bez --profile jury)", file=sys.stderr)
        return 2

    def waiting(note: str) -> None:
        print(note, file=sys.stderr, flush=True)

    # each build takes its root's lock itself (generator/buildlock.py): a second build waits
    if getattr(args, "profile", "public") == "jury":
        from generator.jury.build import build_jury

        report = build_jury(args.root, args.jury_data, on_wait=waiting)
    else:
        report = build(args.root, publish=bool(getattr(args, "publish", False)), on_wait=waiting)
    for problem in report.problems:
        print(format_text(problem))
    for message in report.messages:
        print(message)
    if report.timings:
        print("Czasy: " + ", ".join(f"{k} {v:.2f} s" for k, v in report.timings.items()))
    if not report.ok:
        if report.problems:
            print(summary(report.problems, report.records))
        print("Budowanie przerwane.", file=sys.stderr)
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    import datetime as dt

    from generator.newrecord import create

    preset = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            print(f"bdp: --set wymaga postaci POLE=WARTOŚĆ, podano „{item}”", file=sys.stderr)
            return 2
        preset[key] = value
    status, message = create(args.root, args.type, sys.stdin, sys.stdout, preset, dt.date.today())
    if status == 0:
        print(f"Zapisano {message}. Rekord przeszedł walidację; uzupełnij opis i pola oznaczone komentarzami.")
    else:
        print(message, file=sys.stderr)
    return status


def cmd_from_issue(args: argparse.Namespace) -> int:
    """Exit 0: valid records (written with --write) and a success comment; 1: nothing written and a
    comment saying what to fix; 2: the event or body file cannot be read (the comment says so too);
    3: the record files cannot be written (nothing is left half-written). The comment file is
    written in every case, so the workflow always has something to post."""
    import datetime as dt

    from generator.issueform import Submission, UnreadableEvent, comment, convert, read_event, write_submission

    number, status, body = args.issue, 0, None
    try:
        if args.event:
            body, number = read_event(args.event)
        else:
            body = args.body_file.read_text(encoding="utf-8")
    except UnreadableEvent as exc:
        result, status = Submission(errors=[f"Zgłoszenie: nie można odczytać zgłoszenia: {exc}."]), 2
    except (OSError, UnicodeDecodeError) as exc:
        result, status = Submission(errors=[f"Zgłoszenie: nie można odczytać pliku z treścią zgłoszenia ({type(exc).__name__})."]), 2
    if body is not None:
        try:
            result = convert(body, number, args.root, dt.date.today())
        except Exception as exc:  # noqa: BLE001 - the submitter gets a comment, never silence
            if os.environ.get("BDP_DEBUG"):
                raise
            result, status = Submission(errors=[f"Zgłoszenie: błąd programu podczas przetwarzania ({type(exc).__name__}); "
                                                "redakcja musi przygotować rekord ręcznie."]), 1
    if result.errors:
        status = status or 1
    elif args.write:
        try:
            write_submission(args.root, result.files)
        except OSError as exc:
            why = "plik już istnieje" if isinstance(exc, FileExistsError) else (exc.strerror or type(exc).__name__)
            result = Submission(errors=[f"Zgłoszenie: nie można zapisać „{exc.filename}” ({why}); nie zapisano żadnego pliku."])
            status = EXIT_PERMISSION if exc.errno in PERMISSION_ERRNOS else 1
    if args.comment_file:
        args.comment_file.write_text(comment(result, number) + "\n", encoding="utf-8")
    if result.errors:
        print("\n".join(result.errors), file=sys.stderr)
        return status
    for rel in result.files:
        print(("Zapisano " if args.write else "Poprawny rekord: ") + rel)
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from generator.guidefiles import check_guide_files, write_guide_files

    if args.check:
        stale = check_guide_files()
        for path in stale:
            print(f"{path} jest nieaktualny — uruchom: bdp guide --write", file=sys.stderr)
        return 1 if stale else 0
    if args.write:
        for path in write_guide_files():
            print(f"Zapisano {path}")
        return 0
    from generator.guide import render_guide

    print(render_guide())
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from generator.synth import SynthOptions, write_tree

    if args.out.exists():
        print(f"bdp: katalog „{args.out}” już istnieje; podaj nowy", file=sys.stderr)
        return 2
    counts = write_tree(args.out, SynthOptions(args.practices, args.jst, args.indicators, args.years, args.seed))
    print("Zapisano: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f" w {args.out}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from generator.bench import main as bench_main

    return bench_main(args.sizes, args.jst, args.indicators)


def cmd_import(args: argparse.Namespace) -> int:
    import importlib

    from generator.importers import IMPORTERS

    if not getattr(args, "importer", None):
        print("bdp: podaj źródło importu: " + ", ".join(IMPORTERS), file=sys.stderr)
        return 2
    return int(importlib.import_module(IMPORTERS[args.importer]).run(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(args.root, args.port)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"bdp: katalog „{args.root}” nie istnieje", file=sys.stderr)
        return 2
    args.root = args.root.resolve()  # once, here: MkDocs and the jury build resolve paths from other folders
    commands = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve, "new": cmd_new,
                "from-issue": cmd_from_issue, "guide": cmd_guide, "synth": cmd_synth, "bench": cmd_bench,
                "import": cmd_import}
    if args.command not in commands:
        parser.print_help()
        return 2
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback for editors; BDP_DEBUG=1 shows it to developers
        if isinstance(exc, OSError) and exc.errno in PERMISSION_ERRNOS:
            print(permission_message(exc, args.command == "build"), file=sys.stderr)
            return EXIT_PERMISSION
        if os.environ.get("BDP_DEBUG"):
            raise
        print(f"bdp: błąd wewnętrzny programu (to nie jest błąd w treści rekordów): {type(exc).__name__}: {exc}\n"
              "Strona nie została zmieniona. Zgłoś ten komunikat opiekunom repozytorium (szczegóły: BDP_DEBUG=1).", file=sys.stderr)
        return 1
