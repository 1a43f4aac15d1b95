"""Build time (Python) and query time (JavaScript, run with node) give the same search tokens."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT
from generator.model import build_model
from generator.search.index import _strings, search_docs
from generator.search.text import tokens
from generator.validate import validate_tree

SCRIPT = PROJECT / "generator" / "assets" / "search" / "bdp-search.js"
RUNNER = """
const BDP = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(input.map(t => BDP.tokens(t))));
"""


def node() -> str:
    found = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if not found:
        pytest.fail("node is needed for the parity test (apt-get install nodejs)")
    return found


def js_tokens(texts: list[str], tmp_path: Path) -> list[list[str]]:
    runner = tmp_path / "runner.js"
    runner.write_text(RUNNER, encoding="utf-8")
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=json.dumps(texts), capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def bundled_texts() -> list[str]:
    """Every piece of searchable text in the bundled content: all record strings and bodies."""
    result = validate_tree(PROJECT)
    assert result.ok
    texts = [s for r in result.records for s in _strings(r.data)] + [r.body for r in result.records if r.body]
    model = build_model(result.records)
    texts += [t for d in search_docs(model) for t in (d.title, d.snippet)]
    return texts


def test_every_word_of_the_bundled_content_gets_the_same_tokens(tmp_path: Path) -> None:
    texts = bundled_texts()
    raw_words = sorted({w for t in texts for w in re.split(r"\s+", t) if w})
    assert len(raw_words) > 3000
    js = js_tokens(raw_words, tmp_path)
    differences = [(w, tokens(w), j) for w, j in zip(raw_words, js) if tokens(w) != j]
    assert not differences, differences[:20]


def test_whole_texts_get_the_same_tokens(tmp_path: Path) -> None:
    texts = bundled_texts()
    assert js_tokens(texts, tmp_path) == [tokens(t) for t in texts]


def test_tricky_strings_get_the_same_tokens(tmp_path: Path) -> None:
    tricky = ["ĄĆĘŁŃÓŚŹŻ", "İstanbul straße", "ﬁnanse", "e\u0301tude", "covid19 2014–2015", "x-y_z", "Ⅻ ½ ²",
              "naïve café", "ǅ ǈ", "ΣΑΣ", "a\u200bb", "", "   "]
    assert js_tokens(tricky, tmp_path) == [tokens(t) for t in tricky]


def test_the_queries_of_the_issue_match_forms_in_the_text(tmp_path: Path) -> None:
    pairs = [("odpady", "odpadami"), ("plock", "Płock"), ("konsultacje", "konsultacji"), ("wspolpraca", "współpracy"),
             ("strategia", "strategii")]
    js = js_tokens([p for pair in pairs for p in pair], tmp_path)
    assert all(js[2 * n] == js[2 * n + 1] != [] for n in range(len(pairs)))

