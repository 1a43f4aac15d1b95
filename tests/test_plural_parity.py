"""The search page counts its results in the browser: its plural() must agree with generator/polish.py."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from test_search_parity import SCRIPT, node

from generator.polish import plural

RUNNER = """
const BDP = require(process.argv[2]);
const counts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(counts.map(n => BDP.plural(n, "wynik", "wyniki", "wyników"))));
"""


def test_search_page_plural_agrees_with_python(tmp_path: Path) -> None:
    counts = [*list(range(0, 250)), 1000, 1001, 1002, 1012, 1022, 10004, 10014]
    runner = tmp_path / "runner.js"
    runner.write_text(RUNNER, encoding="utf-8")
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=json.dumps(counts), capture_output=True,
                          text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == [plural(n, "wynik", "wyniki", "wyników") for n in counts]
