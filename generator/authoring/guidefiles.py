"""The committed files generated from the schemas: CONTRIBUTING.md (generated part) and the issue form."""
from __future__ import annotations

from pathlib import Path

from generator.paths import PROJECT_DIR
from generator.render.guide import GUIDE_START, render_guide, render_issue_form

CONTRIBUTING = PROJECT_DIR / "CONTRIBUTING.md"
ISSUE_FORM = PROJECT_DIR / ".github" / "ISSUE_TEMPLATE" / "zglos-dobra-praktyke.yml"


def expected_files() -> dict[Path, str]:
    intro = CONTRIBUTING.read_text(encoding="utf-8").split(GUIDE_START)[0] if CONTRIBUTING.exists() else ""
    return {CONTRIBUTING: intro + GUIDE_START + "\n\n" + render_guide(), ISSUE_FORM: render_issue_form()}


def check_guide_files() -> list[Path]:
    """Generated files whose committed text differs from what the schemas give now."""
    return [path for path, text in expected_files().items() if not path.exists() or path.read_text(encoding="utf-8") != text]


def write_guide_files() -> list[Path]:
    written = []
    for path, text in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
