"""Every schema pattern matches the whole value: a trailing line break is refused (Python's `$`
matches before a final "\\n", ECMA-262's does not), by both validation paths."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.check.fastcheck import bundled, is_valid
from generator.check.validate import validate_tree
from generator.content.schemas import ecma_pattern, python_patterns, validator_for
from generator.paths import SCHEMA_DIR


def _patterns(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield where, value
            else:
                yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _patterns(value, f"{where}/{index}")


MULTI_LINE = "defs.schema.json#/$defs/text"
PATTERNS = sorted({(f"{path.name}#{where}", pattern) for path in sorted(SCHEMA_DIR.glob("*.json"))
                   for where, pattern in _patterns(json.loads(path.read_text(encoding="utf-8")), "")})


def test_every_pattern_is_found() -> None:
    assert len(PATTERNS) >= 19
    assert any("teryt" in where or "1462011" in pattern or "[0-9]{7}" in pattern for where, pattern in PATTERNS)


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[w for w, _ in PATTERNS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pattern_refuses_trailing_newline_in_both_validators(where: str, pattern: str, data: st.DataObject) -> None:
    if where.startswith("indicator-table.tableschema.json"):
        full = pattern  # Table Schema patterns are implicitly anchored; tables.py checks them with re.fullmatch
        value = data.draw(st.from_regex(full, fullmatch=True).filter(lambda v: "\n" not in v))
        assert re.fullmatch(full, value) and not re.fullmatch(full, value + "\n")
        return
    value = data.draw(st.from_regex(pattern, fullmatch=True).filter(lambda v: not v.endswith("\n")))
    schema = python_patterns({"type": "string", "pattern": pattern})
    slow = Draft202012Validator(schema)
    fast = fastjsonschema.compile(schema)
    assert slow.is_valid(value), (pattern, value)
    fast(value)
    if where == MULTI_LINE:  # descriptions may span lines; this pattern only keeps out invisible characters
        assert slow.is_valid(value + "\n")
        return
    for bad in (value + "\n", value + "\r\n"):
        assert not slow.is_valid(bad), (pattern, bad)
        with pytest.raises(fastjsonschema.JsonSchemaException):
            fast(bad)


ORACLE_VALUES = ["", "a", "abc", "1462011", "14", "1462", "x-y", "2024-01-31", "2024-01", "https://example.org/a",
                 "jan@example.org", "ABC", "1.2.3", "+48 123 456 789", "a--b", "zalacznik-1.pdf"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node (ECMA-262 reference) not installed")
def test_validators_agree_with_ecma262() -> None:
    """The reference: JavaScript's RegExp (ECMA-262, the dialect JSON Schema names). Every pattern,
    every value with and without a trailing line break, judged the same by our validators."""
    cases = [(pattern, value + tail) for where, pattern in PATTERNS if not where.startswith("indicator-table")
             for value in ORACLE_VALUES for tail in ("", "\n", "\r\n", "\n\n")]
    script = "const c=JSON.parse(require('fs').readFileSync(0,'utf8'));console.log(JSON.stringify(c.map(([p,v])=>new RegExp(p).test(v))))"
    run = subprocess.run(["node", "-e", script], input=json.dumps(cases), capture_output=True, text=True, timeout=60, check=True)
    expected = json.loads(run.stdout)
    assert len(expected) == len(cases) and any(expected) and not all(expected)
    for (pattern, value), ecma in zip(cases, expected, strict=False):
        schema = python_patterns({"type": "string", "pattern": pattern})
        assert Draft202012Validator(schema).is_valid(value) == ecma, (pattern, value)
        try:
            fastjsonschema.validate(schema, value)
            fast = True
        except fastjsonschema.JsonSchemaException:
            fast = False
        assert fast == ecma, (pattern, value)


def test_the_real_validators_use_the_rewritten_patterns() -> None:
    """Both paths: fastcheck's bundled schema and jsonschema's validator carry no bare `$`."""
    def bare(node: Any) -> list[str]:
        return [p for _, p in _patterns(node, "") if p != ecma_pattern(p)]
    assert bare(bundled("jst.schema.json")) == [] and bare(bundled("practice.schema.json")) == []
    assert bare(validator_for("jst.schema.json").schema) == []


@pytest.mark.parametrize(("pattern", "expected"), [
    ("^[a-z]+$", r"^[a-z]+\Z"), (r"^[^$]*$", r"^[^$]*\Z"), (r"^a\$b$", r"^a\$b\Z"), ("^(a|b)$|^c$", r"^(a|b)\Z|^c\Z"),
    (r"^[\]$]$", r"^[\]$]\Z"),
])
def test_ecma_pattern(pattern: str, expected: str) -> None:
    assert ecma_pattern(pattern) == expected


@pytest.mark.parametrize(("file", "old", "new", "pointer"), [
    ("registry/jst/lubicz.yaml", 'teryt: "0415042"', 'teryt: "0415042\\n"', "/teryt"),
    ("registry/jst/lubicz.yaml", "id: lubicz", 'id: "lubicz\\n"', "/id"),
    ("registry/sources/dokument-testowy.yaml", "file: 000_test.txt", 'file: "000_test.txt\\n"', "/file"),
    ("practices/praktyka-testowa.md", 'email: "konsultacje@example.gov.pl"', 'email: "konsultacje@example.gov.pl\\n"', "/contact/email"),
])
def test_trailing_newline_is_a_pattern_error_end_to_end(valid_tree: Path, file: str, old: str, new: str, pointer: str) -> None:
    path = valid_tree / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = validate_tree(valid_tree)
    assert any(p.rule == "schema.pattern" and p.pointer == pointer for p in result.problems), result.problems


def test_fast_path_refuses_trailing_newline(valid_tree: Path) -> None:
    data = yaml.safe_load((valid_tree / "registry" / "jst" / "lubicz.yaml").read_text(encoding="utf-8"))
    assert is_valid("jst.schema.json", data)
    assert not is_valid("jst.schema.json", {**data, "teryt": data["teryt"] + "\n"})
    assert not is_valid("jst.schema.json", {**data, "id": data["id"] + "\n"})


def test_duplicate_teryt_with_newline_is_not_a_second_record(valid_tree: Path) -> None:
    """The case from the report: a second Płock with "1462011\\n" must not pass as a new code."""
    text = (valid_tree / "registry" / "jst" / "lubicz.yaml").read_text(encoding="utf-8")
    (valid_tree / "registry" / "jst" / "lubicz-bis.yaml").write_text(
        text.replace("id: lubicz", "id: lubicz-bis").replace('teryt: "0415042"', 'teryt: "0415042\\n"'), encoding="utf-8")
    result = validate_tree(valid_tree)
    assert [(p.path, p.rule) for p in result.problems if p.severity == "error"] == [("registry/jst/lubicz-bis.yaml", "schema.pattern")]
