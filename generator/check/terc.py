"""Records of local governments checked against the official TERC register (rules teryt.register, teryt.name).

Runs only on public content roots: a demo root (bdp.yaml: demo: true) holds fictional places.
Codes that are not well formed are left to teryt.format; here a well-formed code must name a unit
of the register, the record's name must be the register's name, and the type its kind.
"""
from __future__ import annotations

from collections.abc import Iterator

from generator.content import teryt
from generator.content.records import Record
from generator.content.terc import Register, fold_name
from generator.problems import Problem


def _well_formed(code: object) -> bool:
    return (isinstance(code, str) and code.isdigit() and len(code) in (2, 4, 7)
            and teryt.structure_problem(code) is None)


def _suggestions(register: Register, name: object, length: int) -> str:
    if not isinstance(name, str) or not name.strip():
        return "sprawdź kod w rejestrze TERYT (eteryt.stat.gov.pl)"
    near = register.nearest(name, length)
    if not near:
        return f"w rejestrze nie ma też jednostki o nazwie podobnej do „{name}”; sprawdź kod w rejestrze TERYT (eteryt.stat.gov.pl)"
    return "może chodzi o: " + "; ".join(register.describe(u) for u in near)


def register_problems(records: list[Record], register: Register) -> Iterator[Problem]:
    """Every jst record: its code is in the register (error), its name (warning) and type (error) agree."""
    date = register.meta.stan_na
    for record in (r for r in records if r.type.name == "jst"):
        code = record.get("teryt")
        if not _well_formed(code):
            continue  # the schema or teryt.format reports it
        unit = register.get(code)
        if unit is None:
            uncertain = (" Rekord ma teryt_verified: false — ustal samorząd w źródle i wpisz jego prawdziwy kod."
                         if record.get("teryt_verified") is False else "")
            yield Problem(record.path, record.line("/teryt"), "/teryt",
                          f"kodu TERYT „{code}” nie ma w rejestrze TERC (stan na {date}); {_suggestions(register, record.get('name'), len(code))}."
                          + uncertain, "teryt.register")
            continue
        declared = record.get("type")
        kind = register.jst_kind(code)
        if declared in teryt.JST_TYPES and kind and declared != kind and teryt.type_problem(code, declared) is None:
            yield Problem(record.path, record.line("/type"), "/type",
                          f"w rejestrze TERC (stan na {date}) {register.describe(unit)} to „{kind}”, a w polu type podano „{declared}”",
                          "teryt.type-mismatch")
        name = record.get("name")
        if isinstance(name, str) and fold_name(name) != fold_name(unit.name):
            yield Problem(record.path, record.line("/name"), "/name",
                          f"nazwa „{name}” różni się od nazwy w rejestrze TERC dla kodu {code}: „{unit.name}” (stan na {date}); "
                          "popraw nazwę albo kod (nazwa może mieć przedrostek „Powiat” i dopisek w nawiasie)", "teryt.name", "warning")
