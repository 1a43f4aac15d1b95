"""`bdp import csv`: a CSV export from another system (e.g. SAS, a spreadsheet) turned into an
indicator table of this repository, checked with the validator's own table checks before writing.

Exit status: 0 written; 1 the file's data do not pass the checks (every problem is listed with the
input file's line and column) or cannot be read or written; 2 invalid call (options, a mapped column
missing from the header, the table already present without --overwrite).
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.authoring.importers.files import WriteError, fail, write_all
from generator.polish import plural
from generator.problems import Problem

HELP = "zamień plik CSV z innego systemu (np. SAS) na tabelę wskaźnika, sprawdzając ją jak bdp validate"
FIELDS = ("teryt", "indicator", "year", "value", "note", "source")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PADDED = {1: 2, 3: 4, 6: 7}  # digits left after a number format dropped the leading zero → TERYT length


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Czyta plik CSV z dowolnymi nazwami kolumn, przepisuje wskazane kolumny do tabeli indicators/<tabela>.csv "
        "(teryt,indicator,year,value,note,source) i sprawdza ją tymi samymi regułami co bdp validate (kody TERYT "
        "z rejestru, wskaźnik, źródło, lata, zakres, powtórzenia). Błędy wskazują wiersz i kolumnę pliku "
        "wejściowego; przy błędach nic nie jest zapisywane. Kod wyjścia: 0 zapisano, 1 błędy w danych, "
        "2 błędne wywołanie.")
    parser.add_argument("file", type=Path, metavar="PLIK", help="plik CSV do wczytania")
    parser.add_argument("--columns", required=True, metavar="POLE=KOLUMNA,…",
                        help="które kolumny pliku to pola tabeli, np. teryt=KOD_TERYT,year=ROK,value=WARTOSC[,note=UWAGI]"
                             "[,indicator=WSKAZNIK][,source=ZRODLO]")
    parser.add_argument("--indicator", metavar="ID", help="identyfikator wskaźnika dla wszystkich wierszy (zamiast kolumny)")
    parser.add_argument("--source", metavar="ID", help="identyfikator źródła z registry/sources dla wszystkich wierszy")
    parser.add_argument("--table", metavar="NAZWA", help="nazwa tabeli bez .csv (domyślnie identyfikator wskaźnika)")
    parser.add_argument("--delimiter", default="auto", metavar="ZNAK",
                        help="separator kolumn: ',', ';', 'tab' albo auto (domyślnie: ten z trzech, który występuje w nagłówku)")
    parser.add_argument("--decimal", choices=[".", ","], default=".", help="znak dziesiętny w pliku wejściowym (domyślnie .)")
    parser.add_argument("--encoding", default="utf-8", metavar="KODOWANIE",
                        help="kodowanie pliku, np. utf-8 (domyślnie) albo cp1250 (eksport z programów dla Windows)")
    parser.add_argument("--pad-teryt", action="store_true",
                        help="dopisz zero na początku kodów TERYT, które straciły je w eksporcie jako liczby (415042 → 0415042)")
    parser.add_argument("--overwrite", action="store_true", help="zastąp istniejącą tabelę")


@dataclass(frozen=True)
class Converted:
    text: str
    lines: list[int]  # input line of each output row (output row i is line i + 2 of the table)
    columns: dict[str, str]  # table field → input column (or option)


def parse_columns(spec: str) -> dict[str, str] | str:
    """'teryt=KOD,year=ROK' → {'teryt': 'KOD', 'year': 'ROK'}, or a Polish error."""
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column:
            return f"„{part.strip()}” w --columns: podaj pole=KOLUMNA, np. teryt=KOD_TERYT"
        if field not in FIELDS:
            return f"nieznane pole „{field}” w --columns; pola tabeli to: {', '.join(FIELDS)}"
        if field in mapping:
            return f"pole „{field}” podano w --columns dwa razy"
        mapping[field] = column
    return mapping


def _cell(field: str, raw: str, decimal: str, pad: bool) -> str:
    cell = raw.strip()
    if field == "value":
        cell = cell.replace("\u00a0", "").replace(" ", "")
        if decimal == ",":
            cell = cell.replace(",", ".")
    elif field == "teryt":
        if re.fullmatch(r"\d+\.0+", cell):
            cell = cell.split(".")[0]  # 1061011.0 from a numeric export
        if pad and cell.isdigit() and len(cell) in PADDED:
            cell = cell.zfill(PADDED[len(cell)])
    elif field == "year" and re.fullmatch(r"\d{4}\.0+", cell):
        cell = cell.split(".")[0]  # 2020.0 from a numeric export
    return cell


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n\r') else cell


def convert(text: str, mapping: dict[str, str], fixed: dict[str, str], delimiter: str, decimal: str,
            pad: bool) -> Converted | str:
    """The tidy table from the input text, or a Polish error about the header."""
    first = text.split("\n", 1)[0]
    if delimiter == "auto":
        delimiter = max([";", ",", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    missing = [column for column in mapping.values() if column not in header]
    if missing:
        return (f"w nagłówku pliku nie ma kolumn: {', '.join(missing)}; są: {', '.join(header) or '(pusty nagłówek)'}"
                f" (separator „{'tab' if delimiter == chr(9) else delimiter}”; inny podaj opcją --delimiter)")
    at = {field: header.index(column) for field, column in mapping.items()}
    lines: list[int] = []
    out = [",".join(FIELDS)]
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        cells = []
        for field in FIELDS:
            if field in at:
                cells.append(_cell(field, row[at[field]] if at[field] < len(row) else "", decimal, pad))
            else:
                cells.append(fixed.get(field, ""))
        out.append(",".join(_quoted(c) for c in cells))
        lines.append(reader.line_num)
    columns = {**{f: f"„{c}”" for f, c in mapping.items()}, **{f: "--" + f for f in fixed}}
    return Converted("\n".join(out) + "\n", lines, columns)


def _fail(message: str, status: int) -> int:
    return fail("csv", message, status)


def _options(args: argparse.Namespace) -> str | tuple[dict[str, str], dict[str, str], str, str]:
    """(column mapping, fixed fields, table id, delimiter) from the command line, or the message
    naming the first wrong option (exit status 2)."""
    mapping = parse_columns(args.columns)
    if isinstance(mapping, str):
        return mapping
    fixed = {k: v for k, v in (("indicator", args.indicator), ("source", args.source)) if v}
    for field in fixed:
        if field in mapping:
            return f"pole „{field}” podano i w --columns, i jako --{field}; wybierz jedno"
    for field in ("teryt", "year", "value", "indicator"):
        if field not in mapping and field not in fixed:
            return f"brak pola „{field}”: wskaż kolumnę w --columns" + (" albo podaj --indicator" if field == "indicator" else "")
    table = args.table or args.indicator
    if not table:
        return "podaj nazwę tabeli (--table), gdy wskaźnik pochodzi z kolumny"
    for option, value in (("--table", table), *((f"--{k}", v) for k, v in fixed.items())):
        if not ID.match(value):
            return f"{option} „{value}”: identyfikator to małe litery bez polskich znaków, cyfry i myślniki"
    delimiter = {"tab": "\t", "\\t": "\t"}.get(args.delimiter, args.delimiter)
    if delimiter not in (",", ";", "\t", "auto"):
        return f"--delimiter „{args.delimiter}”: podaj ',', ';', 'tab' albo auto"
    return mapping, fixed, table, delimiter


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    options = _options(args)
    if isinstance(options, str):
        return _fail(options, 2)
    mapping, fixed, table, delimiter = options
    rel = f"indicators/{table}.csv"
    if (root / rel).exists() and not args.overwrite:
        return _fail(f"tabela {rel} już istnieje; podaj inną nazwę (--table) albo --overwrite", 2)
    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        return _fail(f"nie można odczytać pliku „{args.file}” ({exc.strerror or exc})", 1)
    try:
        text = raw.decode(args.encoding)
    except LookupError:
        return _fail(f"nieznane kodowanie „{args.encoding}”; podaj np. utf-8 albo cp1250", 2)
    except UnicodeDecodeError as exc:
        return _fail(f"plik „{args.file}” nie jest zapisany w kodowaniu {args.encoding} (bajt {exc.start}); "
                     "spróbuj --encoding cp1250 albo zapisz plik jako UTF-8", 1)
    converted = convert(text.lstrip("\ufeff").replace("\r\n", "\n"), mapping, fixed, delimiter, args.decimal, args.pad_teryt)
    if isinstance(converted, str):
        return _fail(converted, 2)
    if not converted.lines:
        return _fail(f"plik „{args.file}” nie ma wierszy z danymi", 1)
    problems = table_problems(root, rel, converted.text)
    if problems:
        for problem in problems:
            print(_on_input(problem, args.file, converted), file=sys.stderr)
        if not args.pad_teryt and any("zero z początku" in p.message for p in problems):
            print("Wskazówka: --pad-teryt dopisze zero na początku kodów, które eksport zapisał jako liczby.", file=sys.stderr)
        return _fail(f"{plural(len(problems), 'problem', 'problemy', 'problemów')} w danych; popraw plik i powtórz import", 1)
    try:
        write_all(root, {rel: converted.text})
    except WriteError as exc:
        return _fail(str(exc), 1)
    print(f"Zapisano {rel} ({plural(len(converted.lines), 'wiersz', 'wiersze', 'wierszy')}). Sprawdź wynik: bdp validate")
    return 0


def table_problems(root: Path, rel: str, text: str) -> list[Problem]:
    """The validator's checks of one new table against the records and the other tables under root."""
    from generator.check.tables import check_tables
    from generator.check.validate import check_schema
    from generator.content.tables import load_tables, read_table
    from generator.content.tree import load_tree

    table, problems = read_table(text, rel)
    others, _ = load_tables(root)
    tables = [t for t in others if t.path != rel] + ([table] if table is not None else [])
    _, found = check_tables(tables, load_tree(root, check_schema).records)
    return [p for p in problems + found if p.path == rel and p.severity == "error"]


def _on_input(problem: Problem, file: Path, converted: Converted) -> str:
    """A table problem told in terms of the input file: its line and its column name."""
    line = problem.line
    if line is None or not 2 <= line <= len(converted.lines) + 1:
        return f"{file}: {problem.message} [{problem.rule}]"
    source_line = converted.lines[line - 2]
    message = problem.message
    match = re.match(r"wiersz \d+, kolumna „([a-z]+)”: ", message)
    where = ""
    if match:
        field = match.group(1)
        where = f"kolumna {converted.columns.get(field, field)} (pole {field}): "
        message = message[match.end():]
    return f"{file}:{source_line}: {where}{message} [{problem.rule}]"
