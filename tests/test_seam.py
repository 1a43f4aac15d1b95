"""The MkDocs seam (generator/site/mkdocs_seam.py) and the one parallel module (generator/parallel.py)."""
from __future__ import annotations

import ast
import importlib
import os
import re
import threading
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT

from generator import parallel
from generator.site import mkdocs_seam
from generator.site.mkdocs_seam import CHECKED_AGAINST, ENGINES, PRIVATE_API, Options, build_site

SEAM = PROJECT / "generator" / "site" / "mkdocs_seam.py"
ENGINE_PACKAGES = ("mkdocs", "properdocs", "material")


def tree_digest(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("distribution", sorted(CHECKED_AGAINST))
def test_installed_versions_are_the_ones_the_seam_was_checked_against(distribution: str) -> None:
    assert version(distribution) == CHECKED_AGAINST[distribution], (
        f"{distribution} {version(distribution)} is installed; check every name in PRIVATE_API against it, "
        "then update CHECKED_AGAINST in generator/site/mkdocs_seam.py")


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_listed_private_name_exists_in_each_engine(engine: str) -> None:
    for module, name, _ in PRIVATE_API:
        if module in ("material", "jinja2"):
            continue
        if module.endswith(".Page"):  # attributes set in Page.__init__ or methods of Page
            owner = importlib.import_module(f"{ENGINES[engine]}.{module.rsplit('.', 1)[0]}").Page
            source = Path(importlib.import_module(owner.__module__).__file__ or "").read_text(encoding="utf-8")
            assert hasattr(owner, name) or f"self.{name} " in source or f"self.{name}:" in source, (engine, module, name)
        else:
            assert hasattr(importlib.import_module(f"{ENGINES[engine]}.{module}"), name), (engine, module, name)


def test_the_listed_material_template_and_jinja_attribute_exist() -> None:
    import jinja2
    import material

    for module, name, _ in PRIVATE_API:
        if module == "material":
            assert (Path(material.__file__).parent / name).is_file(), name
        elif module == "jinja2":
            _, attribute = name.split(".")
            assert hasattr(jinja2.Environment().from_string("x"), attribute), name
    assert f"templates/{mkdocs_seam.NAV_TEMPLATE}" in {name for module, name, _ in PRIVATE_API if module == "material"}


def test_the_seam_uses_no_private_name_it_does_not_list() -> None:
    """Every `._name` the seam calls on an engine module or page is in PRIVATE_API."""
    listed = {name for _, name, _ in PRIVATE_API}
    used = set(re.findall(r"(?:build|page)\.(_[a-z][a-z_]+)\b", SEAM.read_text(encoding="utf-8")))
    assert used and used <= listed, used - listed


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value.split(".")[0])
    return found


def test_no_other_module_imports_mkdocs_properdocs_or_material() -> None:
    offenders = {path.relative_to(PROJECT).as_posix(): sorted(_imported(path) & set(ENGINE_PACKAGES))
                 for path in sorted((PROJECT / "generator").rglob("*.py")) if path != SEAM}
    assert {path: found for path, found in offenders.items() if found} == {}


def test_no_module_but_parallel_forks_or_makes_a_pool() -> None:
    pattern = re.compile(r"\bos\.fork\b|ProcessPoolExecutor|ThreadPoolExecutor|multiprocessing|\bPool\(")
    found = [path.relative_to(PROJECT).as_posix() for path in sorted((PROJECT / "generator").rglob("*.py"))
             if path.name != "parallel.py" and pattern.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_beside_forks_only_without_other_threads() -> None:
    import subprocess
    import sys

    fresh = "import os; from generator import parallel; assert parallel.can_fork(); assert parallel.beside(os.getpid, True)() != os.getpid()"
    assert subprocess.run([sys.executable, "-c", fresh], cwd=PROJECT, timeout=120).returncode == 0  # no thread: a forked child
    here = os.getpid()  # other tests may have left threads here; one more is started to be sure
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)  # as a preview's HTTP server
    thread.start()
    try:
        assert not parallel.can_fork()
        assert parallel.beside(os.getpid, True)() == here  # the work runs in this process
        assert parallel.pool_map(lambda _: os.getpid(), [1, 2, 3], 2) == [here] * 3
    finally:
        stop.set()
        thread.join()


def test_a_failure_in_the_forked_child_is_raised_in_the_parent() -> None:
    def fail() -> None:
        raise ValueError("zły rekord")

    with pytest.raises(ValueError, match="zły rekord"):
        parallel.beside(fail, True)()


def test_an_unknown_engine_is_a_clear_message(valid_tree: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path / "docs", tmp_path / "site", options=Options(engine="sphinx"))
    assert not result.ok and result.error == "Nieznany silnik BDP_ENGINE=„sphinx”; dozwolone: mkdocs, properdocs."
    assert not (tmp_path / "site").exists()


def test_jury_configuration_is_derived_from_the_public_one(tmp_path: Path) -> None:
    from generator.build_jury import mkdocs_config
    from generator.paths import MKDOCS_CONFIG

    public = yaml.safe_load(MKDOCS_CONFIG.read_text(encoding="utf-8"))
    jury = yaml.safe_load(mkdocs_config([("Edycja 2026", "e/index.md")]))
    assert jury["site_name"] == "Baza Dobrych Praktyk — strona dla jury (poufne)" and jury["nav"][-1] == {"Edycja 2026": "e/index.md"}
    assert jury["theme"] == {k: v for k, v in public["theme"].items() if k not in ("custom_dir", "features")}
    assert jury["validation"] == public["validation"] and jury["extra"] == {"generator": False}
    assert "site_description" not in jury and "docs_dir" not in jury and jury["use_directory_urls"] is False
    changed = tmp_path / "mkdocs.yml"  # a change in the public file reaches the jury's
    changed.write_text(yaml.safe_dump({**public, "validation": {"anchors": "info"}}, allow_unicode=True), encoding="utf-8")
    assert yaml.safe_load(mkdocs_config([], changed))["validation"] == {"anchors": "info"}


@pytest.mark.slow
def test_mkdocs_on_both_cores_writes_what_one_process_writes(valid_tree: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build import generate

    report = generate(valid_tree, tmp_path / "docs")
    assert report.ok
    single = build_site(tmp_path / "docs", tmp_path / "single", epoch=report.epoch, options=Options(workers=1))
    monkeypatch.setattr(parallel, "MKDOCS_PAGES_FROM", 1)  # the pool and the forked templates, as for a national tree
    both = build_site(tmp_path / "docs", tmp_path / "both", epoch=report.epoch, options=Options(workers=2))
    assert single.ok and both.ok, (single, both)
    pages = tree_digest(tmp_path / "single")
    assert sum(name.endswith(".html") for name in pages) == report.pages + 1  # and 404.html
    assert tree_digest(tmp_path / "both") == pages


@pytest.mark.slow
def test_properdocs_builds_the_same_site_but_for_the_generator_meta(valid_tree: Path, tmp_path: Path) -> None:
    """The seam is portable: ProperDocs (BDP_ENGINE=properdocs) renders Material's templates into
    the same files; only <meta name="generator"> names the engine."""
    from generator.build import generate

    report = generate(valid_tree, tmp_path / "docs")
    assert report.ok
    sites = {}
    for engine in ENGINES:
        result = build_site(tmp_path / "docs", tmp_path / engine, epoch=report.epoch, options=Options(engine=engine))
        assert result.ok, (engine, result)
        sites[engine] = tree_digest(tmp_path / engine)
    assert sites["mkdocs"].keys() == sites["properdocs"].keys()
    meta = re.compile(rb'<meta name="generator" content="[^"]*">')
    differing = [name for name in sites["mkdocs"] if sites["mkdocs"][name] != sites["properdocs"][name]]
    assert differing and all(name.endswith(".html") for name in differing)
    for name in differing:
        assert meta.sub(b"", sites["mkdocs"][name]) == meta.sub(b"", sites["properdocs"][name]), name
    assert b"ProperDocs 1.6" in sites["properdocs"]["index.html"]


def test_ci_builds_the_bundled_site_with_properdocs() -> None:
    ci = yaml.safe_load((PROJECT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = ci["jobs"]["properdocs"]["steps"]
    assert any(s.get("run") == ".venv/bin/bdp build" and s.get("env") == {"BDP_ENGINE": "properdocs"} for s in steps)
    assert "properdocs" in (PROJECT / "requirements" / "test.txt").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "workers"), [(e, 1) for e in sorted(ENGINES)] + [("mkdocs", 2)])
def test_a_link_to_a_missing_file_fails_the_build_with_either_engine(valid_tree: Path, tmp_path: Path, engine: str,
                                                                     workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With two workers the links are checked in the pool's processes (generator/site/pages.py), the
    warnings logged here: the same failure."""
    from generator.build import generate

    assert generate(valid_tree, tmp_path / "docs").ok
    (tmp_path / "docs" / "zrodla" / "zepsuta.md").write_text(
        "# Zepsuta\n\n[tu](nie-ma-takiej-strony.md) i [tam](../index.md#nie-ma-takiej-kotwicy)\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "MKDOCS_PAGES_FROM", 1)
    result = build_site(tmp_path / "docs", tmp_path / "site", options=Options(engine=engine, workers=workers))
    assert not result.ok
    assert any("nie-ma-takiej-strony.md" in w and "zrodla/zepsuta.md" in w for w in result.warnings), result
    assert any("nie-ma-takiej-kotwicy" in w for w in result.warnings), result.warnings
