"""The official TERC register (GUS TERYT) shipped with the program: reading, writing and lookups.

The register lives in `generator/data/terc.csv` (columns code,name,kind,stan_na: every row of the
official file, the code being WOJ+POW+GMI+RODZ) with its provenance in `generator/data/terc.json`.
It is read once per process (`load_register` is cached); lookups are dict lookups.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from generator.content.teryt import CITY_POWIAT_FROM
from generator.paths import PACKAGE_DIR

DATA = PACKAGE_DIR / "data"
CSV_NAME = "terc.csv"
META_NAME = "terc.json"
CSV_HEADER = ("code", "name", "kind", "stan_na")
SOURCE_ID = "terc-gus"  # the source record (registry/sources/) that describes the register


@dataclass(frozen=True)
class Unit:
    """One row of the register: a voivodeship, powiat, gmina or a part of a gmina."""

    code: str
    name: str
    kind: str  # NAZWA_DOD as GUS writes it: "województwo", "powiat", "gmina wiejska", "miasto", …
    stan_na: str


@dataclass(frozen=True)
class RegisterMeta:
    """Where the shipped register comes from."""

    stan_na: str  # the register's date ("stan na"), as in the file's STAN_NA column
    file: str  # the name of the file GUS published, e.g. TERC_Urzedowy_2025-11-18.csv
    source_url: str  # where GUS publishes the register
    copy_of: str = ""  # where this copy of the file was taken from, if not from GUS directly
    sha256: str = ""  # of the imported file
    units: int = 0

    def to_json(self) -> str:
        data = {"stan_na": self.stan_na, "file": self.file, "source_url": self.source_url,
                "copy_of": self.copy_of, "sha256": self.sha256, "units": self.units}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Register:
    units: dict[str, Unit]
    meta: RegisterMeta

    def get(self, code: str) -> Unit | None:
        return self.units.get(code)

    def jst_kind(self, code: str) -> str | None:
        """The kind of local government a code denotes in the register, in the words of the
        jst schema (`type`), or None when the code is not a self-governing unit of the register."""
        unit = self.units.get(code)
        if unit is None:
            return None
        if len(code) == 2:
            return "województwo"
        if len(code) == 4:
            return "miasto na prawach powiatu" if unit.kind.startswith("miasto na prawach powiatu") else "powiat"
        city = self.units.get(code[:4])
        if city is not None and city.kind.startswith("miasto na prawach powiatu") and code[6] == "1":
            return "miasto na prawach powiatu"
        return {"1": "gmina miejska", "2": "gmina wiejska", "3": "gmina miejsko-wiejska"}.get(code[6])

    def describe(self, unit: Unit) -> str:
        """„Lubicz (0415042) — gmina wiejska, powiat toruński, woj. kujawsko-pomorskie”."""
        parts = [self.jst_kind(unit.code) or unit.kind]
        powiat = self.units.get(unit.code[:4]) if len(unit.code) == 7 else None
        if powiat is not None and int(unit.code[2:4]) < CITY_POWIAT_FROM:
            parts.append(f"powiat {powiat.name}")
        voivodeship = self.units.get(unit.code[:2]) if len(unit.code) > 2 else None
        if voivodeship is not None:
            parts.append(f"woj. {voivodeship.name.lower()}")
        return f"{unit.name} ({unit.code}) — {', '.join(parts)}"

    @cached_property
    def _names_by_length(self) -> dict[int, dict[str, list[Unit]]]:
        """Folded names of self-governing units by code length (2, 4, 7)."""
        index: dict[int, dict[str, list[Unit]]] = {2: {}, 4: {}, 7: {}}
        for unit in self.units.values():
            if len(unit.code) == 7 and unit.code[6] not in "123":
                continue
            index[len(unit.code)].setdefault(fold_name(unit.name), []).append(unit)
        return index

    def nearest(self, name: str, length: int, limit: int = 3) -> list[Unit]:
        """Self-governing units of the same level (code length) whose names are nearest to `name`."""
        names = self._names_by_length.get(length, {})
        found: list[Unit] = []
        for match in difflib.get_close_matches(fold_name(name), list(names), n=limit, cutoff=0.6):
            found += names[match]
        return found[:limit]


_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
_PREFIX = re.compile(r"^(powiat|gmina|miasto|województwo|wojewodztwo|m\.\s*st\.)\s+", re.I)


def fold_name(name: str) -> str:
    """A name as compared with the register: no „Powiat”/„Gmina” prefix, no trailing „(…)”
    qualifier, lowercase, single spaces („Powiat opolski (lubelski)” → „opolski”)."""
    text = " ".join(_QUALIFIER.sub("", name).split())
    text = _PREFIX.sub("", text)
    return text.casefold()


def parse_register_csv(text: str) -> dict[str, Unit]:
    """The shipped register file (code,name,kind,stan_na) as units by code."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if tuple(header or ()) != CSV_HEADER:
        raise ValueError(f"nagłówek rejestru to {header}, oczekiwano {','.join(CSV_HEADER)}")
    return {row[0]: Unit(*row) for row in reader if row}


def register_csv(units: dict[str, Unit]) -> str:
    """The shipped register file for units, sorted by code (the register's own order)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for code in sorted(units):
        unit = units[code]
        writer.writerow((unit.code, unit.name, unit.kind, unit.stan_na))
    return out.getvalue()


def read_register(folder: Path) -> Register:
    units = parse_register_csv((folder / CSV_NAME).read_text(encoding="utf-8"))
    meta = RegisterMeta(**json.loads((folder / META_NAME).read_text(encoding="utf-8")))
    return Register(units, meta)


@cache
def load_register(folder: Path = DATA) -> Register:
    """The register in `folder` (default: the one the program ships), read once per process."""
    return read_register(folder)


def write_register(folder: Path, units: dict[str, Unit], meta: RegisterMeta) -> None:
    """Replace the register in `folder` atomically: both files are written to temporary files
    first and renamed into place only when both are complete."""
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in ((CSV_NAME, register_csv(units)), (META_NAME, meta.to_json())):
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            os.chmod(temp, 0o644)  # mkstemp makes 0600; the register is package data anyone may read
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            staged.append((name, Path(temp)))
        for name, staged_path in staged:
            os.replace(staged_path, folder / name)
    finally:
        for _, staged_path in staged:
            staged_path.unlink(missing_ok=True)
    load_register.cache_clear()
