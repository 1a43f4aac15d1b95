"""`bdp import terc PLIK`: refresh the shipped TERC register from the file GUS publishes.

GUS publishes TERC_Urzedowy_<date> as CSV (semicolons, UTF-8 with BOM; older copies are in
Windows-1250) and as XML (<teryt><catalog><row><WOJ>…). Both are read into the same rows; the file
is checked whole before anything is written, and the register is replaced atomically.

Exit status: 0 register refreshed, 1 the file is not a usable TERC file (nothing written),
2 the file cannot be read (wrong path, no permission).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from generator.content.terc import (
    DATA,
    SOURCE_ID,
    RegisterMeta,
    Unit,
    read_register,
    write_register,
)
from generator.content.teryt import VOIVODESHIPS
from generator.polish import plural

HELP = "odśwież rejestr TERC (kody TERYT samorządów) z pliku GUS TERC_Urzedowy_*.csv albo .xml"
SOURCE_URL = ("https://eteryt.stat.gov.pl/eTeryt/rejestr_teryt/udostepnianie_danych/baza_teryt/"
              "uzytkownicy_indywidualni/pobieranie/pliki_pelne.aspx")
COLUMNS = ("WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA")
ALIASES = {"NAZDOD": "NAZWA_DOD"}  # the name of the column in some GUS exports
MAX_BYTES = 64 * 2**20


class TercFileError(ValueError):
    """The file is not a usable TERC file; the message (Polish) names the place and the fix."""


@dataclass(frozen=True)
class Changes:
    added: list[str]
    removed: list[str]
    renamed: list[tuple[str, str, str]]  # code, old name, new name
    rekinded: list[tuple[str, str, str]]  # code, old kind, new kind


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="PLIK", help="plik TERC_Urzedowy_<data>.csv albo .xml pobrany z eteryt.stat.gov.pl")
    parser.add_argument("--register", type=Path, default=DATA, metavar="KATALOG",
                        help="katalog rejestru (domyślnie rejestr dołączony do programu: generator/data)")
    parser.add_argument("--copy-of", default="", metavar="OPIS",
                        help="skąd pochodzi kopia pliku, jeśli nie pobrano jej wprost z GUS")


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise TercFileError(f"{name}: plik zawiera bajty zerowe, więc nie jest plikiem tekstowym TERC (może to archiwum ZIP? rozpakuj je)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1250")
    except UnicodeDecodeError:
        raise TercFileError(f"{name}: plik nie jest ani w UTF-8, ani w Windows-1250; to nie jest plik TERC z GUS") from None


def _csv_rows(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [ALIASES.get(h.strip().upper(), h.strip().upper()) for h in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        found = ";".join(header) if header else "pusty plik"
        raise TercFileError(f"{name}:1: brak kolumn {', '.join(missing)} (jest: {found}); to nie jest plik TERC — "
                            "pobierz z eteryt.stat.gov.pl plik TERC w wersji urzędowej (TERC_Urzedowy_<data>.csv)")
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise TercFileError(f"{name}:{line}: wiersz ma {plural(len(cells), 'kolumnę', 'kolumny', 'kolumn')}, "
                                f"a nagłówek {len(header)}; plik jest uszkodzony albo nie jest rozdzielany średnikami")
        rows.append((line, {h: c.strip() for h, c in zip(header, cells, strict=False)}))
    return rows


def _xml_rows(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise TercFileError(f"{name}: plik XML zawiera deklaracje DOCTYPE/ENTITY, których plik GUS nie ma; nie zostanie odczytany")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise TercFileError(f"{name}:{exc.position[0]}: błąd składni XML ({exc}); plik jest uszkodzony") from None
    rows = []
    for number, row in enumerate(root.iter("row"), start=1):
        values = {ALIASES.get(child.tag.upper(), child.tag.upper()): (child.text or "").strip() for child in row}
        missing = [c for c in COLUMNS if c not in values]
        if missing:
            raise TercFileError(f"{name}: wiersz <row> nr {number}: brak pól {', '.join(missing)}; to nie jest plik TERC")
        rows.append((number, values))
    if not rows:
        raise TercFileError(f"{name}: plik XML nie zawiera wierszy <row>; to nie jest plik TERC (TERC_Urzedowy_<data>.xml)")
    return rows


_TWO = re.compile(r"\d{2}")


def _unit(line: int, row: dict[str, str], name: str) -> Unit:
    woj, pow_, gmi, rodz = row["WOJ"], row["POW"], row["GMI"], row["RODZ"]
    where = f"{name}:{line}"
    if not _TWO.fullmatch(woj) or (pow_ and not _TWO.fullmatch(pow_)) or (gmi and not _TWO.fullmatch(gmi)):
        raise TercFileError(f"{where}: kody WOJ, POW i GMI mają po dwie cyfry, a podano „{woj}”, „{pow_}”, „{gmi}”")
    if (gmi and not pow_) or (bool(gmi) != bool(rodz)) or (rodz and not re.fullmatch(r"\d", rodz)):
        raise TercFileError(f"{where}: niespójny kod: WOJ „{woj}”, POW „{pow_}”, GMI „{gmi}”, RODZ „{rodz}” "
                            "(gmina ma POW, GMI i jednocyfrowy RODZ; powiat — tylko POW)")
    if not row["NAZWA"]:
        raise TercFileError(f"{where}: pusta nazwa jednostki (kolumna NAZWA)")
    try:
        dt.date.fromisoformat(row["STAN_NA"])
    except ValueError:
        raise TercFileError(f"{where}: data „{row['STAN_NA']}” w kolumnie STAN_NA nie ma postaci RRRR-MM-DD") from None
    return Unit(woj + pow_ + gmi + rodz, row["NAZWA"], row["NAZWA_DOD"], row["STAN_NA"])


def parse_terc(data: bytes, name: str) -> dict[str, Unit]:
    """Units of an official TERC file (CSV or XML); TercFileError when it is not one."""
    text = _decode(data, name)
    try:
        rows = _xml_rows(text, name) if text.lstrip().startswith("<") else _csv_rows(text, name)
    except csv.Error as exc:
        raise TercFileError(f"{name}: plik nie jest poprawnym plikiem CSV ({exc}); to nie jest plik TERC") from None
    units: dict[str, Unit] = {}
    for line, row in rows:
        unit = _unit(line, row, name)
        if unit.code in units:
            raise TercFileError(f"{name}:{line}: kod {unit.code} występuje w pliku drugi raz")
        units[unit.code] = unit
    missing = sorted(set(VOIVODESHIPS) - units.keys())
    if missing:
        raise TercFileError(f"{name}: brak {len(missing)} z 16 województw (kody {', '.join(missing)}); "
                            "rejestr musi być pełny — pobierz plik TERC dla całego kraju, nie wycinek")
    orphans = sorted(code for code in units if (len(code) > 2 and code[:2] not in units)
                     or (len(code) == 7 and code[:4] not in units))
    if orphans:
        raise TercFileError(f"{name}: jednostki bez nadrzędnego województwa lub powiatu w pliku: {', '.join(orphans[:5])}; plik jest niepełny")
    return units


def compare(old: dict[str, Unit], new: dict[str, Unit]) -> Changes:
    return Changes(
        added=sorted(new.keys() - old.keys()),
        removed=sorted(old.keys() - new.keys()),
        renamed=[(c, old[c].name, new[c].name) for c in sorted(old.keys() & new.keys()) if old[c].name != new[c].name],
        rekinded=[(c, old[c].kind, new[c].kind) for c in sorted(old.keys() & new.keys()) if old[c].kind != new[c].kind],
    )


def _stan_na(units: dict[str, Unit]) -> str:
    """The register's date: the most recent STAN_NA of its rows."""
    return max(u.stan_na for u in units.values())


def report(changes: Changes, meta: RegisterMeta) -> str:
    lines = [f"Rejestr TERC według stanu na {meta.stan_na} (plik {meta.file}): "
             f"{plural(meta.units, 'jednostka', 'jednostki', 'jednostek')}.",
             f"Dodano: {len(changes.added)}, usunięto: {len(changes.removed)}, zmieniono nazwę: {len(changes.renamed)}, "
             f"zmieniono rodzaj: {len(changes.rekinded)}."]
    if len(changes.added) < meta.units:  # a first import lists nothing: everything is new
        lines += [f"  + {code}" for code in changes.added[:20]]
        lines += [f"  - {code}" for code in changes.removed[:20]]
        lines += [f"  {code}: „{old}” → „{new}”" for code, old, new in changes.renamed[:20]]
    lines.append(f"Uzupełnij datę stanu rejestru w registry/sources/{SOURCE_ID}.yaml i sprawdź treść: bdp validate")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        if path.stat().st_size > MAX_BYTES:
            print(f"bdp: {path}: plik ma ponad {MAX_BYTES // 2**20} MiB — to nie jest plik TERC (ok. 200 kB)", file=sys.stderr)
            return 1
        data = path.read_bytes()
    except OSError as exc:
        print(f"bdp: nie można odczytać pliku „{path}”: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        units = parse_terc(data, path.name)
    except TercFileError as exc:
        print(f"bdp: {exc}\nRejestr nie został zmieniony.", file=sys.stderr)
        return 1
    try:
        old = read_register(args.register).units
    except (OSError, ValueError, TypeError):
        old = {}  # no register there yet (or an unreadable one, which is replaced): everything is new
    meta = RegisterMeta(stan_na=_stan_na(units), file=path.name, source_url=SOURCE_URL, copy_of=args.copy_of,
                        sha256=hashlib.sha256(data).hexdigest(), units=len(units))
    try:
        write_register(args.register, units, meta)
    except OSError as exc:
        print(f"bdp: nie można zapisać rejestru w „{args.register}”: {exc.strerror or exc}\nRejestr nie został zmieniony.", file=sys.stderr)
        return 1
    print(report(compare(old, units), meta))
    return 0
