"""bdp as an installed tool (issue #17): the wheel carries its schemas, templates and MkDocs
configuration, works on any content root from any folder, and a root's own files win."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT, VALID, run_bdp

CONTENT = ("bdp.yaml", "practices", "registry", "contests", "procedures", "indicators")
PACKAGING = ("pyproject.toml", "setup.py", "MANIFEST.in", "LICENSE", "LICENSES", "generator", "schema", "site_overrides", "mkdocs.yml")


def copy_bundled_content(target: Path) -> Path:
    """The repository's content without mkdocs.yml, schema/ or site_overrides/: the packaged defaults apply."""
    target.mkdir(parents=True)
    for name in CONTENT:
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


@pytest.mark.slow
def test_wheel_installs_a_bdp_that_builds_the_bundled_content_from_another_folder(tmp_path: Path) -> None:
    source = tmp_path / "zrodla"  # only what packaging reads, so no stale build/lib of the checkout slips in
    for name in PACKAGING:
        path = PROJECT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)],
                           capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("baza_dobrych_praktyk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"generator/defaults/schema/{p.name}" for p in (PROJECT / "schema").glob("*.json")}
    expected |= {f"generator/defaults/{p.relative_to(PROJECT).as_posix()}" for p in (PROJECT / "site_overrides").rglob("*") if p.is_file()}
    expected |= {"generator/defaults/mkdocs.yml", "generator/site/mkdocs_seam.py", "generator/data/terc.csv", "generator/data/terc.json"}
    expected |= {f"generator/{p.relative_to(PROJECT / 'generator').as_posix()}" for p in (PROJECT / "generator" / "assets").rglob("*")
                 if p.is_file()}
    assert expected <= names, sorted(expected - names)
    assert not [n for n in names if n.startswith(("schema/", "site_overrides/", "tests/", "practices/"))]

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    installed = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                               capture_output=True, text=True, timeout=1800)
    assert installed.returncode == 0, installed.stderr
    content = copy_bundled_content(tmp_path / "tresc")
    elsewhere = tmp_path / "gdzie-indziej"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def bdp(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bin_dir / "bdp"), *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=900)

    where = subprocess.run([str(bin_dir / "python"), "-c", "import generator.paths as p; print(p.MKDOCS_CONFIG)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    assert bdp("--version").stdout.startswith("bdp ")
    checked = bdp("--root", "../tresc", "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Nie znaleziono problemów" in checked.stdout
    site = bdp("build", "--root", "../tresc", "--quiet")
    assert site.returncode == 0, site.stdout + site.stderr
    assert (content / "site" / "index.html").is_file()
    assert (content / "site" / "deklaracja-dostepnosci" / "index.html").is_file()  # a template from site_overrides
    assert (content / "site" / "dane" / "schematy" / "practice.schema.json").is_file()
    assert not (elsewhere / "site").exists() and not (elsewhere / "build").exists()
    refused = bdp("guide", "--write")  # the repository's own files: not from an installed copy
    assert refused.returncode == 2 and "działają tylko w jego kopii" in refused.stderr
    assert not list(venv.rglob("CONTRIBUTING.md"))


def test_config_overrides_resolve_the_roots_own_hooks_and_drop_the_old_bdp_hooks(tmp_path: Path) -> None:
    from generator.site.mkdocs_seam import LEGACY_HOOKS as HOOKS_FILE
    from generator.site.mkdocs_seam import config_overrides

    (tmp_path / "moje_haki.py").write_text("", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: X\ntheme:\n  name: material\n  language: pl\nhooks:\n  - moje_haki.py\n  - {HOOKS_FILE}\n",
                      encoding="utf-8")
    overrides = config_overrides(config, tmp_path / "szablony")
    assert overrides["hooks"] == [str(tmp_path / "moje_haki.py")]  # bdp's own plugin is added by build_site
    assert overrides["theme"] == {"name": "material", "language": "pl", "custom_dir": str(tmp_path / "szablony")}
    assert "theme" not in config_overrides(config)


def test_a_roots_own_mkdocs_yml_wins(tmp_path: Path) -> None:
    from generator.paths import MKDOCS_CONFIG

    root = shutil.copytree(VALID, tmp_path / "tree")
    text = MKDOCS_CONFIG.read_text(encoding="utf-8").replace("site_name: Baza Dobrych Praktyk\n", "site_name: Własna baza testowa\n")
    (root / "mkdocs.yml").write_text(text.replace("custom_dir: site_overrides", f"custom_dir: {PROJECT / 'site_overrides'}"),
                                     encoding="utf-8")
    result = run_bdp("--root", str(root), "build", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " - Własna baza testowa</title>" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_a_roots_own_site_overrides_win(tmp_path: Path) -> None:
    root = shutil.copytree(VALID, tmp_path / "tree")
    shutil.copytree(PROJECT / "site_overrides", root / "site_overrides")
    main = root / "site_overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% block announce %}Szablon katalogu treści{% endblock %}\n",
                    encoding="utf-8")
    result = run_bdp("--root", str(root), "build", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Szablon katalogu treści" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_a_roots_own_schemas_win_and_are_published(tmp_path: Path) -> None:
    from generator.check.validate import validate_tree
    from generator.content.schemafiles import published_schemas
    from generator.paths import schema_dir
    from generator.render.opendata import _schema_files

    root = shutil.copytree(VALID, tmp_path / "tree")
    shutil.copytree(PROJECT / "schema", root / "schema")
    practice = root / "schema" / "practice.schema.json"
    schema = json.loads(practice.read_text(encoding="utf-8"))
    schema["properties"]["title"]["maxLength"] = 5
    practice.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    problems = validate_tree(root).problems
    assert {(p.rule, p.pointer) for p in problems} == {("schema.maxLength", "/title")}
    assert all(p.path.startswith("practices/") for p in problems)
    files, _ = _schema_files(published_schemas(schema_dir(root)))
    assert files["dane/schematy/practice.schema.json"] == practice
    assert validate_tree(VALID).problems == []
