"""The editor guide and the GitHub issue form, both generated from the schemas so they cannot drift."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from generator.check.catalog import RULES
from generator.content.recordtypes import ALL_TYPES, PRACTICE, RecordType
from generator.content.schemas import load_schemas

GUIDE_START = "<!-- Poniżej: treść generowana z schema/ przez `bdp guide --write`. Nie edytuj ręcznie. -->"


def deref(node: dict[str, Any], schemas: dict[str, dict[str, Any]], current: str) -> tuple[dict[str, Any], str]:
    """Follow $ref across schema files, keeping the keywords written beside it."""
    ref = node.get("$ref")
    if not ref:
        return node, current
    file, _, pointer = ref.partition("#")
    current = file or current
    target: Any = schemas[current]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    resolved, current = deref(target, schemas, current)
    return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}, current


def fields(schema: dict[str, Any], schemas: dict[str, dict[str, Any]], current: str, prefix: str = "") -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(dotted name, property schema, required) for every field, nested ones included, in schema order."""
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        resolved, where = deref(prop, schemas, current)
        path = f"{prefix}{name}"
        yield path, resolved, name in required
        if resolved.get("type") == "object":
            yield from fields(resolved, schemas, where, f"{path}.")
        items, items_where = deref(resolved.get("items", {}), schemas, where)
        if items.get("type") == "object":
            yield from fields(items, schemas, items_where, f"{path}[].")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _text(text: str) -> str:
    """Schema prose for a table cell, `<` and `>` as entities: GitHub and the site would otherwise
    read `<id>` in "practices/<id>/" as an HTML tag (code spans, as in examples, need no entities)."""
    return _cell(text).replace("<", "&lt;").replace(">", "&gt;")


def _allowed(prop: dict[str, Any], schemas: dict[str, dict[str, Any]], current: str) -> str:
    items, _ = deref(prop.get("items", {}), schemas, current)
    values = prop.get("enum") or items.get("enum")
    if values:
        return "; ".join(f"`{v}`" for v in values)
    kind = str(prop.get("type") or items.get("type"))
    return {"boolean": "`true` albo `false`", "integer": "liczba całkowita", "number": "liczba",
            "array": "lista", "object": "zbiór pól"}.get(kind, "tekst")


def _example(prop: dict[str, Any]) -> str:
    examples = prop.get("examples")
    if not examples:
        return ""
    value = examples[0]
    return f"`{json.dumps(value, ensure_ascii=False)}`" if not isinstance(value, str) else f"`{value}`"


def type_section(rtype: RecordType) -> str:
    schemas = load_schemas()
    schema = schemas[rtype.schema]
    where = f"`{rtype.folder}/<id>.md` (albo `{rtype.folder}/<id>/index.md` z załącznikami)" if rtype.markdown else f"`{rtype.folder.replace('*', '<edycja>')}/<id>.yaml`"
    lines = [f"### {schema['title']}\n", f"{_text(schema['description'])} Plik: {where}. Schemat: `schema/{rtype.schema}`.\n",
             "| Pole | Nazwa | Wymagane | Opis | Dozwolone wartości | Przykład |", "| --- | --- | --- | --- | --- | --- |"]
    for path, prop, required in fields(schema, schemas, rtype.schema):
        private = " **Nie trafia na stronę, ale jest widoczne w publicznym repozytorium.**" if prop.get("x-private") else ""
        lines.append(f"| `{path}` | {_cell(prop.get('title', ''))} | {'tak' if required else 'nie'} | "
                     f"{_text(prop.get('description', ''))}{private} | {_allowed(prop, schemas, rtype.schema)} | {_cell(_example(prop))} |")
    return "\n".join(lines) + "\n"


def settings_section() -> str:
    """The content root's settings file bdp.yaml (schema/settings.schema.json), in the same table form."""
    schemas = load_schemas()
    schema = schemas["settings.schema.json"]
    lines = [f"### {schema['title']}\n", f"{_text(schema['description'])} Plik: `bdp.yaml` w katalogu treści. "
             "Schemat: `schema/settings.schema.json`.\n",
             "| Pole | Nazwa | Wymagane | Opis | Dozwolone wartości | Przykład |", "| --- | --- | --- | --- | --- | --- |"]
    for path, prop, required in fields(schema, schemas, "settings.schema.json"):
        lines.append(f"| `{path}` | {_cell(prop.get('title', ''))} | {'tak' if required else 'nie'} | "
                     f"{_text(prop.get('description', ''))} | {_allowed(prop, schemas, 'settings.schema.json')} | {_cell(_example(prop))} |")
    return "\n".join(lines) + "\n"


def render_guide() -> str:
    """The generated part of the editor guide: every field of every record type and every rule."""
    parts = ["## Pola rekordów\n", "Poniższe tabele powstają automatycznie ze schematów w katalogu `schema/`.\n"]
    parts += [type_section(rtype) for rtype in ALL_TYPES]
    parts.append(settings_section())
    parts.append("## Komunikaty walidatora\n")
    parts.append("Każdy problem ma postać `plik:linia: /pole: komunikat [reguła]`. Reguły oznaczone jako ostrzeżenia nie blokują publikacji.\n")
    parts.append("| Reguła | Znaczenie i sposób poprawy |\n| --- | --- |")
    parts += [f"| `{rule}` | {_text(text)} |" for rule, text in RULES.items()]
    return "\n".join(parts) + "\n"


# ---- the GitHub issue form "Zgłoś dobrą praktykę" -------------------------------------------------

FORM_FIELDS: tuple[tuple[str, str, str], ...] = (
    # (form id, practice field it fills, form element type)
    ("title", "title", "input"),
    ("summary", "summary", "textarea"),
    ("jst", "jst", "input"),
    ("sectors", "sectors", "dropdown"),
    ("period_start", "period.start", "input"),
    ("period_end", "period.end", "input"),
    ("results", "results", "textarea"),
    ("transferability", "transferability", "textarea"),
    ("description", "(treść)", "textarea"),
    ("source_title", "sources", "input"),
    ("source_url", "sources", "input"),
    ("contact_role", "contact.role", "input"),
)
FORM_LABELS = {
    "title": "Tytuł praktyki", "summary": "Streszczenie", "jst": "Samorządy",
    "sectors": "Sektory", "period_start": "Początek realizacji", "period_end": "Koniec realizacji",
    "results": "Rezultaty", "transferability": "Jak przenieść praktykę", "description": "Opis praktyki",
    "source_title": "Źródło informacji", "source_url": "Adres źródła", "contact_role": "Kontakt (stanowisko lub komórka)",
}
FORM_REQUIRED = {"title", "summary", "jst", "sectors", "source_title"}


def render_issue_form() -> str:
    """YAML of .github/ISSUE_TEMPLATE/zglos-dobra-praktyke.yml, from the practice schema."""
    schemas = load_schemas()
    props = {path: prop for path, prop, _ in fields(schemas[PRACTICE.schema], schemas, PRACTICE.schema)}
    sectors = deref(schemas["defs.schema.json"]["$defs"]["sector"], schemas, "defs.schema.json")[0]["enum"]
    extra = {
        "jst": "Nazwy samorządów (np. „Płock”, „Powiat leżajski”) albo kody TERYT, oddzielone przecinkami.",
        "results": "Każdy rezultat w osobnej linii; tylko fakty, które potwierdza źródło.",
        "description": "Opis dla czytelników: na czym polega praktyka, jak przebiegała, co warto przenieść.",
        "source_title": "Tytuł dokumentu, uchwały lub publikacji, z której pochodzą informacje.",
        "source_url": "Adres internetowy tego dokumentu (jeśli jest).",
    }
    out = ["# Generated from schema/practice.schema.json by `bdp guide --write`; do not edit by hand.",
           "name: Zgłoś dobrą praktykę",
           "description: Formularz dla samorządów i organizacji — zgłoszenie zamienia się w propozycję rekordu do przeglądu.",
           'title: "Zgłoszenie praktyki: "',
           "labels: [zgloszenie]",
           "body:",
           "  - type: markdown",
           "    attributes:",
           "      value: >-",
           "        Dziękujemy! Po przejrzeniu zgłoszenia redakcja doda etykietę, a automat przygotuje propozycję zmiany",
           "        (pull request) z rekordem praktyki. Nie podawaj danych osobowych osób prywatnych."]
    for form_id, field, kind in FORM_FIELDS:
        prop = props.get(field, {})
        description = extra.get(form_id) or prop.get("description", "")
        out += [f"  - type: {kind}", f"    id: {form_id}", "    attributes:",
                f"      label: {json.dumps(FORM_LABELS[form_id], ensure_ascii=False)}",
                f"      description: {json.dumps(description, ensure_ascii=False)}"]
        if kind == "dropdown":
            out.append("      multiple: true")
            out.append("      options:")
            out += [f"        - {json.dumps(s, ensure_ascii=False)}" for s in sectors]
        out += ["    validations:", f"      required: {'true' if form_id in FORM_REQUIRED else 'false'}"]
    return "\n".join(out) + "\n"
