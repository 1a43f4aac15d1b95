"""What each `bdp` command does, once its arguments are parsed (cmd_* → exit status)."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.cli.parser import EXIT_CONTENT, EXIT_OK, EXIT_PERMISSION, PERMISSION_ERRNOS
from generator.problems import Problem, format_github, format_json, format_text, summary


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
    from generator.check.validate import validate_tree

    for path in args.paths:
        if not path.exists():
            print(f"bdp: nie ma pliku ani katalogu „{path}”", file=sys.stderr)
            return 2
    if args.jury_data is not None and not args.jury_data.is_dir():
        print(f"bdp: nie ma katalogu danych jury „{args.jury_data}”", file=sys.stderr)
        return 2
    from generator.polish import plural
    from generator.progress import Progress

    progress = Progress(None if args.quiet else sys.stderr)
    progress.start("Sprawdzanie rekordów")
    try:
        result = validate_tree(args.root, jury_data=args.jury_data, keep=not args.no_cache)
    except BaseException:
        progress.abort()
        raise
    progress.finish(plural(result.files, "plik", "pliki", "plików"))
    problems = _select(result.problems, args.paths, args.root)
    _print_problems(problems, result.files, args.format)
    return 1 if any(p.severity == "error" for p in problems) else 0


def build_summary(report: Any, status: int) -> dict[str, Any]:
    """What `bdp build --format json` prints: the outcome, counts, step timings (seconds) and messages."""
    from dataclasses import asdict

    errors = sum(1 for p in report.problems if p.severity == "error")
    return {"ok": report.ok, "exit_status": status, "records": report.records, "pages": report.pages,
            "errors": errors, "warnings": len(report.problems) - errors,
            "timings": {step: round(value, 3) for step, value in report.timings.items()},
            "problems": [asdict(p) for p in report.problems], "messages": list(report.messages)}


def cmd_build(args: argparse.Namespace) -> int:
    import json

    from generator.build import build
    from generator.progress import Progress

    if getattr(args, "publish", False) and getattr(args, "profile", "public") != "public":
        print("bdp: błąd wywołania: --publish dotyczy tylko strony publicznej (bez --profile jury)", file=sys.stderr)
        return 2
    progress = Progress(None if args.quiet else sys.stderr)

    def waiting(note: str) -> None:
        print(note, file=sys.stderr, flush=True)

    # each build takes its root's lock itself (generator/site/buildlock.py): a second build waits
    if getattr(args, "profile", "public") == "jury":
        from generator.build_jury import build_jury

        report = build_jury(args.root, args.jury_data, on_wait=waiting)
    else:
        try:
            report = build(args.root, publish=bool(getattr(args, "publish", False)), on_wait=waiting, progress=progress,
                           force=bool(getattr(args, "force", False)), keep=not getattr(args, "no_cache", False))
        except BaseException:
            progress.abort()
            raise
    if getattr(args, "format", "text") == "json":
        status = EXIT_OK if report.ok else EXIT_CONTENT
        print(json.dumps(build_summary(report, status), ensure_ascii=False, indent=2))
        return status
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

    from generator.authoring.newrecord import create

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

    from generator.authoring.issueform import (
        Submission,
        UnreadableEvent,
        comment,
        convert,
        read_event,
        write_submission,
    )

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
        except Exception as exc:
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
    from generator.authoring.guidefiles import check_guide_files, write_guide_files
    from generator.paths import BUNDLED_DIR, DEFAULTS_DIR

    if (args.check or args.write) and DEFAULTS_DIR == BUNDLED_DIR:
        print("bdp: --check i --write dotyczą plików repozytorium programu (CONTRIBUTING.md, formularz zgłoszenia) "
              "i działają tylko w jego kopii (pip install -e .); bez opcji polecenie wypisuje przewodnik", file=sys.stderr)
        return 2
    if args.check:
        stale = check_guide_files()
        for path in stale:
            print(f"{path} jest nieaktualny — uruchom: bdp guide --write", file=sys.stderr)
        return 1 if stale else 0
    if args.write:
        for path in write_guide_files():
            print(f"Zapisano {path}")
        return 0
    from generator.render.guide import render_guide

    print(render_guide())
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from generator.perf.synth import SAMPLE_DIR, SynthOptions, write_tree

    if args.out.exists():
        print(f"bdp: katalog „{args.out}” już istnieje; podaj nowy", file=sys.stderr)
        return 2
    sample = next((folder for folder in (SAMPLE_DIR, args.root / "practices") if any(folder.glob("*.md"))), None)
    if sample is None:
        print("bdp: bdp synth układa opisy ze słów praktyk, a nie ma ich ani w kopii repozytorium programu, ani w "
              f"„{args.root / 'practices'}”; podaj --root katalogu treści z praktykami (*.md)", file=sys.stderr)
        return 2
    counts = write_tree(args.out, SynthOptions(args.practices, args.jst, args.indicators, args.years, args.seed), sample)
    print("Zapisano: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f" w {args.out}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from generator.perf.bench import main as bench_main

    return bench_main(args.sizes, args.jst, args.indicators, builds_only=args.builds_only)


def cmd_import(args: argparse.Namespace) -> int:
    import importlib

    from generator.authoring.importers import IMPORTERS

    if not getattr(args, "importer", None):
        print("bdp: podaj źródło importu: " + ", ".join(IMPORTERS), file=sys.stderr)
        return 2
    return int(importlib.import_module(IMPORTERS[args.importer]).run(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.preview.serve import serve

    return serve(args.root, args.port)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate, "build": cmd_build, "serve": cmd_serve, "new": cmd_new, "from-issue": cmd_from_issue,
    "guide": cmd_guide, "synth": cmd_synth, "bench": cmd_bench, "import": cmd_import}
