"""Every rule id the code emits is in the rule catalogue (check/catalog.py), which feeds the editor
guide, and every catalogue entry is emitted somewhere: a new `Problem(..., "x.y")` without a
catalogue line fails here, not in an editor's hands."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from generator.check.catalog import RULES

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
# A rule id: a known prefix, a dot, a name (schema keywords keep jsonschema's camelCase).
SHAPE = re.compile(r"^[a-z]+\.[a-zA-Z][a-zA-Z-]*$")
# String constants of rule shape that are not rules: issue-form field ids (render/guide.py).
NOT_RULES = {"period.start", "period.end"}
# Emitted as f"schema.{keyword}" for the keywords the schema messages do not name one by one.
KEYWORD_RULES = {"schema.minimum", "schema.maximum"}


def _calls_and_constants() -> tuple[set[str], set[str], list[str]]:
    """Rule arguments of Problem(...) calls; every string constant of rule shape; non-constant
    rule arguments (file:line) for the record."""
    called: set[str] = set()
    constants: set[str] = set()
    dynamic: list[str] = []
    for path in sorted(GENERATOR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SHAPE.match(node.value):
                constants.add(node.value)
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Problem"):
                continue
            for arg in list(node.args[4:5]) + [k.value for k in node.keywords if k.arg == "rule"]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    called.add(arg.value)
                else:
                    dynamic.append(f"{path.relative_to(GENERATOR)}:{node.lineno}")
    return called, constants, dynamic


def emitted_rules() -> set[str]:
    """Rule ids passed to Problem directly, and rule-shaped constants with a rule prefix (the ids
    passed through a variable: YamlProblem, _problem, message tuples)."""
    called, constants, _ = _calls_and_constants()
    prefixes = {rule.split(".")[0] for rule in called | set(RULES)}
    return called | {c for c in constants if c.split(".")[0] in prefixes} - NOT_RULES


def test_the_collector_sees_rules_passed_directly_and_through_variables() -> None:
    called, _, dynamic = _calls_and_constants()
    assert {"id.reserved", "settings.placeholder"} <= called
    assert {"parse.duplicate-key", "schema.required", "table.source"} <= emitted_rules()
    assert dynamic, "some rules pass through variables; the constants catch them"


def test_every_emitted_rule_is_in_the_catalogue() -> None:
    missing = sorted(emitted_rules() - set(RULES))
    assert missing == [], f"dopisz do generator/check/catalog.py i uruchom bdp guide --write: {missing}"


def test_every_catalogued_rule_is_emitted() -> None:
    assert sorted(set(RULES) - emitted_rules() - KEYWORD_RULES) == []
    assert set(RULES) >= KEYWORD_RULES


def test_rule_ids_have_one_shape() -> None:
    assert [rule for rule in RULES if not SHAPE.match(rule)] == []
